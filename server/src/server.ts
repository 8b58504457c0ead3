import closeWithGrace from 'close-with-grace'
import { buildApp } from './app'
import { ConfigError, loadConfig } from './config'
import { analyzeForPlanner, createDb } from './db/database'
import { migrateToLatest } from './db/migrate'
import { loadSearchDictionaries } from './modules/listings/listings.search'

// Starts the API: validate config, migrate, listen; on SIGINT/SIGTERM finish in-flight
// requests and close the database before exiting.
async function main() {
  let config
  try {
    config = loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message)
      process.exit(1)
    }
    throw err
  }
  const db = createDb(config.databaseUrl, { backgroundCheckpoints: true })
  await migrateToLatest(db)
  await analyzeForPlanner(db)
  loadSearchDictionaries()
  const app = await buildApp({ config, db, h5Dir: process.env.H5_DIR, runJobs: true })
  closeWithGrace({ delay: 10_000 }, async ({ err }) => {
    if (err) app.log.error({ err }, 'shutting down after error')
    await app.close()
  })
  await app.listen({ host: config.host, port: config.port })
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})

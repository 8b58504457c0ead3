import { loadConfig } from '../src/config'
import { createDb } from '../src/db/database'
import { migrateToLatest } from '../src/db/migrate'
import { seedDemoData } from '../src/seed/seed'

// npm run seed: migrates, then adds the demo articles and people where missing.
const config = loadConfig()
const db = createDb(config.databaseUrl)
migrateToLatest(db)
  .then(() => seedDemoData(db, config.phoneEncryptionKey, new Date()))
  .then((n) => console.log(`seeded ${n.articles} articles, ${n.users} demo users, ${n.listings} demo posts, ${n.contests} demo contests`))
  .finally(() => db.destroy())

import { loadConfig } from '../src/config'
import { createDb } from '../src/db/database'
import { migrateToLatest } from '../src/db/migrate'

// npm run migrate: brings the configured database (DATABASE_URL) to the latest schema.
const config = loadConfig()
const db = createDb(config.databaseUrl)
migrateToLatest(db)
  .then((done) => console.log(done.length ? `migrated: ${done.join(', ')}` : 'database is up to date'))
  .finally(() => db.destroy())

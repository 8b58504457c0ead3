import { loadConfig } from '../src/config'
import { createDb } from '../src/db/database'
import { updateUser, findUserById } from '../src/modules/users/users.repository'

// The staff role is granted from the server's shell, never through the app:
//   npx tsx server/scripts/grant-staff.ts <user id> [--revoke]
const [idArg, flag] = process.argv.slice(2)
const id = Number(idArg)
if (!Number.isInteger(id) || id <= 0) {
  console.error('usage: grant-staff <user id> [--revoke]')
  process.exit(2)
}
const db = createDb(loadConfig().databaseUrl)
findUserById(db, id)
  .then(async (user) => {
    if (!user || user.deleted_at) throw new Error(`no user with id ${id}`)
    await updateUser(db, id, { is_staff: flag === '--revoke' ? 0 : 1 })
    console.log(`${flag === '--revoke' ? 'revoked staff from' : 'granted staff to'} user ${id} (${user.nickname ?? 'no nickname'})`)
  })
  .catch((err) => {
    console.error(err.message)
    process.exitCode = 1
  })
  .finally(() => db.destroy())

import { loadConfig } from '../src/config'
import { createDb } from '../src/db/database'
import { updateUser, findUserById } from '../src/modules/users/users.repository'
import { getRegion, isCounty, isPrefecture } from '../src/modules/regions/regions.data'
import { recordAudit, scriptDetails } from '../src/modules/audit/audit.repository'

// The staff role is granted from the server's shell, never through the app:
//   npx tsx server/scripts/grant-staff.ts <user id> [<county or prefecture code>] [--revoke]
// With a region (e.g. 513328 甘孜县, 5133 甘孜州) the staff member works only inside that area:
// the dashboard and the targets they set, the contests they create and run, the verification
// claims they see and decide (by the claimant's township) and the posts they review (by the post's
// township) — anything outside answers 403. Without one they act for the whole province.
// Every grant and revocation is written to the audit log (GET /api/staff/audit).
const args = process.argv.slice(2)
const flag = args.includes('--revoke') ? '--revoke' : undefined
const [idArg, regionArg] = args.filter((a) => a !== '--revoke')
const id = Number(idArg)
if (!Number.isInteger(id) || id <= 0 || (regionArg !== undefined && (flag || !(isCounty(regionArg) || isPrefecture(regionArg))))) {
  console.error('usage: grant-staff <user id> [<county or prefecture code>] [--revoke]')
  process.exit(2)
}
const staffRegion = flag ? null : (regionArg ?? null)
const db = createDb(loadConfig().databaseUrl)
findUserById(db, id)
  .then(async (user) => {
    if (!user || user.deleted_at) throw new Error(`no user with id ${id}`)
    // The grant and its audit entry together, or neither, at one instant (a script's clock is the wall's).
    const at = new Date()
    await db.transaction().execute(async (trx) => {
      await updateUser(trx, id, { is_staff: flag === '--revoke' ? 0 : 1, staff_region_code: staffRegion }, at.toISOString())
      await recordAudit(trx, {
        actorId: null,
        action: flag === '--revoke' ? 'staff.revoke' : 'staff.grant',
        targetType: 'user',
        targetId: id,
        details: { area: flag ? null : (staffRegion ?? '51'), previous: user.is_staff ? (user.staff_region_code ?? '51') : null, ...scriptDetails('grant-staff') },
        at,
      })
    })
    const area = staffRegion ? `, area ${staffRegion} ${getRegion(staffRegion)!.name}` : flag ? '' : ', whole province'
    console.log(`${flag === '--revoke' ? 'revoked staff from' : 'granted staff to'} user ${id} (${user.nickname ?? 'no nickname'})${area}`)
  })
  .catch((err) => {
    console.error(err.message)
    process.exitCode = 1
  })
  .finally(() => db.destroy())

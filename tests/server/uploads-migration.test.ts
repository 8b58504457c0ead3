// Migration 013 on uploads made before it: what a post, a verification or a contest entry already
// uses counts as attached from its upload on; only what nothing uses is left for the sweep.
// Runs on SQLite and PostgreSQL (the entry photos sit in a JSON column read by each dialect).
import * as m013 from '../../server/src/db/migrations/013_upload_attachment'
import * as m016 from '../../server/src/db/migrations/016_verification_proof'
import { useTestContext } from './helpers'
import { TestClock, contestBody, entryBody } from './contests-fixtures'
import { createPending, registerPerson, uploadPhoto, uploadProof, useWorld } from './listings-fixtures'

const clock = new TestClock()
const ctx = useTestContext({}, { now: clock.now })
const world = useWorld(ctx, clock.now)

test('uploads in use become attached at their upload time; the rest stay unattached', async () => {
  const person = await registerPerson(ctx, 'expert', '513328100')
  const upload = async () => (await uploadPhoto(ctx, person.auth)).json().id as number
  const [postPhoto, certificate, entryPhoto, unused] = [await upload(), (await uploadProof(ctx, person.auth)).json().id as number, await upload(), await upload()]
  await createPending(ctx, person.auth, { photoIds: [postPhoto], regionCode: '513328100' })
  const asked = await ctx.app.inject({ method: 'POST', url: '/api/verifications', headers: person.auth, payload: { institution: '四川农业大学', title: '讲师', proofId: certificate } })
  expect(asked.statusCode).toBe(201)
  const contest = await ctx.app.inject({ method: 'POST', url: '/api/staff/contests', headers: world.staff.auth, payload: contestBody() })
  const entry = await ctx.app.inject({ method: 'POST', url: `/api/contests/${contest.json().id}/entries`, headers: person.auth, payload: entryBody({ photoIds: [entryPhoto] }) })
  expect(entry.statusCode).toBe(201)

  const db = ctx.db as any
  // 013 as it was written: on the columns before 016 renamed the certificate to the proof.
  await m016.down(db)
  await m013.down(db)
  await m013.up(db)
  await m016.up(db)

  const rows = await ctx.db.selectFrom('uploads').select(['id', 'attached_at', 'created_at']).where('owner_id', '=', person.id).orderBy('id').execute()
  expect(rows.map((r) => [r.id, r.attached_at === null ? null : Date.parse(r.attached_at) === Date.parse(r.created_at)])).toEqual([
    [postPhoto, true],
    [certificate, true],
    [entryPhoto, true],
    [unused, null],
  ])
  expect(await ctx.db.selectFrom('file_deletions').selectAll().execute()).toEqual([])
})

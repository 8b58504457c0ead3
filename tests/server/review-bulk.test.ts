// Bulk decisions (POST /api/staff/review/bulk, /api/staff/verifications/bulk): county staff tick
// several items, one of which another staff member decided meanwhile and one of which lies outside
// their county. The rest are decided exactly as one tap each decides them — status, one audit row
// and one 我的消息 per item — and the answer says per item what happened. Runs on SQLite and
// PostgreSQL.
import { BULK_DECISION_MAX, REJECT_REASON_TEMPLATES } from '../../common/rules'
import { useTestContext } from './helpers'
import { CHENGDU_STREET, claimBody, createPending, expectError, GANZI_TOWN, GANZI_TOWNSHIP, registerPerson, type Auth, type Person } from './listings-fixtures'

const GANZI_COUNTY = '513328'
const MISSING = 999_999
const ctx = useTestContext()

async function staffOf(area: string | null, nickname: string): Promise<Person> {
  const person = await registerPerson(ctx, 'other', GANZI_TOWN, nickname)
  await ctx.db.updateTable('users').set({ is_staff: 1, staff_region_code: area }).where('id', '=', person.id).execute()
  return person
}

const bulk = (url: string, auth: Auth, payload: unknown) => ctx.app.inject({ method: 'POST', url, headers: auth, payload: payload as any })

async function messagesAbout(targetType: string, ids: number[]) {
  const rows = await ctx.db.selectFrom('messages').select(['recipient_id', 'kind', 'target_id', 'reason']).where('target_type', '=', targetType).where('target_id', 'in', ids).execute()
  return rows.map((r) => ({ ...r, recipient_id: Number(r.recipient_id), target_id: Number(r.target_id) }))
}

async function auditAbout(targetType: string, ids: number[]) {
  const rows = await ctx.db.selectFrom('audit_log').select(['actor_id', 'action', 'target_id', 'reason']).where('target_type', '=', targetType).where('target_id', 'in', ids.map(String)).execute()
  return rows.map((r) => ({ ...r, actor_id: Number(r.actor_id) })).sort((a, b) => a.target_id!.localeCompare(b.target_id!) || a.action.localeCompare(b.action))
}

let county: Person
let province: Person
beforeAll(async () => {
  county = await staffOf(GANZI_COUNTY, '甘孜县科协')
  province = await staffOf(null, '省科协')
})

test('bulk reject of posts: the one decided meanwhile and the one outside the county are reported, the rest rejected with one audit row and one message each', async () => {
  const regions = [GANZI_TOWNSHIP, GANZI_TOWN, GANZI_TOWNSHIP, CHENGDU_STREET]
  const authors = await Promise.all(regions.map((r, i) => registerPerson(ctx, 'farmer', r, `作者${i}`)))
  const [a, b, c, d] = await Promise.all(authors.map((p, i) => createPending(ctx, p.auth, { regionCode: regions[i] })))
  // Another staff member approves b by the single route while the county's list is on screen.
  expect((await bulk(`/api/staff/review/listing/${b}/approve`, province.auth, undefined)).statusCode).toBe(200)

  const reason = REJECT_REASON_TEMPLATES[0]
  const items = [a, b, c, d, MISSING].map((id) => ({ kind: 'listing', id }))
  const res = await bulk('/api/staff/review/bulk', county.auth, { items, decision: 'reject', reason })
  expect(res.statusCode).toBe(200)
  expect(res.json()).toEqual({
    items: [
      { kind: 'listing', id: a, outcome: 'done' },
      { kind: 'listing', id: b, outcome: 'already' },
      { kind: 'listing', id: c, outcome: 'done' },
      { kind: 'listing', id: d, outcome: 'forbidden' },
      { kind: 'listing', id: MISSING, outcome: 'missing' },
    ],
  })

  const rows = await ctx.db.selectFrom('listings').select(['id', 'status', 'reject_reason']).where('id', 'in', [a, b, c, d]).execute()
  const byId = new Map(rows.map((r) => [Number(r.id), [Number(r.id), r.status, r.reject_reason]]))
  expect([a, b, c, d].map((id) => byId.get(id))).toEqual([
    [a, 'rejected', reason],
    [b, 'published', null],
    [c, 'rejected', reason],
    [d, 'pending', null],
  ])

  const messages = await messagesAbout('listing', [a, b, c, d])
  expect(messages.sort((x, y) => x.target_id - y.target_id)).toEqual(
    [
      { recipient_id: authors[0].id, kind: 'listing.rejected', target_id: a, reason },
      { recipient_id: authors[1].id, kind: 'listing.approved', target_id: b, reason: null },
      { recipient_id: authors[2].id, kind: 'listing.rejected', target_id: c, reason },
    ].sort((x, y) => x.target_id - y.target_id),
  )
  expect(await auditAbout('listing', [a, b, c, d])).toEqual(
    [
      { actor_id: county.id, action: 'listing.reject', target_id: String(a), reason },
      { actor_id: province.id, action: 'listing.approve', target_id: String(b), reason: null },
      { actor_id: county.id, action: 'listing.reject', target_id: String(c), reason },
    ].sort((x, y) => x.target_id.localeCompare(y.target_id)),
  )

  // The same batch again: nothing is decided twice, nobody is told twice.
  const again = await bulk('/api/staff/review/bulk', county.auth, { items, decision: 'approve' })
  expect(again.json().items.map((i: { outcome: string }) => i.outcome)).toEqual(['already', 'already', 'already', 'forbidden', 'missing'])
  expect(await messagesAbout('listing', [a, b, c, d])).toHaveLength(3)
})

test('bulk approve of verification claims: the one decided meanwhile and the one outside the county are reported, the rest verified with one audit row and one message each', async () => {
  const claimants = await Promise.all([GANZI_TOWNSHIP, GANZI_TOWN, CHENGDU_STREET, GANZI_TOWNSHIP].map((r, i) => registerPerson(ctx, 'chair', r, `主席${i}`)))
  const ids: number[] = []
  for (const person of claimants) {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/verifications', headers: person.auth, payload: await claimBody(ctx, person.auth) })
    expect(res.statusCode).toBe(201)
    ids.push(res.json().id)
  }
  const [a, b, c, d] = ids
  const refusal = '请补充具体情况'
  expect((await bulk(`/api/staff/verifications/${b}/reject`, province.auth, { reason: refusal })).statusCode).toBe(200)

  const res = await bulk('/api/staff/verifications/bulk', county.auth, { ids: [a, b, c, d], decision: 'approve' })
  expect(res.statusCode).toBe(200)
  expect(res.json()).toEqual({
    items: [
      { id: a, outcome: 'done' },
      { id: b, outcome: 'already' },
      { id: c, outcome: 'forbidden' },
      { id: d, outcome: 'done' },
    ],
  })
  const users = await ctx.db.selectFrom('users').select(['id', 'verification']).where('id', 'in', claimants.map((p) => p.id)).execute()
  expect(Object.fromEntries(users.map((u) => [Number(u.id), u.verification]))).toEqual({
    [claimants[0].id]: 'verified',
    [claimants[1].id]: 'rejected',
    [claimants[2].id]: 'pending',
    [claimants[3].id]: 'verified',
  })
  const messages = await messagesAbout('verification', ids)
  expect(messages.sort((x, y) => x.target_id - y.target_id)).toEqual([
    { recipient_id: claimants[0].id, kind: 'verification.approved', target_id: a, reason: null },
    { recipient_id: claimants[1].id, kind: 'verification.rejected', target_id: b, reason: refusal },
    { recipient_id: claimants[3].id, kind: 'verification.approved', target_id: d, reason: null },
  ])
  expect(await auditAbout('verification', ids)).toEqual([
    { actor_id: county.id, action: 'verification.approve', target_id: String(a), reason: null },
    { actor_id: province.id, action: 'verification.reject', target_id: String(b), reason: refusal },
    { actor_id: county.id, action: 'verification.approve', target_id: String(d), reason: null },
  ].sort((x, y) => x.target_id.localeCompare(y.target_id)))
})

test('a bulk call is refused whole when it is malformed: a rejection without reason, no items, more than the cap; and for anyone but staff', async () => {
  const author = await registerPerson(ctx, 'farmer', GANZI_TOWNSHIP, '作者X')
  const id = await createPending(ctx, author.auth)
  const noReason = await bulk('/api/staff/review/bulk', county.auth, { items: [{ kind: 'listing', id }], decision: 'reject' })
  expectError(noReason, 400, 'VALIDATION_FAILED')
  expectError(await bulk('/api/staff/review/bulk', county.auth, { items: [], decision: 'approve' }), 400, 'VALIDATION_FAILED')
  const tooMany = Array.from({ length: BULK_DECISION_MAX + 1 }, (_, i) => i + 1)
  expectError(await bulk('/api/staff/verifications/bulk', county.auth, { ids: tooMany, decision: 'approve' }), 400, 'VALIDATION_FAILED')
  expectError(await bulk('/api/staff/review/bulk', author.auth, { items: [{ kind: 'listing', id }], decision: 'approve' }), 403, 'FORBIDDEN')
  // None of it touched the post.
  const row = await ctx.db.selectFrom('listings').select('status').where('id', '=', id).executeTakeFirstOrThrow()
  expect(row.status).toBe('pending')
  expect(await messagesAbout('listing', [id])).toEqual([])
})

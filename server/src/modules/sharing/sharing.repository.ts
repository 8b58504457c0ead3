import { sql, type Insertable, type Selectable } from 'kysely'
import { isUniqueViolation, type Db, type ShareOpensTable, type ShareRegistrationsTable, type SharesTable } from '../../db/database'
import { codeRange } from '../regions/regions.data'

export type ShareRow = Selectable<SharesTable>
export type OpenRow = Selectable<ShareOpensTable>

/** Records that `userId` registered through a share; false when their registration is already credited. */
export async function insertRegistration(db: Db, values: Insertable<ShareRegistrationsTable>): Promise<boolean> {
  try {
    await db.insertInto('share_registrations').values(values).execute()
    return true
  } catch (err) {
    if (isUniqueViolation(err)) return false
    throw err
  }
}

/**
 * Account deletion: the person's opens stay counted but name nobody (viewer_id goes, the key
 * becomes 'x:<row id>'), and their phones (visitors) are forgotten. See sharing.erase.ts.
 */
export async function eraseViewer(db: Db, userId: number): Promise<void> {
  await db
    .updateTable('share_opens')
    .set({ viewer_id: null, viewer_key: sql<string>`'x:' || cast(id as text)` })
    .where((eb) =>
      eb.or([
        eb('viewer_key', '=', `u:${userId}`),
        // Belt and braces: a phone of theirs whose fold had not run.
        eb('viewer_key', 'in', eb.selectFrom('visitors').select(sql<string>`'v:' || visitor_id`.as('key')).where('user_id', '=', userId)),
      ]),
    )
    .execute()
  await db.deleteFrom('visitors').where('user_id', '=', userId).execute()
}

/** A code, whoever's it is (deleted sharers' too: a code stays taken). */
export function findShareByCode(db: Db, code: string): Promise<ShareRow | undefined> {
  return db.selectFrom('shares').selectAll().where('code', '=', code).executeTakeFirst()
}

/** A code that still works: its sharer has not deleted their account. */
export function findLiveShare(db: Db, code: string): Promise<ShareRow | undefined> {
  return db
    .selectFrom('shares')
    .innerJoin('users', 'users.id', 'shares.sharer_id')
    .selectAll('shares')
    .where('shares.code', '=', code)
    .where('users.deleted_at', 'is', null)
    .executeTakeFirst()
}

/** The sharer's earliest code for this page and channel (one is reused for every later share). */
export function findShareFor(db: Db, sharerId: number, target: string, targetId: number, channel: string): Promise<ShareRow | undefined> {
  return db
    .selectFrom('shares')
    .selectAll()
    .where('sharer_id', '=', sharerId)
    .where('target', '=', target)
    .where('target_id', '=', targetId)
    .where('channel', '=', channel)
    .orderBy('id')
    .executeTakeFirst()
}

export async function countSharesFor(db: Db, sharerId: number, target: string, targetId: number, channel: string): Promise<number> {
  const row = await db
    .selectFrom('shares')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('sharer_id', '=', sharerId)
    .where('target', '=', target)
    .where('target_id', '=', targetId)
    .where('channel', '=', channel)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export function insertShare(db: Db, values: Insertable<SharesTable>): Promise<ShareRow> {
  return db.insertInto('shares').values(values).returningAll().executeTakeFirstOrThrow()
}

// ---------------------------------------------------------------- opens: one row per (sharer, person)

export function insertOpen(db: Db, values: Insertable<ShareOpensTable>): Promise<OpenRow> {
  return db.insertInto('share_opens').values(values).returningAll().executeTakeFirstOrThrow()
}

export function findOpen(db: Db, sharerId: number, viewerKey: string): Promise<OpenRow | undefined> {
  return db.selectFrom('share_opens').selectAll().where('sharer_id', '=', sharerId).where('viewer_key', '=', viewerKey).executeTakeFirst()
}

/** A repeat open: only when the person last opened moves (never back). */
export async function touchOpen(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('share_opens').set({ last_opened_at: at }).where('id', '=', id).where('last_opened_at', '<', at).execute()
}

/** Counts a kept-but-uncredited open after all; false when it already was (a racing replay). */
export async function creditOpen(db: Db, id: number): Promise<boolean> {
  const res = await db.updateTable('share_opens').set({ credited: 1 }).where('id', '=', id).where('credited', '=', 0).executeTakeFirst()
  return Number(res.numUpdatedRows) > 0
}

// ---------------------------------------------------------------- visitors: whose phone

/** The account a phone's visitor id belongs to, if any. */
export async function ownerOfVisitor(db: Db, visitorId: string): Promise<number | null> {
  const row = await db.selectFrom('visitors').select('user_id').where('visitor_id', '=', visitorId).executeTakeFirst()
  return row?.user_id ?? null
}

/** Ties a phone to an account unless it is already someone's (the first keeps it); true when new. */
export async function insertVisitor(db: Db, visitorId: string, userId: number, at: string): Promise<boolean> {
  const rows = await db
    .insertInto('visitors')
    .values({ visitor_id: visitorId, user_id: userId, created_at: at })
    .onConflict((oc) => oc.column('visitor_id').doNothing())
    .returning('visitor_id')
    .execute()
  return rows.length > 0
}

/** Whether opens are still keyed by the phone (none once it is someone's and folded). */
export async function hasVisitorOpens(db: Db, visitorId: string): Promise<boolean> {
  return (await db.selectFrom('share_opens').select('id').where('viewer_key', '=', `v:${visitorId}`).limit(1).executeTakeFirst()) !== undefined
}

/**
 * The phone's opens (keyed 'v:<visitor id>') become the person's ('u:<user id>'), in one
 * transaction: an open of the person's own share goes (it never counted for anyone real), and
 * where the person already has a row for that sharer the two become one — the first row, credited
 * if either was, with the later last_opened_at. Every count reads rows, so one row per (sharer,
 * person) is what keeps a person from counting twice.
 */
export async function foldVisitorOpens(db: Db, visitorId: string, userId: number): Promise<void> {
  const visitorKey = `v:${visitorId}`
  const personKey = `u:${userId}`
  await db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('share_opens').selectAll().where('viewer_key', '=', visitorKey).execute()
    for (const row of rows) {
      if (row.sharer_id === userId) {
        await trx.deleteFrom('share_opens').where('id', '=', row.id).execute()
        continue
      }
      const mine = await findOpen(trx, row.sharer_id, personKey)
      if (!mine) {
        await trx.updateTable('share_opens').set({ viewer_key: personKey, viewer_id: userId }).where('id', '=', row.id).execute()
        continue
      }
      const [first, second] = Date.parse(mine.created_at) <= Date.parse(row.created_at) ? [mine, row] : [row, mine]
      await trx.deleteFrom('share_opens').where('id', '=', second.id).execute()
      await trx
        .updateTable('share_opens')
        .set({
          viewer_key: personKey,
          viewer_id: userId,
          credited: Math.max(first.credited, second.credited),
          last_opened_at: Date.parse(first.last_opened_at) >= Date.parse(second.last_opened_at) ? first.last_opened_at : second.last_opened_at,
        })
        .where('id', '=', first.id)
        .execute()
    }
  })
}

/**
 * The sharer of the person's latest open (any of a sharer's codes) within [since, until], leaving
 * out the person themself and deleted sharers. Opens over an address's daily allowance count here too.
 */
export function latestOpenOf(db: Db, userId: number, since: string, until: string) {
  return db
    .selectFrom('share_opens as o')
    .innerJoin('users as s', 's.id', 'o.sharer_id')
    .select(['o.share_id', 'o.sharer_id'])
    .where('o.viewer_key', '=', `u:${userId}`)
    .where('o.sharer_id', '!=', userId)
    .where('s.deleted_at', 'is', null)
    .where('o.last_opened_at', '>=', since)
    .where('o.last_opened_at', '<=', until)
    .orderBy('o.last_opened_at', 'desc')
    .orderBy('o.id', 'desc')
    .executeTakeFirst()
}

// ---------------------------------------------------------------- numbers and boards

/** Credited opens: people (one row each) who opened the sharer's codes, within the address allowance. */
async function countOpens(db: Db, sharerId: number): Promise<number> {
  const row = await db
    .selectFrom('share_opens')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('sharer_id', '=', sharerId)
    .where('credited', '=', 1)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

async function countRegistrations(db: Db, sharerId: number): Promise<number> {
  const row = await db
    .selectFrom('share_registrations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('sharer_id', '=', sharerId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Pages shared, per channel: a page shared to chats twice is one (it has one code). */
async function countShared(db: Db, sharerId: number): Promise<number> {
  const row = await db
    .selectFrom(db.selectFrom('shares').select(['target', 'target_id', 'channel']).distinct().where('sharer_id', '=', sharerId).as('d'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Each of a sharer's codes with the people first credited through it and the registrations after. */
export async function resultsByShare(db: Db, sharerId: number): Promise<Array<{ target: string; target_id: number; opens: number; registrations: number }>> {
  const opens = db
    .selectFrom('share_opens')
    .select(['share_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('sharer_id', '=', sharerId)
    .where('credited', '=', 1)
    .groupBy('share_id')
    .as('o')
  const registrations = db
    .selectFrom('share_registrations')
    .select(['share_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('sharer_id', '=', sharerId)
    .groupBy('share_id')
    .as('r')
  const rows = await db
    .selectFrom('shares as s')
    .leftJoin(opens, 'o.share_id', 's.id')
    .leftJoin(registrations, 'r.share_id', 's.id')
    .select((eb) => ['s.target', 's.target_id', eb.fn.coalesce('o.n', sql<number>`0`).as('opens'), eb.fn.coalesce('r.n', sql<number>`0`).as('registrations')])
    .where('s.sharer_id', '=', sharerId)
    .execute()
  return rows.map((r) => ({ target: r.target, target_id: r.target_id, opens: Number(r.opens), registrations: Number(r.registrations) }))
}

/** When each credited open and each registration of a sharer happened, from `since` on. */
export async function resultTimesSince(db: Db, sharerId: number, since: string): Promise<{ opens: string[]; registrations: string[] }> {
  const [opens, registrations] = await Promise.all([
    db.selectFrom('share_opens').select('created_at').where('sharer_id', '=', sharerId).where('credited', '=', 1).where('created_at', '>=', since).execute(),
    db.selectFrom('share_registrations').select('created_at').where('sharer_id', '=', sharerId).where('created_at', '>=', since).execute(),
  ])
  return { opens: opens.map((r) => r.created_at), registrations: registrations.map((r) => r.created_at) }
}

export async function statsOf(db: Db, sharerId: number): Promise<{ shares: number; opens: number; registrations: number }> {
  const [shares, opens, registrations] = await Promise.all([
    countShared(db, sharerId),
    countOpens(db, sharerId),
    countRegistrations(db, sharerId),
  ])
  return { shares, opens, registrations }
}

export interface BoardRow {
  id: number
  nickname: string | null
  avatar_path: string | null
  /** Always null: the board lists live accounts only (there for displayName / avatarOf). */
  deleted_at: string | null
  region_code: string | null
  registrations: number
  opens: number
}

/**
 * 智慧科普传播员 of an area (a region code prefix; '51' = the province): everyone who has shared,
 * with their attributed registrations and credited opens. Built from the sharing tables grouped by
 * sharer, each sharer's person then read by id for their township and name: the cost follows the
 * sharers and what they brought, not how many people live in the area.
 */
function board(db: Db, regionPrefix: string) {
  const sharers = db.selectFrom('shares').select('sharer_id').groupBy('sharer_id').as('s')
  const registrations = db
    .selectFrom('share_registrations')
    .select(['sharer_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('sharer_id')
    .as('r')
  const opens = db
    .selectFrom('share_opens')
    .select(['sharer_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('credited', '=', 1)
    .groupBy('sharer_id')
    .as('o')
  return db
    .selectFrom(sharers)
    .innerJoin('users as u', 'u.id', 's.sharer_id')
    .leftJoin(registrations, 'r.sharer_id', 's.sharer_id')
    .leftJoin(opens, 'o.sharer_id', 's.sharer_id')
    .select((eb) => [
      'u.id',
      'u.nickname',
      'u.avatar_path',
      'u.deleted_at',
      'u.region_code',
      eb.fn.coalesce('r.n', sql<number>`0`).as('registrations'),
      eb.fn.coalesce('o.n', sql<number>`0`).as('opens'),
    ])
    .where('u.deleted_at', 'is', null)
    .where('u.region_code', '>=', codeRange(regionPrefix)[0])
    .where('u.region_code', '<', codeRange(regionPrefix)[1])
}

/** The top of an area's board: registrations, then opens; the earlier account first on a tie. */
export async function leaderboard(db: Db, regionPrefix: string, limit: number): Promise<BoardRow[]> {
  const rows = await db
    .selectFrom(board(db, regionPrefix).as('b'))
    .selectAll()
    .orderBy('registrations', 'desc')
    .orderBy('opens', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ ...r, registrations: Number(r.registrations), opens: Number(r.opens) }))
}

/**
 * Places on the province's board and on one county's (same order as leaderboard()), from one
 * reading of the province's board: 1 + how many are ahead of these numbers there.
 */
export async function ranksOf(
  db: Db,
  countyCode: string | null,
  me: { id: number; registrations: number; opens: number },
): Promise<{ county: number | null; province: number }> {
  const row = await db
    .selectFrom(board(db, '51').as('b'))
    .select((eb) => {
      const ahead = eb.or([
        eb('registrations', '>', me.registrations),
        eb.and([eb('registrations', '=', me.registrations), eb('opens', '>', me.opens)]),
        eb.and([eb('registrations', '=', me.registrations), eb('opens', '=', me.opens), eb('id', '<', me.id)]),
      ])
      const inCounty = countyCode ? eb('region_code', 'like', `${countyCode}%`) : sql<boolean>`1 = 0`
      return [
        eb.fn.sum<number>(eb.case().when(ahead).then(1).else(0).end()).as('province'),
        eb.fn.sum<number>(eb.case().when(eb.and([ahead, inCounty])).then(1).else(0).end()).as('county'),
      ]
    })
    .executeTakeFirstOrThrow()
  return { county: countyCode ? Number(row.county ?? 0) + 1 : null, province: Number(row.province ?? 0) + 1 }
}

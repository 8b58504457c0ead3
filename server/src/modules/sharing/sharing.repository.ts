import type { Insertable, Selectable } from 'kysely'
import type { Db, SharesTable, ShareOpensTable } from '../../db/database'

export type ShareRow = Selectable<SharesTable>

export function findShareByCode(db: Db, code: string): Promise<ShareRow | undefined> {
  return db.selectFrom('shares').selectAll().where('code', '=', code).executeTakeFirst()
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

export async function insertOpen(db: Db, values: Insertable<ShareOpensTable>): Promise<void> {
  await db.insertInto('share_opens').values(values).execute()
}

/** Whether this sharer already has an open from any of the person's keys (or their user id). */
export async function hasOpenFrom(db: Db, sharerId: number, keys: string[], viewerId: number | null): Promise<boolean> {
  const row = await db
    .selectFrom('share_opens')
    .select('id')
    .where('sharer_id', '=', sharerId)
    .where((eb) => {
      const any = [eb('viewer_key', 'in', keys)]
      if (viewerId !== null) any.push(eb('viewer_id', '=', viewerId))
      return eb.or(any)
    })
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

/** The account a visitor id was tied to when its phone's owner registered, if any. */
export async function ownerOfVisitor(db: Db, visitorKey: string): Promise<number | null> {
  const row = await db
    .selectFrom('share_opens')
    .select('viewer_id')
    .where('viewer_key', '=', visitorKey)
    .where('viewer_id', 'is not', null)
    .limit(1)
    .executeTakeFirst()
  return row?.viewer_id ?? null
}

/** Ties a phone's visitor opens to the account signed in on it. */
export async function claimVisitor(db: Db, visitorKey: string, userId: number): Promise<void> {
  await db.updateTable('share_opens').set({ viewer_id: userId }).where('viewer_key', '=', visitorKey).where('viewer_id', 'is', null).execute()
}

async function countWhere(db: Db, table: 'share_opens' | 'share_registrations', sharerId: number): Promise<number> {
  const row = await db
    .selectFrom(table)
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

export async function statsOf(db: Db, sharerId: number): Promise<{ shares: number; opens: number; registrations: number }> {
  const [shares, opens, registrations] = await Promise.all([
    countShared(db, sharerId),
    countWhere(db, 'share_opens', sharerId),
    countWhere(db, 'share_registrations', sharerId),
  ])
  return { shares, opens, registrations }
}

export interface BoardRow {
  id: number
  nickname: string | null
  avatar_path: string | null
  region_code: string | null
  registrations: number
  opens: number
}

/**
 * 智慧科普传播员 of an area (a region code prefix; '51' = the province): everyone who has shared,
 * with their attributed registrations and credited opens.
 */
function board(db: Db, regionPrefix: string) {
  return db
    .selectFrom('users as u')
    .select((eb) => [
      'u.id',
      'u.nickname',
      'u.avatar_path',
      'u.region_code',
      eb
        .selectFrom('share_registrations as r')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('r.sharer_id', '=', 'u.id')
        .as('registrations'),
      eb
        .selectFrom('share_opens as o')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('o.sharer_id', '=', 'u.id')
        .as('opens'),
    ])
    .where('u.deleted_at', 'is', null)
    .where('u.region_code', 'like', `${regionPrefix}%`)
    .where((eb) => eb.exists(eb.selectFrom('shares as s').select('s.id').whereRef('s.sharer_id', '=', 'u.id')))
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

/** 1 + how many on the area's board are ahead of these numbers (same order as leaderboard()). */
export async function rankIn(db: Db, regionPrefix: string, me: { id: number; registrations: number; opens: number }): Promise<number> {
  const row = await db
    .selectFrom(board(db, regionPrefix).as('b'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) =>
      eb.or([
        eb('registrations', '>', me.registrations),
        eb.and([eb('registrations', '=', me.registrations), eb('opens', '>', me.opens)]),
        eb.and([eb('registrations', '=', me.registrations), eb('opens', '=', me.opens), eb('id', '<', me.id)]),
      ]),
    )
    .executeTakeFirstOrThrow()
  return Number(row.n) + 1
}

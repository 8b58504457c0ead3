import { sql, type Insertable, type Selectable, type Updateable } from 'kysely'
import type { Db, ListingsTable, ListingResponsesTable, ListingEventsTable, ListingFeedbackTable, UploadsTable } from '../../db/database'
import { isPostgres } from '../../db/database'
import { LISTING_STATUSES } from '../../../../common/enums'
import { listingActions } from '../../../../common/rules'

/** The statuses an owner may still close (common/rules/listings.ts): what closes with their account. */
const CLOSABLE = LISTING_STATUSES.filter((status) => listingActions(status, false).canClose)

export type ListingRow = Selectable<ListingsTable>
export type ResponseRow = Selectable<ListingResponsesTable>
export type EventRow = Selectable<ListingEventsTable>
export type UploadRow = Selectable<UploadsTable>

export interface FeedFilter {
  kind?: string
  side?: string
  stage?: string
  category?: string
  /** 2/4/6/9-digit region code: posts whose township starts with it. */
  regionPrefix?: string
}

/**
 * Every column of ListingsTable, named: PostgreSQL also has the generated search_vector, which
 * selectAll() would drag into every feed query.
 */
export const LISTING_COLUMNS = [
  'id', 'side', 'title', 'category', 'region_code', 'description', 'author_id', 'proxy_name', 'proxy_phone_encrypted',
  'proxy_region_code', 'proxy_consent_at', 'proxy_label', 'contact_name', 'contact_phone_encrypted', 'contact_note', 'status',
  'check_suggest', 'reject_reason', 'search_tokens', 'idempotency_key', 'response_count', 'created_at', 'updated_at', 'published_at',
  'kind', 'stage', 'transfer_mode', 'patent_no', 'institution', 'addressed_to', 'voice_id',
] as const satisfies readonly (keyof ListingsTable)[]

/** Listings query with every column (see LISTING_COLUMNS). */
export function selectListings(db: Db) {
  return db.selectFrom('listings').select(LISTING_COLUMNS)
}

/** The columns of a post a card shows (ListingSummary). */
const SUMMARY_COLUMNS = [
  'l.id', 'l.kind', 'l.side', 'l.title', 'l.category', 'l.region_code', 'l.description', 'l.author_id', 'l.proxy_label', 'l.status',
  'l.stage', 'l.transfer_mode', 'l.patent_no', 'l.institution', 'l.response_count', 'l.created_at', 'l.published_at',
] as const

/**
 * Posts as cards, in one query: the columns a card shows, its author's public fields (the users
 * row is always there: author_id is a foreign key) and its thumbnail, the first photo WeChat
 * passed. What a crowd reads (the feed, search results, a studio) comes through here: a page was
 * three queries reading every column of both rows, most of the time of a feed page (bench/reads.mjs).
 */
export function selectSummaryRows(db: Db) {
  return db
    .selectFrom('listings as l')
    .innerJoin('users as u', 'u.id', 'l.author_id')
    .select(SUMMARY_COLUMNS)
    .select(['u.nickname as author_nickname', 'u.avatar_path as author_avatar_path', 'u.role as author_role', 'u.verification as author_verification', 'u.deleted_at as author_deleted_at'])
    .select((eb) =>
      eb
        .selectFrom('uploads as p')
        .select('p.thumb_path')
        .whereRef('p.listing_id', '=', 'l.id')
        .where('p.check_status', '=', 'pass')
        .orderBy('p.position')
        .orderBy('p.id')
        .limit(1)
        .as('thumb_path'),
    )
}

export type SummaryRow = Awaited<ReturnType<ReturnType<typeof selectSummaryRows>['execute']>>[number]

/** Cards of `ids` (any order; the caller orders them). */
export function findSummaryRows(db: Db, ids: number[]): Promise<SummaryRow[]> {
  if (!ids.length) return Promise.resolve([])
  return selectSummaryRows(db).where('l.id', 'in', ids).execute()
}

export function findListing(db: Db, id: number): Promise<ListingRow | undefined> {
  return selectListings(db).where('id', '=', id).executeTakeFirst()
}

export function findListingsByIds(db: Db, ids: number[]): Promise<ListingRow[]> {
  if (!ids.length) return Promise.resolve([])
  return selectListings(db).where('id', 'in', ids).execute()
}

export function findByIdempotencyKey(db: Db, authorId: number, key: string): Promise<ListingRow | undefined> {
  return selectListings(db).where('author_id', '=', authorId).where('idempotency_key', '=', key).executeTakeFirst()
}

/**
 * How many of a person's posts wait for review. On PostgreSQL it first locks the person's row,
 * so two posts sent at once by one person are counted one after the other (SQLite runs one write
 * transaction at a time anyway).
 */
export async function countPendingByAuthor(db: Db, authorId: number): Promise<number> {
  if (isPostgres(db)) await db.selectFrom('users').select('id').where('id', '=', authorId).forUpdate().execute()
  const row = await db
    .selectFrom('listings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('author_id', '=', authorId)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Published posts newest first; `before` is the keyset cursor (an id). */
/** The ids of a feed page, newest first (the index alone answers: every feed index ends in id). */
export async function feed(db: Db, filter: FeedFilter, limit: number, before?: number): Promise<number[]> {
  let q = db.selectFrom('listings as l').select('l.id').where('l.status', '=', 'published')
  if (filter.kind) q = q.where('l.kind', '=', filter.kind)
  if (filter.side) q = q.where('l.side', '=', filter.side)
  if (filter.stage) q = q.where('l.stage', '=', filter.stage)
  if (filter.category) q = q.where('l.category', '=', filter.category)
  if (filter.regionPrefix && filter.regionPrefix !== '51') {
    // A township is an exact match; a prefecture or a county is the expression its index holds
    // (migration 023), so the page is read newest first; any other prefix is a range [5133, 5134)
    // of the region index — the upper bound is the next code of the same length, digits only, so
    // it sorts the same under any collation.
    const p = filter.regionPrefix
    const next = String(Number(p) + 1).padStart(p.length, '0')
    if (p.length === 9) q = q.where('l.region_code', '=', p)
    else if (p.length === 4 || p.length === 6) q = q.where(sql`substr(l.region_code, 1, ${sql.lit(p.length)})`, '=', p)
    else q = q.where('l.region_code', '>=', p).where('l.region_code', '<', next)
  }
  if (before) q = q.where('l.id', '<', before)
  const rows = await q.orderBy('l.id', 'desc').limit(limit).execute()
  return rows.map((r) => r.id)
}

export async function insertListing(db: Db, values: Insertable<ListingsTable>): Promise<ListingRow> {
  return db.insertInto('listings').values(values).returningAll().executeTakeFirstOrThrow()
}

/** Writes `values` and stamps updated_at with `at` (the service's clock). */
/**
 * A published need whose only content was a voice note WeChat has just found risky (no
 * description): back to staff review, who see it flagged — public, it would be a title over
 * nothing. Answers the posts it moved.
 */
export async function returnVoiceOnlyToReview(db: Db, voiceId: number, at: string): Promise<number[]> {
  const rows = await db
    .updateTable('listings')
    .set({ status: 'pending', updated_at: at })
    .where('voice_id', '=', voiceId)
    .where('status', '=', 'published')
    .where('description', '=', '')
    .returning('id')
    .execute()
  return rows.map((r) => r.id)
}

/** The posts that hold voice note `voiceId`. */
export async function postsWithVoice(db: Db, voiceId: number): Promise<number[]> {
  return (await db.selectFrom('listings').select('id').where('voice_id', '=', voiceId).execute()).map((r) => r.id)
}

export async function updateListing(db: Db, id: number, values: Updateable<ListingsTable>, at: string): Promise<ListingRow> {
  return db
    .updateTable('listings')
    .set({ ...values, updated_at: at })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function addEvent(db: Db, listingId: number, kind: string, actorId: number | null, at: string, note: string | null = null) {
  await db.insertInto('listing_events').values({ listing_id: listingId, kind, actor_id: actorId, note, created_at: at }).execute()
}

export function eventsOf(db: Db, listingId: number): Promise<EventRow[]> {
  return db.selectFrom('listing_events').selectAll().where('listing_id', '=', listingId).orderBy('id').execute()
}

/** Photos of posts, in order; `publicOnly` keeps those WeChat's image check passed. */
export function photosOf(db: Db, listingIds: number[], publicOnly: boolean): Promise<UploadRow[]> {
  if (!listingIds.length) return Promise.resolve([])
  let q = db.selectFrom('uploads').selectAll().where('listing_id', 'in', listingIds)
  q = publicOnly ? q.where('check_status', '=', 'pass') : q.where('check_status', '!=', 'risky')
  return q.orderBy('listing_id').orderBy('position').execute()
}

export function findResponse(db: Db, id: number): Promise<ResponseRow | undefined> {
  return db.selectFrom('listing_responses').selectAll().where('id', '=', id).executeTakeFirst()
}

export function responsesOf(db: Db, listingId: number): Promise<ResponseRow[]> {
  return db.selectFrom('listing_responses').selectAll().where('listing_id', '=', listingId).orderBy('id').execute()
}

/** Whether the owner accepted anyone's response (what resolving a post needs). */
export async function hasAcceptedResponse(db: Db, listingId: number): Promise<boolean> {
  const row = await db
    .selectFrom('listing_responses')
    .select('id')
    .where('listing_id', '=', listingId)
    .where('status', '=', 'accepted')
    .limit(1)
    .executeTakeFirst()
  return !!row
}

export function responseBy(db: Db, listingId: number, responderId: number): Promise<ResponseRow | undefined> {
  return db
    .selectFrom('listing_responses')
    .selectAll()
    .where('listing_id', '=', listingId)
    .where('responder_id', '=', responderId)
    .executeTakeFirst()
}

export function feedbackOf(db: Db, responseIds: number[]) {
  if (!responseIds.length) return Promise.resolve([])
  return db.selectFrom('listing_feedback').selectAll().where('response_id', 'in', responseIds).orderBy('id').execute()
}

/**
 * A person deleted their account: their open posts close, and the phone numbers and names they
 * entered (theirs, or a farmer's for 代发) are erased from their posts and responses.
 */
export async function eraseAuthor(db: Db, userId: number, erasedPhone: string, at: string) {
  await db
    .updateTable('listings')
    .set({ status: 'closed', updated_at: at })
    .where('author_id', '=', userId)
    .where('status', 'in', CLOSABLE)
    .execute()
  await db
    .updateTable('listings')
    .set({ contact_name: '已注销用户', contact_phone_encrypted: erasedPhone, contact_note: null, proxy_name: null, proxy_phone_encrypted: null, updated_at: at })
    .where('author_id', '=', userId)
    .execute()
  await db.updateTable('listing_responses').set({ phone_encrypted: null }).where('responder_id', '=', userId).execute()
}

/** A person's public offers of one kind (a 科技工作者's studio), newest first: ids and categories. */
export function publicOffersOf(db: Db, authorId: number, kind: 'post' | 'achievement', limit: number) {
  return db
    .selectFrom('listings')
    .select(['id', 'category'])
    .where('author_id', '=', authorId)
    .where('kind', '=', kind)
    .where('side', '=', 'offer')
    .where('status', 'in', ['published', 'resolved'])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}

/** A person's public posts of every kind and side, newest first (their 乡土人才库 page). */
export function publicListingsOf(db: Db, authorId: number, limit: number) {
  return db
    .selectFrom('listings')
    .select(['id', 'title', 'kind', 'side'])
    .where('author_id', '=', authorId)
    .where('status', 'in', ['published', 'resolved'])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}

/** How many 对接 a person saw through: their own posts resolved, and others' resolved posts where they were the accepted helper. */
export async function resolvedCountOf(db: Db, userId: number): Promise<number> {
  const [own, asHelper] = await Promise.all([
    db
      .selectFrom('listings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('author_id', '=', userId)
      .where('status', '=', 'resolved')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('listing_responses as r')
      .innerJoin('listings as l', 'l.id', 'r.listing_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('r.responder_id', '=', userId)
      .where('r.status', '=', 'accepted')
      .where('l.status', '=', 'resolved')
      .executeTakeFirstOrThrow(),
  ])
  return Number(own.n) + Number(asHelper.n)
}

/** A person's own posts, newest first, below `before` (an id) when given. */
export function listingsOf(db: Db, authorId: number, limit: number, before?: number): Promise<ListingRow[]> {
  let q = selectListings(db).where('author_id', '=', authorId)
  if (before) q = q.where('id', '<', before)
  return q.orderBy('id', 'desc').limit(limit).execute()
}

/** A response, and the post's response count with it (in the caller's transaction). */
/** Whether `responderId` has already sent `listingId` a 对接 (one each: a unique index says so too). */
export async function hasResponded(db: Db, listingId: number, responderId: number): Promise<boolean> {
  const row = await db.selectFrom('listing_responses').select('id').where('listing_id', '=', listingId).where('responder_id', '=', responderId).executeTakeFirst()
  return !!row
}

export async function insertResponse(db: Db, values: Insertable<ListingResponsesTable>): Promise<ResponseRow> {
  const row = await db.insertInto('listing_responses').values(values).returningAll().executeTakeFirstOrThrow()
  await db
    .updateTable('listings')
    .set((eb) => ({ response_count: eb('response_count', '+', 1) }))
    .where('id', '=', values.listing_id)
    .execute()
  return row
}

export function acceptResponse(db: Db, responseId: number, at: string): Promise<ResponseRow> {
  return db.updateTable('listing_responses').set({ status: 'accepted', decided_at: at }).where('id', '=', responseId).returningAll().executeTakeFirstOrThrow()
}

export async function insertFeedback(db: Db, values: Insertable<ListingFeedbackTable>): Promise<void> {
  await db.insertInto('listing_feedback').values(values).execute()
}

/** The responses a person made, newest first. */
export function responsesBy(db: Db, responderId: number, limit: number): Promise<ResponseRow[]> {
  return db.selectFrom('listing_responses').selectAll().where('responder_id', '=', responderId).orderBy('id', 'desc').limit(limit).execute()
}

/**
 * Staff's decision on a post still pending review; false when another decision came first. With
 * `area` (a LIKE pattern) the post must still lie inside it as it is written.
 */
export async function decidePending(
  db: Db,
  id: number,
  decision: { approve: true; publishedAt: string } | { approve: false; reason: string },
  area: string | null,
  at: string,
): Promise<boolean> {
  let q = db
    .updateTable('listings')
    .set(
      decision.approve
        ? { status: 'published', published_at: decision.publishedAt, reject_reason: null, updated_at: at }
        : { status: 'rejected', reject_reason: decision.reason, updated_at: at },
    )
    .where('id', '=', id)
    .where('status', '=', 'pending')
  if (area) q = q.where('region_code', 'like', area)
  const res = await q.executeTakeFirst()
  return Number(res.numUpdatedRows) > 0
}

import type { Listing, ListingPage, ListingResponse } from '../../../../common/schemas/listings'
import { listing as listingSchema, listingPage } from '../../../../common/schemas/listings'
import type { ListingStatus, ResponseStatus } from '../../../../common/enums'
import { isVoiceOnlyNeed, listingActions, voiceTitle } from '../../../../common/rules'
import type { z } from 'zod'
import { SEARCH_PAGE_MAX, type feedbackInput, type listingInput, type listingQuery, type responseInput } from '../../../../common/schemas/listings'
import { isUniqueViolation } from '../../db/database'
import type { Deps } from '../../deps'
import { assertNotRisky, SCENE } from '../../lib/content-check'
import { beforeId, nextAfter, nextPage, pageNumber } from '../../lib/cursor'
import { AppError, badRequest, forbidden, notFound, rateLimited } from '../../errors'
import { ERROR_MESSAGES } from '../../../../common/errors'
import { notify } from '../notifications/notifications.service'
import { tellAccepted, tellResponse } from '../messages/messages.events'
import { assertTownship, getRegion } from '../regions/regions.data'
import { assertUsablePhotos, claimVoice, markAttached, releaseVoice } from '../uploads/uploads.service'
import { placeOnListing } from '../uploads/uploads.repository'
import { isVerifiedChair, requireRegistered } from '../users/roles'
import { recordAudit } from '../audit/audit.repository'
import { staffCovers } from '../users/staff-area'
import { findUserById, type UserRow } from '../users/users.repository'
import * as repo from './listings.repository'
import { markAnswered, markAssignmentAnswered, setCaseState } from '../triage/triage.repository'
import { readsTriageRecord } from '../triage/triage.access'
import { SEARCH_WINDOW, rankListingIds, searchKey, searchTokens } from './listings.search'
import { toListing, toResponses, toSummaries, voicesOf, voiceView } from './listings.view'
import { cards, jsonWithCards } from './listings.cards'

type ListingInput = z.output<typeof listingInput>
type ResponseInput = z.output<typeof responseInput>
type FeedbackInput = z.output<typeof feedbackInput>

// 科技所能所需: the rules. Who may do what is decided here, next to the data it protects.
//   - new and edited posts go to staff review (status pending); nothing is public before approval;
//   - contact details reach only the owner and the people whose response the owner accepted;
//   - a verified 乡镇科协主席 may post for a farmer of their own township (代发).
// Every timestamp a write stores is `at`, read once from deps.now() (the app's clock, which tests move).

const OPEN = new Set(['published'])
export const VISIBLE_TO_ALL = new Set(['published', 'resolved'])
/**
 * The most posts one person may have waiting for review. A chair posting a village's needs on a
 * training day stays well below it; a script filling staff's queue does not get past it.
 */
export const MAX_PENDING_PER_AUTHOR = 20

async function assertPendingRoom(db: Deps['db'], user: UserRow): Promise<void> {
  if ((await repo.countPendingByAuthor(db, user.id)) >= MAX_PENDING_PER_AUTHOR) throw rateLimited(3600, 'PENDING_LIMIT')
}

async function loadOwned(deps: Deps, user: UserRow, id: number): Promise<repo.ListingRow> {
  const row = await repo.findListing(deps.db, id)
  if (!row) throw notFound()
  if (row.author_id !== user.id) throw forbidden()
  return row
}

/**
 * Text goes through WeChat's content check; 'risky' is refused outright, the rest waits for staff.
 * A need said only by voice may have no text at all: its note has its own (audio) check.
 */
async function checkText(deps: Deps, user: UserRow, input: ListingInput): Promise<'pass' | 'review'> {
  const content = [input.title, input.description, input.contact.note, input.proxy?.name].filter(Boolean).join('\n')
  if (!content) return 'pass'
  return assertNotRisky(deps, user.openid, SCENE.post, content)
}

function proxyFields(deps: Deps, user: UserRow, input: ListingInput, at: string) {
  if (!input.proxy) return { proxy_name: null, proxy_phone_encrypted: null, proxy_region_code: null, proxy_consent_at: null, proxy_label: null }
  if (!isVerifiedChair(user)) throw forbidden('PROXY_NOT_ALLOWED')
  if (input.proxy.regionCode !== user.region_code) throw new AppError('PROXY_REGION', 403, { 'proxy.regionCode': '只能为本乡镇的群众代发' })
  const township = getRegion(user.region_code)!
  return {
    proxy_name: input.proxy.name,
    proxy_phone_encrypted: deps.phoneCipher.encrypt(input.proxy.phone),
    proxy_region_code: input.proxy.regionCode,
    proxy_consent_at: at,
    proxy_label: `${township.name}科协`,
  }
}

/** The kind and, for a 科技成果, its own fields; only 科技工作者 post achievements. */
function kindFields(user: UserRow, input: ListingInput) {
  if (input.kind !== 'achievement' || !input.achievement) {
    return { kind: 'post', stage: null, transfer_mode: null, patent_no: null, institution: null }
  }
  if (user.role !== 'expert') throw forbidden('ACHIEVEMENT_NOT_EXPERT')
  const a = input.achievement
  return { kind: 'achievement', stage: a.stage, transfer_mode: a.transferMode, patent_no: a.patentNo, institution: a.institution }
}

/**
 * 向专家提问: a need put to one registered 科技工作者 (never to oneself). The question is a post
 * like any other (reviewed, public); the expert is who is told once it is published.
 */
async function addressedTo(deps: Deps, user: UserRow, input: ListingInput): Promise<number | null> {
  if (input.expertId === null || input.expertId === undefined) return null
  if (input.kind !== 'post' || input.side !== 'need') throw badRequest('VALIDATION_FAILED', { expertId: '向专家提问只能发布需求' })
  const expert = await findUserById(deps.db, input.expertId)
  const isStudio = expert && expert.role === 'expert' && expert.registered_at !== null && expert.deleted_at === null && expert.id !== user.id
  if (!isStudio) throw badRequest('ASK_NOT_AN_EXPERT', { expertId: '这位专家的工作室已不存在' })
  return expert.id
}

/**
 * The columns a post gets from what its author sent, the same on a first submission and on an
 * edit: either way it goes (back) to review, with the content check's suggestion.
 */
/**
 * A need said by voice alone is titled from its category (语音求助·养殖) until a chair or staff
 * words it; search indexes that title too, so 语音求助 finds the needs still waiting for words.
 */
function titleOf(input: ListingInput): string {
  return input.title || (isVoiceOnlyNeed(input) ? voiceTitle(input.category) : input.title)
}

function submission(deps: Deps, input: ListingInput, suggest: string, tokens: string) {
  return {
    side: input.side,
    title: titleOf(input),
    category: input.category,
    region_code: input.regionCode,
    description: input.description,
    contact_name: input.contact.name,
    contact_phone_encrypted: deps.phoneCipher.encrypt(input.contact.phone),
    contact_note: input.contact.note || null,
    status: 'pending' as const,
    check_suggest: suggest,
    search_tokens: tokens,
    voice_id: input.voiceId,
  }
}

export async function createListing(deps: Deps, user: UserRow, input: ListingInput, key: string): Promise<{ listing: Listing; created: boolean }> {
  requireRegistered(user)
  // A retried submit (the first reached us, its answer did not reach the phone) returns the same post.
  const existing = await repo.findByIdempotencyKey(deps.db, user.id, key)
  if (existing) return { listing: await viewFor(deps, user, existing), created: false }
  assertTownship(input.regionCode)
  const at = deps.now().toISOString()
  const kind = kindFields(user, input)
  const proxy = proxyFields(deps, user, input, at)
  const expertId = await addressedTo(deps, user, input)
  await assertUsablePhotos(deps.db, user, input.photoIds)
  // Before the (paid) content check, and again inside the transaction where it is exact.
  await assertPendingRoom(deps.db, user)
  const suggest = await checkText(deps, user, input)
  try {
    const row = await deps.db.transaction().execute(async (trx) => {
      await assertPendingRoom(trx, user)
      const tokens = searchTokens(titleOf(input), input.description)
      await claimVoice(trx, user, input.voiceId, deps.now())
      const row = await repo.insertListing(trx, {
        ...submission(deps, input, suggest, tokens),
        ...kind,
        ...proxy,
        author_id: user.id,
        addressed_to: expertId,
        idempotency_key: key,
        created_at: at,
        updated_at: at,
      })
      await markAttached(trx, user.id, input.photoIds, deps.now())
      await placeOnListing(trx, row.id, input.photoIds)
      await repo.addEvent(trx, row.id, 'submitted', user.id, at)
      return row
    })
    deps.feedCache.changed({ listings: [row.id] })
    return { listing: await viewFor(deps, user, row), created: true }
  } catch (err) {
    if (!isUniqueViolation(err)) throw err
    const raced = await repo.findByIdempotencyKey(deps.db, user.id, key)
    if (!raced) throw err
    return { listing: await viewFor(deps, user, raced), created: false }
  }
}

export async function editListing(deps: Deps, user: UserRow, id: number, input: ListingInput): Promise<Listing> {
  const current = await loadOwned(deps, user, id)
  if (!listingActions(current.status as ListingStatus, false).canEdit) throw new AppError('LISTING_NOT_EDITABLE', 409)
  assertTownship(input.regionCode)
  if (input.kind !== current.kind) throw badRequest('VALIDATION_FAILED', { kind: '不能更改信息类型' })
  const kind = kindFields(user, input)
  // An edit is a new submission: a 代发 must satisfy today's rules (the chair may have lost
  // verification since).
  const at = deps.now().toISOString()
  const proxy = proxyFields(deps, user, input, at)
  await assertUsablePhotos(deps.db, user, input.photoIds, { listingId: id })
  const suggest = await checkText(deps, user, input)
  const row = await deps.db.transaction().execute(async (trx) => {
    const tokens = searchTokens(titleOf(input), input.description)
    // The note it keeps claims nothing; a new one is claimed, the one replaced (or dropped) goes to the sweep.
    await claimVoice(trx, user, input.voiceId, deps.now(), current.voice_id)
    if (current.voice_id !== input.voiceId) await releaseVoice(trx, user, current.voice_id)
    const row = await repo.updateListing(trx, id, { ...submission(deps, input, suggest, tokens), ...kind, ...proxy, reject_reason: null }, at)
    await markAttached(trx, user.id, input.photoIds, deps.now())
    await placeOnListing(trx, id, input.photoIds)
    await repo.addEvent(trx, id, 'edited', user.id, at)
    return row
  })
  deps.feedCache.changed({ listings: [id] })
  return viewFor(deps, user, row)
}

/**
 * A need asked by voice is titled from its category until someone who heard it puts it into words:
 * staff whose area holds its township, or that township's verified chair (who brings its herders
 * in). Only a need its author said and did not write — no description, and the title the server
 * made or one a helper already wrote (audit log) — so nobody's own words are renamed; not once
 * closed or resolved. The words pass WeChat's text check; words WeChat wants a person to look at,
 * from a chair, send the post back to staff review. Otherwise the post keeps its status (the
 * change is the helper's, not the author's) and the audit log says who changed it.
 */
export async function retitleListing(deps: Deps, user: UserRow, id: number, title: string): Promise<Listing> {
  const found = await repo.findListing(deps.db, id)
  if (!found) throw notFound()
  const byStaff = staffCovers(user, found.region_code)
  if (!isRetitleHelper(user, found)) throw forbidden()
  const suggest = await assertNotRisky(deps, user.openid, SCENE.post, title, { title: ERROR_MESSAGES.CONTENT_RISKY })
  const at = deps.now().toISOString()
  const updated = await deps.db.transaction().execute(async (trx) => {
    // Read again inside the transaction: the author may have closed or edited it meanwhile.
    const row = await repo.findListing(trx, id)
    if (!row || !(await saidNotWritten(trx, row)) || !listingActions(row.status as ListingStatus, false).canEdit) throw new AppError('LISTING_NOT_EDITABLE', 409)
    const toReview = suggest === 'review' && !byStaff && row.status !== 'pending'
    const tokens = searchTokens(title, row.description)
    const updated = await repo.updateListing(trx, id, { title, search_tokens: tokens, ...(toReview ? { status: 'pending', check_suggest: 'review' } : {}) }, at)
    await recordAudit(trx, { actorId: user.id, action: 'listing.retitle', targetType: 'listing', targetId: id, details: { byStaff, toReview }, reason: null, at })
    return updated
  })
  deps.feedCache.changed({ listings: [id] })
  return viewFor(deps, user, updated)
}

/** Who may put a spoken need into words: staff whose area holds it, or its township's verified chair. */
function isRetitleHelper(user: UserRow | null, row: repo.ListingRow): boolean {
  return !!user && (staffCovers(user, row.region_code) || (isVerifiedChair(user) && user.region_code === row.region_code))
}

/** A need its author only said: a voice note, no description, a title that is not the author's. */
async function saidNotWritten(db: Parameters<typeof repo.findListing>[0], row: repo.ListingRow): Promise<boolean> {
  if (row.kind !== 'post' || row.side !== 'need' || row.voice_id === null || row.description !== '') return false
  if (row.title === voiceTitle(row.category as Parameters<typeof voiceTitle>[0])) return true
  const retitled = await db.selectFrom('audit_log').select('id').where('action', '=', 'listing.retitle').where('target_id', '=', String(row.id)).executeTakeFirst()
  return !!retitled
}

/** An owner's status change with its timeline entry, in one transaction. */
async function setStatus(deps: Deps, user: UserRow, id: number, status: 'closed' | 'resolved'): Promise<Listing> {
  const at = deps.now().toISOString()
  const row = await deps.db.transaction().execute(async (trx) => {
    const row = await repo.updateListing(trx, id, { status }, at)
    await repo.addEvent(trx, id, status, user.id, at)
    await setCaseState(trx, id, status, at)
    return row
  })
  deps.feedCache.changed({ listings: [id] })
  return viewFor(deps, user, row)
}

export async function closeListing(deps: Deps, user: UserRow, id: number): Promise<Listing> {
  const current = await loadOwned(deps, user, id)
  if (!listingActions(current.status as ListingStatus, false).canClose) throw new AppError('LISTING_NOT_EDITABLE', 409)
  return setStatus(deps, user, id, 'closed')
}

export async function resolveListing(deps: Deps, user: UserRow, id: number): Promise<Listing> {
  const current = await loadOwned(deps, user, id)
  const accepted = await repo.hasAcceptedResponse(deps.db, id)
  // Not public (any more): nothing to resolve; public but nobody accepted yet: NOTHING_ACCEPTED.
  if (!listingActions(current.status as ListingStatus, accepted).canResolve) {
    throw new AppError(current.status === 'published' ? 'NOTHING_ACCEPTED' : 'LISTING_NOT_EDITABLE', 409)
  }
  return setStatus(deps, user, id, 'resolved')
}

/** A post as `viewer` may see it; not-yet-public posts only for their owner and staff. */
export async function getListing(deps: Deps, viewer: UserRow | null, id: number): Promise<Listing> {
  const row = await repo.findListing(deps.db, id)
  if (!row) throw notFound()
  const isOwner = viewer?.id === row.author_id
  const response = viewer && !isOwner ? await repo.responseBy(deps.db, id, viewer.id) : undefined
  // A post that is not public is shown to its owner, staff of its area (review) and people already
  // in 对接; to anyone else, staff of other areas included, it does not exist (404).
  if (!VISIBLE_TO_ALL.has(row.status) && !isOwner && !staffCovers(viewer, row.region_code) && !response) throw notFound()
  return viewFor(deps, viewer, row, response)
}

/**
 * A post's page as someone not signed in sees it, as the JSON sent (encoded by the answer's
 * schema, as the serializer would): kept per post and dropped with its card (listings.cache.ts).
 */
export async function publicListingJson(deps: Deps, id: number): Promise<string> {
  const kept = deps.feedCache.detail(id)
  if (kept !== undefined) return kept
  const view = await getListing(deps, null, id)
  const json = JSON.stringify(listingSchema.encode(view))
  deps.feedCache.setDetail(id, view.author.id, json)
  return json
}

async function viewFor(deps: Deps, viewer: UserRow | null, row: repo.ListingRow, response?: repo.ResponseRow): Promise<Listing> {
  const isOwner = viewer?.id === row.author_id
  const accepted = response?.status === 'accepted'
  // The owner's buttons follow the same rule the edit, close and resolve calls enforce.
  const actions = isOwner
    ? listingActions(row.status as ListingStatus, row.status === 'published' && (await repo.hasAcceptedResponse(deps.db, row.id)))
    : { canEdit: false, canClose: false, canResolve: false }
  const canRetitle = isRetitleHelper(viewer, row) && listingActions(row.status as ListingStatus, false).canEdit && (await saidNotWritten(deps.db, row))
  const readsTriage = !!viewer && row.side === 'need' && (await readsTriageRecord(deps.db, viewer, row))
  return toListing(deps, row, {
    isOwner,
    ...actions,
    canRetitle,
    readsTriage,
    seesContact: isOwner || accepted,
    canRespond: !!viewer && !isOwner && !response && OPEN.has(row.status),
    response,
    // Photos WeChat has not passed yet: the owner, and staff who may have to review them.
    seesAllPhotos: isOwner || staffCovers(viewer, row.region_code),
  })
}

// ---- browsing and search ----

/** A page of the feed or of search results, as the JSON sent (ListingPage; cards: listings.cards.ts). */
export async function listListings(deps: Deps, query: z.output<typeof listingQuery>): Promise<string> {
  const filter = { kind: query.kind, side: query.side, category: query.category, stage: query.stage, regionPrefix: query.region }
  if (query.q) {
    // Search pages by number ({p}); browsing by the last id shown ({b}).
    const pageNo = pageNumber(query, SEARCH_PAGE_MAX)
    const offset = (pageNo - 1) * query.limit
    const search = { q: query.q, ...filter }
    const ranked = await deps.feedCache.search(searchKey(search), () => rankListingIds(deps.db, search))
    const ids = ranked.slice(offset, offset + query.limit + 1)
    const more = ids.length > query.limit
    // Search ranks the newest SEARCH_WINDOW matches; there is no page beyond them, nor beyond
    // the last page the query takes (a next page the server would then refuse).
    const following = more && offset + query.limit < SEARCH_WINDOW && pageNo < SEARCH_PAGE_MAX ? pageNo + 1 : null
    // nextCursor/nextPage: compatibility for older builds, remove 2027-03-01.
    return pageJson(await cards(deps, ids.slice(0, query.limit)), { next: nextPage(following), nextCursor: null, nextPage: following })
  }
  const ids = await repo.feed(deps.db, filter, query.limit + 1, beforeId(query))
  const { next, lastId } = nextAfter(ids.map((id) => ({ id })), query.limit)
  // nextCursor/nextPage: compatibility for older builds, remove 2027-03-01.
  return pageJson(await cards(deps, ids.slice(0, query.limit)), { next, nextCursor: lastId, nextPage: null })
}

const pageFields = listingPage.omit({ items: true })

function pageJson(items: string[], fields: z.input<typeof pageFields>): string {
  return jsonWithCards(pageFields.encode(fields), { items })
}

export async function myListings(deps: Deps, user: UserRow, query: { cursor?: string; before?: number }, limit = 20): Promise<ListingPage> {
  const rows = await repo.listingsOf(deps.db, user.id, limit + 1, beforeId(query))
  const { next, lastId } = nextAfter(rows, limit)
  // nextCursor/nextPage: compatibility for older builds, remove 2027-03-01.
  return { items: await toSummaries(deps, rows.slice(0, limit)), next, nextCursor: lastId, nextPage: null }
}

// ---- 对接 ----

export async function respond(deps: Deps, user: UserRow, listingId: number, input: ResponseInput): Promise<ListingResponse> {
  requireRegistered(user)
  const listing = await repo.findListing(deps.db, listingId)
  if (!listing || !VISIBLE_TO_ALL.has(listing.status)) throw notFound()
  if (listing.author_id === user.id) throw forbidden('RESPOND_OWN_LISTING')
  if (!OPEN.has(listing.status)) throw new AppError('LISTING_NOT_OPEN', 409)
  // Not typed: the contact phone in their profile, else the number WeChat vouches for.
  const onFile = user.contact_phone_encrypted ?? user.phone_encrypted
  const phone = input.phone ?? (onFile ? deps.phoneCipher.decrypt(onFile) : null)
  if (!phone) throw badRequest('PHONE_INVALID', { phone: '请填写手机号，对方接受对接后才会看到' })
  // Said only by voice: nothing to check here (the note's audio check runs on its own).
  if (input.message) await assertNotRisky(deps, user.openid, SCENE.comment, input.message)
  const at = deps.now().toISOString()
  let row: repo.ResponseRow
  try {
    row = await deps.db.transaction().execute(async (trx) => {
      // A 对接 sent again from the 待发送 queue (its first try arrived) is ALREADY_RESPONDED, which
      // the app takes as delivered: asked before the note's claim, which would say "already used".
      if (await repo.hasResponded(trx, listingId, user.id)) throw new AppError('ALREADY_RESPONDED', 409)
      await claimVoice(trx, user, input.voiceId, deps.now())
      const row = await repo.insertResponse(trx, {
        listing_id: listingId,
        responder_id: user.id,
        message: input.message,
        voice_id: input.voiceId,
        phone_encrypted: deps.phoneCipher.encrypt(phone),
        status: 'pending',
        created_at: at,
      })
      await repo.addEvent(trx, listingId, 'responded', user.id, at)
      // 科服保姆: the need has its answer (the figures' clock stops), and an expert asked to answer has.
      await markAnswered(trx, listingId, at)
      await markAssignmentAnswered(trx, listingId, user.id, at)
      await tellResponse(trx, listing, user, at)
      return row
    })
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('ALREADY_RESPONDED', 409)
    throw err
  }
  deps.feedCache.changed({ listings: [listingId], searchesHold: true }) // its count of 对接
  await notify(deps, listing.author_id, 'response', `packages/listings/detail/index?id=${listingId}`, {
    thing1: listing.title,
    thing2: user.nickname ?? '有人',
    time3: row.created_at.slice(0, 16).replace('T', ' '),
  })
  return (await toResponses(deps, listing, [row], user.id))[0]
}

/** The owner sees every response; a responder sees their own; nobody else sees any. */
export async function listResponses(deps: Deps, user: UserRow, listingId: number): Promise<ListingResponse[]> {
  const listing = await repo.findListing(deps.db, listingId)
  if (!listing) throw notFound()
  const all = await repo.responsesOf(deps.db, listingId)
  const visible = listing.author_id === user.id ? all : all.filter((r) => r.responder_id === user.id)
  if (listing.author_id !== user.id && !visible.length) throw forbidden()
  return toResponses(deps, listing, visible, user.id)
}

export async function acceptResponse(deps: Deps, user: UserRow, listingId: number, responseId: number): Promise<ListingResponse> {
  const listing = await loadOwned(deps, user, listingId)
  if (!OPEN.has(listing.status)) throw new AppError('LISTING_NOT_OPEN', 409)
  const response = await repo.findResponse(deps.db, responseId)
  if (!response || response.listing_id !== listingId) throw notFound()
  if (response.status === 'accepted') return (await toResponses(deps, listing, [response]))[0]
  const at = deps.now().toISOString()
  const row = await deps.db.transaction().execute(async (trx) => {
    const row = await repo.acceptResponse(trx, responseId, at)
    await repo.addEvent(trx, listingId, 'accepted', user.id, at)
    await setCaseState(trx, listingId, 'accepted', at)
    await tellAccepted(trx, listing, response, at)
    return row
  })
  deps.feedCache.changed({ listings: [listingId], searchesHold: true }) // its timeline says 已接受对接
  await notify(deps, response.responder_id, 'response', `packages/listings/detail/index?id=${listingId}`, {
    thing1: listing.title,
    thing2: '对方已接受对接，可查看联系方式',
    time3: at.slice(0, 16).replace('T', ' '),
  })
  return (await toResponses(deps, listing, [row]))[0]
}

export async function leaveFeedback(deps: Deps, user: UserRow, listingId: number, responseId: number, input: FeedbackInput) {
  const listing = await repo.findListing(deps.db, listingId)
  const response = await repo.findResponse(deps.db, responseId)
  if (!listing || !response || response.listing_id !== listingId) throw notFound()
  const party = user.id === listing.author_id || user.id === response.responder_id
  if (!party) throw forbidden()
  if (response.status !== 'accepted') throw new AppError('RESPONSE_NOT_ACCEPTED', 409)
  const at = deps.now().toISOString()
  try {
    await deps.db.transaction().execute(async (trx) => {
      await repo.insertFeedback(trx, { response_id: responseId, author_id: user.id, rating: input.rating, text: input.text, created_at: at })
      await repo.addEvent(trx, listingId, 'feedback', user.id, at)
    })
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('FEEDBACK_EXISTS', 409)
    throw err
  }
  deps.feedCache.changed({ listings: [listingId], searchesHold: true }) // its timeline says 已评价
  return (await toResponses(deps, listing, [response], user.id))[0]
}

export async function myResponses(deps: Deps, user: UserRow) {
  const rows = await repo.responsesBy(deps.db, user.id, 100)
  const listings = await repo.findListingsByIds(deps.db, [...new Set(rows.map((r) => r.listing_id))])
  const [summaries, voices] = await Promise.all([
    toSummaries(deps, listings).then((all) => new Map(all.map((s) => [s.id, s]))),
    voicesOf(deps, rows.map((r) => r.voice_id)),
  ])
  return rows.map((r) => ({
    id: r.id,
    status: r.status as ResponseStatus,
    message: r.message,
    // Their own answer by voice: they hear it before WeChat's check, as on the post's page.
    voice: voiceView(deps, r.voice_id === null ? undefined : voices.get(r.voice_id), true),
    createdAt: r.created_at,
    listing: summaries.get(r.listing_id)!,
  }))
}

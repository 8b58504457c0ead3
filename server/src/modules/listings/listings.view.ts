import type { Listing, ListingResponse, ListingSummary, Voice } from '../../../../common/schemas/listings'
import type {
  AchievementStage,
  Category,
  ListingEventKind,
  ListingKind,
  ListingSide,
  ListingStatus,
  ResponseStatus,
  TransferMode,
} from '../../../../common/enums'
import type { Deps } from '../../deps'
import { townshipPath } from '../regions/regions.data'
import { findPeople, toPerson, type PersonRow } from '../users/people'
import type { UserRow } from '../users/users.repository'
import { eventsOf, feedbackOf, photosOf, type ListingRow, type ResponseRow, type SummaryRow, type UploadRow } from './listings.repository'
import { voicesByIds } from '../uploads/uploads.repository'

// Rows → the shapes in common/schemas/listings.ts. Contact details are added only where the
// caller has established the viewer is entitled to them.
const EXCERPT_CHARS = 60

type ViewDeps = Pick<Deps, 'db' | 'uploadUrl' | 'phoneCipher'>

/** Summaries of posts; `people` (authors already loaded, e.g. by matching) saves loading them again. */
export async function toSummaries(deps: ViewDeps, rows: ListingRow[], people?: Map<number, UserRow>): Promise<ListingSummary[]> {
  const [authors, photos] = await Promise.all([
    people ?? findPeople(deps.db, rows.map((r) => r.author_id)),
    photosOf(deps.db, rows.map((r) => r.id), true),
  ])
  return summariesFrom(deps, rows, authors, photos)
}

/** Summaries of rows read with their author and thumbnail (selectSummaryRows): no further query. */
export function summariesOf(deps: ViewDeps, rows: SummaryRow[]): ListingSummary[] {
  return rows.map((r) => {
    const author = {
      id: r.author_id,
      nickname: r.author_nickname,
      avatar_path: r.author_avatar_path,
      role: r.author_role,
      verification: r.author_verification,
      deleted_at: r.author_deleted_at,
    }
    return summary(deps, r, author, r.thumb_path ? deps.uploadUrl(r.thumb_path) : null)
  })
}

/** The thumbnail is the first public ('pass') photo; `photos` may hold others too (toListing). */
function summariesFrom(deps: ViewDeps, rows: ListingRow[], people: Map<number, UserRow>, photos: UploadRow[]): ListingSummary[] {
  const thumbs = new Map<number, string>()
  for (const p of photos) {
    if (p.listing_id && p.check_status === 'pass' && !thumbs.has(p.listing_id)) thumbs.set(p.listing_id, deps.uploadUrl(p.thumb_path))
  }
  return rows.map((r) => summary(deps, r, people.get(r.author_id)!, thumbs.get(r.id) ?? null))
}

/** The fields of a post a card shows (what selectSummaryRows reads). */
type SummaryFields = Omit<SummaryRow, `author_${string}` | 'thumb_path'>

function summary(deps: ViewDeps, r: SummaryFields, author: PersonRow, thumbUrl: string | null): ListingSummary {
  const description = r.description.replace(/\s+/g, ' ')
  return {
    id: r.id,
    kind: r.kind as ListingKind,
    side: r.side as ListingSide,
    title: r.title,
    category: r.category as Category,
    region: townshipPath(r.region_code)!,
    excerpt: Array.from(description).length > EXCERPT_CHARS ? `${Array.from(description).slice(0, EXCERPT_CHARS).join('')}…` : description,
    thumbUrl,
    author: toPerson(author, deps.uploadUrl),
    proxyLabel: r.proxy_label ? `由 ${r.proxy_label} 代发` : null,
    status: r.status as ListingStatus,
    achievement:
      r.kind === 'achievement'
        ? { stage: r.stage as AchievementStage, transferMode: r.transfer_mode as TransferMode, patentNo: r.patent_no, institution: r.institution ?? '' }
        : null,
    responseCount: r.response_count,
    createdAt: r.created_at,
    publishedAt: r.published_at,
  }
}

type VoiceRow = Awaited<ReturnType<typeof voicesByIds>>[number]

/**
 * A voice note as a viewer may hear it, like a photo: once WeChat's audio check passed, or before
 * that for whoever `seesUnchecked` (its author, staff reviewing it). Never once found risky.
 */
export function voiceView(deps: ViewDeps, row: VoiceRow | undefined, seesUnchecked: boolean): Voice | null {
  if (!row || row.check_status === 'risky' || (row.check_status !== 'pass' && !seesUnchecked)) return null
  return { id: row.id, url: deps.uploadUrl(row.path), durationMs: row.duration_ms ?? 0 }
}

/** The voice notes of `ids` (nulls skipped), by id. */
export async function voicesOf(deps: ViewDeps, ids: (number | null)[]): Promise<Map<number, VoiceRow>> {
  const rows = await voicesByIds(deps.db, ids.filter((id): id is number => id !== null))
  return new Map(rows.map((v) => [v.id, v]))
}

/** A post's note for a review card: staff hear it before it is checked (they decide before anyone else hears it). */
export function reviewVoice(deps: ViewDeps, row: VoiceRow | undefined) {
  return voiceView(deps, row, true)
}

export async function toListing(
  deps: ViewDeps,
  r: ListingRow,
  viewer: {
    isOwner: boolean
    seesContact: boolean
    canRespond: boolean
    /** The owner's actions (common/rules listingActions); all false for anyone else. */
    canEdit: boolean
    canClose: boolean
    canResolve: boolean
    canRetitle: boolean
    readsTriage: boolean
    response: ResponseRow | undefined
    seesAllPhotos: boolean
  },
): Promise<Listing> {
  const [people, photos, events, voices] = await Promise.all([
    findPeople(deps.db, r.addressed_to === null ? [r.author_id] : [r.author_id, r.addressed_to]),
    photosOf(deps.db, [r.id], !viewer.seesAllPhotos),
    eventsOf(deps.db, r.id),
    voicesOf(deps, [r.voice_id]),
  ])
  const [base] = summariesFrom(deps, [r], people, photos)
  return {
    ...base,
    description: r.description,
    photos: photos.map((p) => ({ id: p.id, url: deps.uploadUrl(p.path), thumbUrl: deps.uploadUrl(p.thumb_path) })),
    // Heard as photos are seen: checked, or by the owner and staff of the area.
    voice: voiceView(deps, r.voice_id === null ? undefined : voices.get(r.voice_id), viewer.seesAllPhotos),
    proxyName: r.proxy_name,
    askedExpert: r.addressed_to !== null && people.has(r.addressed_to) ? toPerson(people.get(r.addressed_to)!, deps.uploadUrl) : null,
    contact: viewer.seesContact
      ? { name: r.contact_name, phone: deps.phoneCipher.decrypt(r.contact_phone_encrypted), note: r.contact_note }
      : null,
    rejectReason: viewer.isOwner ? r.reject_reason : null,
    // Notes (a rejection's reason) are for the owner, like rejectReason: the timeline of a post
    // that was rejected, edited and then approved is public.
    timeline: events.map((e) => ({ kind: e.kind as ListingEventKind, at: e.created_at, note: viewer.isOwner ? e.note : null })),
    viewer: {
      isOwner: viewer.isOwner,
      canRespond: viewer.canRespond,
      canEdit: viewer.canEdit,
      canClose: viewer.canClose,
      canResolve: viewer.canResolve,
      canRetitle: viewer.canRetitle,
      readsTriage: viewer.readsTriage,
      response: viewer.response ? { id: viewer.response.id, status: viewer.response.status as ResponseStatus } : null,
    },
  }
}

/**
 * Responses as the owner (all, contacts once accepted) or a responder (their own) sees them. A
 * response's voice note reaches the owner once WeChat's audio check passed; its responder (`viewerId`)
 * hears it before.
 */
export async function toResponses(deps: ViewDeps, listing: ListingRow, rows: ResponseRow[], viewerId: number | null = null): Promise<ListingResponse[]> {
  const [people, feedback, voices] = await Promise.all([
    findPeople(deps.db, rows.map((r) => r.responder_id)),
    feedbackOf(deps.db, rows.map((r) => r.id)),
    voicesOf(deps, rows.map((r) => r.voice_id)),
  ])
  return rows.map((r) => {
    const responder = people.get(r.responder_id)!
    const note = r.voice_id === null ? undefined : voices.get(r.voice_id)
    const heard = voiceView(deps, note, r.responder_id === viewerId)
    return {
      id: r.id,
      listingId: r.listing_id,
      responder: toPerson(responder, deps.uploadUrl),
      message: r.message,
      voice: heard,
      voicePending: !heard && note !== undefined && note.check_status !== 'risky',
      status: r.status as ResponseStatus,
      contact:
        r.status === 'accepted' && r.phone_encrypted
          ? { name: responder.nickname ?? '对接方', phone: deps.phoneCipher.decrypt(r.phone_encrypted), note: null }
          : null,
      createdAt: r.created_at,
      feedback: feedback
        .filter((f) => f.response_id === r.id)
        .map((f) => ({ fromOwner: f.author_id === listing.author_id, rating: f.rating, text: f.text, at: f.created_at })),
    }
  })
}

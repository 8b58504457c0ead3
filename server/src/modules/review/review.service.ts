import type { ReviewItem, ReviewKind } from '../../../../common/schemas/review'
import type { Deps } from '../../deps'
import { AppError, notFound } from '../../errors'
import * as listings from '../listings/listings.repository'
import { reviewVoice, toSummaries, voicesOf } from '../listings/listings.view'
import { openCase } from '../triage/triage.repository'
import { recordAudit } from '../audit/audit.repository'
import { notify } from '../notifications/notifications.service'
import { tellAsked, tellReviewed } from '../messages/messages.events'
import { assertInStaffArea, staffAreaPattern } from '../users/staff-area'
import type { UserRow } from '../users/users.repository'

// Staff review of what people publish. Oldest first, so nobody waits longest; flagged items
// (WeChat's text check said 'review', or its audio check found the post's voice note risky) are
// marked for a closer look. The author is told either way.
// Staff granted an area review only the posts of townships inside it.
const QUEUE_SIZE = 50

/** Pending posts of townships inside the staff member's area (staff-area.ts). */
export async function reviewQueue(deps: Deps, staff: UserRow): Promise<ReviewItem[]> {
  let q = listings.selectListings(deps.db).where('status', '=', 'pending')
  const area = staffAreaPattern(staff)
  if (area) q = q.where('region_code', 'like', area)
  const rows = await q.orderBy('updated_at').orderBy('id').limit(QUEUE_SIZE).execute()
  const [summaries, photos, voices] = await Promise.all([
    toSummaries(deps, rows),
    listings.photosOf(deps.db, rows.map((r) => r.id), false),
    voicesOf(deps, rows.map((r) => r.voice_id)),
  ])
  return rows.map((r, i) => {
    const { kind: listingKind, achievement, id, title, side, category, region, author, proxyLabel } = summaries[i]
    return {
      kind: 'listing' as const,
      listingKind,
      achievement,
      id,
      title,
      side,
      category,
      region,
      description: r.description,
      author,
      proxyLabel,
      proxyName: r.proxy_name,
      // WeChat found its voice note risky: what was said is gone (not offered below), look closer.
      flagged: r.check_suggest === 'review' || (r.voice_id !== null && voices.get(r.voice_id)?.check_status === 'risky'),
      photos: photos
        .filter((p) => p.listing_id === r.id)
        .map((p) => ({ url: deps.uploadUrl(p.path), thumbUrl: deps.uploadUrl(p.thumb_path), check: p.check_status as 'pending' | 'pass' })),
      voice: voiceForReview(deps, r.voice_id === null ? undefined : voices.get(r.voice_id)),
      submittedAt: r.updated_at,
    }
  })
}

function voiceForReview(deps: Deps, row: Parameters<typeof reviewVoice>[1]) {
  const heard = reviewVoice(deps, row)
  return heard && row ? { ...heard, check: row.check_status as 'pending' | 'pass' } : null
}

/** Approves or rejects a post; only staff whose area holds the post's township (403 FORBIDDEN). */
export async function decide(deps: Deps, staff: UserRow, kind: ReviewKind, id: number, decision: { approve: true } | { approve: false; reason: string }) {
  if (kind !== 'listing') throw notFound()
  const row = await listings.findListing(deps.db, id)
  if (!row) throw notFound()
  assertInStaffArea(staff, row.region_code)
  // Two staff members deciding at once: the status guard in the update lets only one win. The area
  // is checked again on the row as it is written, should the author have moved the post meanwhile.
  const area = staffAreaPattern(staff)
  const at = deps.now().toISOString()
  const updated = await deps.db.transaction().execute(async (trx) => {
    const change = decision.approve ? { approve: true as const, publishedAt: row.published_at ?? at } : decision
    if (!(await listings.decidePending(trx, id, change, area, at))) return false
    await listings.addEvent(trx, id, decision.approve ? 'approved' : 'rejected', staff.id, at, decision.approve ? null : decision.reason)
    await recordAudit(trx, {
      actorId: staff.id,
      action: decision.approve ? 'listing.approve' : 'listing.reject',
      targetType: 'listing',
      targetId: id,
      // The post's id, not its text: what a person wrote goes when they delete their account; the log stays.
      details: { flagged: row.check_suggest === 'review' },
      reason: decision.approve ? null : decision.reason,
      at,
    })
    await tellReviewed(trx, row, decision, at)
    if (decision.approve) await tellAsked(trx, row, at)
    // A need is a 科服保姆 case from the moment it is public (an edit approved again keeps its case).
    if (change.approve && row.side === 'need' && row.kind === 'post') await openCase(trx, row, change.publishedAt)
    return true
  })
  if (!updated) {
    const now = await listings.findListing(deps.db, id)
    if (now) assertInStaffArea(staff, now.region_code) // moved out of the area meanwhile
    throw new AppError('ALREADY_REVIEWED', 409)
  }
  deps.feedCache.changed({ listings: [id] })
  await notify(deps, row.author_id, 'review', `packages/listings/detail/index?id=${id}`, {
    thing1: row.title,
    phrase2: decision.approve ? '审核通过' : '未通过',
    thing3: decision.approve ? '已公开发布，等待对接' : decision.reason,
  })
}

import { type ShareTarget } from '../../../../common/enums'
import { addMonths, chinaMonthOf, monthRange, monthStartUtc } from '../../../../common/china-time'
import type { SharedPageResult, ShareResults } from '../../../../common/schemas/sharing'
import type { Db } from '../../db/database'
import type { Deps } from '../../deps'
import { targetName } from '../article-links/article-links.service'
import { findArticle } from '../news/news.repository'
import { findUserById } from '../users/users.repository'
import { resultsByShare, resultTimesSince } from './sharing.repository'

// 我的传播 in detail: what each shared page brought and how each month went, so a volunteer sees
// which articles their groups read and that last month's push worked. An open is a person's first
// credited visit through the volunteer (one per person, as on the totals), so it belongs to the page
// that person first came through.

/** Months shown: this one and the five before it. */
const MONTHS = 6
const GONE = '已删除'

async function titleOf(db: Db, target: ShareTarget, id: number): Promise<string> {
  switch (target) {
    case 'article':
      return (await findArticle(db, id))?.title ?? GONE
    case 'talent': {
      const user = await findUserById(db, id)
      return user && user.deleted_at === null ? (user.nickname ?? GONE) : GONE
    }
    default:
      return (await targetName(db, target, id)) || GONE
  }
}

export async function myShareResults(deps: Pick<Deps, 'db' | 'now'>, sharerId: number): Promise<ShareResults> {
  const { db } = deps
  const thisMonth = chinaMonthOf(deps.now())
  const first = addMonths(thisMonth, 1 - MONTHS)
  const [byShare, times] = await Promise.all([resultsByShare(db, sharerId), resultTimesSince(db, sharerId, monthStartUtc(first))])

  // A page shared to chats and to Moments has two codes: one row for the page.
  const pages = new Map<string, SharedPageResult>()
  for (const r of byShare) {
    const key = `${r.target}:${r.target_id}`
    const page = pages.get(key) ?? { target: r.target as ShareTarget, targetId: r.target_id, title: '', opens: 0, registrations: 0 }
    page.opens += r.opens
    page.registrations += r.registrations
    pages.set(key, page)
  }
  const sorted = [...pages.values()].sort((a, b) => b.registrations - a.registrations || b.opens - a.opens || b.targetId - a.targetId)
  await Promise.all(sorted.map(async (p) => (p.title = await titleOf(db, p.target, p.targetId))))

  const months = monthRange(first, thisMonth).map((month) => ({ month, opens: 0, registrations: 0 }))
  const slot = new Map(months.map((m) => [m.month, m]))
  for (const at of times.opens) {
    const m = slot.get(chinaMonthOf(Date.parse(at)))
    if (m) m.opens++
  }
  for (const at of times.registrations) {
    const m = slot.get(chinaMonthOf(Date.parse(at)))
    if (m) m.registrations++
  }
  return { pages: sorted, months }
}

import { ARTICLE_LINK_TARGETS_WITH_ID, type ArticleLinkTarget } from '../../../../common/enums'
import type { ArticleSummary } from '../../../../common/schemas/news'
import type { ArticleLink, ArticleLinkInput } from '../../../../common/schemas/article-links'
import type { Db } from '../../db/database'
import type { Deps } from '../../deps'
import { AppError, badRequest, notFound } from '../../errors'
import { toSummary } from '../news/news.service'
import { VISIBLE_TO_ALL } from '../listings/listings.service'
import { recordAudit } from '../audit/audit.repository'
import * as repo from './article-links.repository'
import { findContest, latestFair, newestContests, openForSignup } from '../contests/contests.repository'
import { findListing } from '../listings/listings.repository'
import { findUserById } from '../users/users.repository'
import { findArticle } from '../news/news.repository'
import { defaultLabel, type LinkContext } from './link-suggestions'

// Articles ↔ product pages. An article's buttons (register, publish a need, a contest…) and a
// feature page's 相关报道 are the same article_links rows read from either end. Targets without
// an id store target_id 0 (the column is NOT NULL so the unique index also covers them).

export interface CheckedLink {
  target: ArticleLinkTarget
  targetId: number
  label: string
}

/**
 * The name of what a link (or a share, see sharing.service) points at, or undefined when it does
 * not exist (or is not public); '' for targets without an id.
 */
export async function targetName(db: Db, target: ArticleLinkTarget, id: number): Promise<string | undefined> {
  switch (target) {
    case 'contest':
    case 'contest_nominate':
      return (await findContest(db, id))?.name
    case 'studio': {
      // A studio is a registered 科技工作者 (see studios.service).
      const user = await findUserById(db, id)
      return user && user.role === 'expert' && user.registered_at !== null && user.deleted_at === null ? (user.nickname ?? '') : undefined
    }
    case 'listing': {
      const listing = await findListing(db, id)
      return listing && VISIBLE_TO_ALL.has(listing.status) ? listing.title : undefined
    }
    default:
      return ''
  }
}

/**
 * Checks links as staff wrote them: each target named at most once, ids naming something that
 * exists (and is public); fills in the labels left out. `field` prefixes the error paths.
 */
export async function checkLinks(db: Db, links: ArticleLinkInput[], field = 'links'): Promise<CheckedLink[]> {
  const seen = new Set<string>()
  const out: CheckedLink[] = []
  for (const [i, link] of links.entries()) {
    const needsId = ARTICLE_LINK_TARGETS_WITH_ID.includes(link.target)
    // A target without an id ignores one sent anyway (there is only one "register" page).
    const targetId = needsId ? (link.targetId ?? 0) : 0
    if (needsId && !targetId) throw badRequest('LINK_TARGET_ID_REQUIRED', { [`${field}.${i}.targetId`]: '请填写编号' })
    const key = `${link.target}:${targetId}`
    if (seen.has(key)) throw badRequest('LINK_DUPLICATE', { [`${field}.${i}`]: '重复的链接' })
    seen.add(key)
    const name = needsId ? await targetName(db, link.target, targetId) : ''
    if (name === undefined) throw badRequest('LINK_TARGET_NOT_FOUND', { [`${field}.${i}.targetId`]: `编号 ${targetId} 不存在` })
    out.push({ target: link.target, targetId, label: link.label ?? defaultLabel(link.target, name) })
  }
  return out
}

/**
 * Replaces an article's links (attach, remove and reorder in one go) at `now`. Links must be
 * checked first; `trx` is the caller's transaction (the links change with what they belong to).
 */
export function replaceArticleLinks(trx: Db, articleId: number, links: CheckedLink[], now: Date): Promise<void> {
  return repo.replaceArticleLinks(trx, articleId, links, now.toISOString())
}

/**
 * The contest's 'contest' article links become exactly `articleIds` (in the contest's
 * transaction). A new link is worded as the editor words a contest link (了解<name>).
 */
export function replaceContestLinks(trx: Db, contestId: number, articleIds: number[], at: string): Promise<void> {
  return repo.replaceContestLinks(trx, contestId, articleIds, async () => (await checkLinks(trx, [{ target: 'contest', targetId: contestId }]))[0].label, at)
}

/** How the audit log names a link: 'contest:12', or 'register' for a target without an id (stored as 0, read as null). */
const linkKey = (l: { target: string; targetId: number | null }) => (l.targetId ? `${l.target}:${l.targetId}` : l.target)

/** Staff: checks and saves an existing article's links, with the audit entry; answers them as stored. */
export async function saveArticleLinks(
  deps: Pick<Deps, 'db' | 'articleCache'>,
  staffId: number,
  articleId: number,
  links: ArticleLinkInput[],
  now: Date,
): Promise<ArticleLink[]> {
  const { db } = deps
  if (!(await findArticle(db, articleId))) throw notFound()
  const checked = await checkLinks(db, links)
  await db.transaction().execute(async (trx) => {
    const before = await repo.listArticleLinks(trx, articleId)
    await replaceArticleLinks(trx, articleId, checked, now)
    const had = new Set(before.map(linkKey))
    const has = new Set(checked.map(linkKey))
    await recordAudit(trx, {
      actorId: staffId,
      action: 'article.links',
      targetType: 'article',
      targetId: articleId,
      details: { added: [...has].filter((k) => !had.has(k)), removed: [...had].filter((k) => !has.has(k)), links: checked.map(linkKey) },
      at: now,
    })
  })
  deps.articleCache.changed()
  return repo.listArticleLinks(db, articleId)
}

/**
 * 相关报道: articles linking to a page, newest first. A contest's page also lists the articles
 * that ask readers to nominate for it.
 */
export async function relatedArticles(db: Db, target: ArticleLinkTarget, targetId: number | undefined, limit: number): Promise<ArticleSummary[]> {
  const needsId = ARTICLE_LINK_TARGETS_WITH_ID.includes(target)
  if (needsId && !targetId) throw new AppError('LINK_TARGET_ID_REQUIRED', 400)
  const targets: ArticleLinkTarget[] = target === 'contest' || target === 'contest_nominate' ? ['contest', 'contest_nominate'] : [target]
  const rows = await repo.articlesLinkedTo(db, targets, needsId ? targetId! : 0, limit)
  return rows.map(toSummary)
}

/** What the importer's suggestions point at: the 大赛 open for sign-up, and the latest 科创会. */
export async function linkContext(db: Db, now: Date): Promise<LinkContext> {
  const [openContest, fair] = await Promise.all([openForSignup(db, now.toISOString()), latestFair(db)])
  return { openContest: openContest ?? null, fair: fair ?? null }
}

/** Staff pick contests by name when linking (newest first). */
export async function linkOptions(db: Db) {
  return { contests: await newestContests(db, 50) }
}

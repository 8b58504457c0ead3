import type { z } from 'zod'
import { contestDetail, type contestInput, type contestListQuery } from '../../../../common/schemas/contests'
import type { ContestDetail, ContestPage, ContestResults } from '../../../../common/schemas/contests'
import type { Db } from '../../db/database'
import type { Deps } from '../../deps'
import { AppError, badRequest, notFound } from '../../errors'
import { beforeId, nextAfter } from '../../lib/cursor'
import { replaceContestLinks } from '../article-links/article-links.service'
import { recordAudit } from '../audit/audit.repository'
import { countArticlesAmong } from '../news/news.repository'
import { getRegion } from '../regions/regions.data'
import { assertInStaffArea } from '../users/staff-area'
import type { UserRow } from '../users/users.repository'
import * as repo from './contests.repository'
import { notifyAwarded } from './contests.notify'
import { awardText } from '../../../../common/rules'
import { awardRank, nextStage } from './contests.rules'
import { toContestDetail, toContestSummaries, toFinalists } from './contests.view'

type ContestInput = z.output<typeof contestInput>
type ContestListQuery = z.output<typeof contestListQuery>

// Contests themselves: browsing (public), and what staff do — create, edit, move the stage one
// step forward, publish results. Entrants, nominations and votes have their own services.

export async function loadContest(deps: Pick<Deps, 'db'>, id: number): Promise<repo.ContestRow> {
  const contest = await repo.findContest(deps.db, id)
  if (!contest) throw notFound()
  return contest
}

export async function listContests(deps: Deps, query: ContestListQuery, viewer: UserRow | null): Promise<ContestPage> {
  const before = beforeId(query)
  const rows = await repo.listContests(deps.db, query, query.limit + 1, before)
  const { next, lastId } = nextAfter(rows, query.limit)
  // nextBefore: compatibility for older builds, remove 2027-03-01.
  return { items: await toContestSummaries(deps, rows.slice(0, query.limit), viewer), next, nextBefore: lastId }
}

/** A contest staff act on: it must exist (404) and lie inside their area (403 FORBIDDEN). */
export async function loadStaffContest(deps: Pick<Deps, 'db'>, staff: UserRow, id: number): Promise<repo.ContestRow> {
  const contest = await loadContest(deps, id)
  // Staff run only contests inside their area (403 FORBIDDEN otherwise).
  assertInStaffArea(staff, contest.region_code)
  return contest
}

export async function getContest(deps: Deps, viewer: UserRow | null, id: number): Promise<ContestDetail> {
  return toContestDetail(deps, await loadContest(deps, id), viewer)
}

/** A contest's page as someone not signed in sees it, as the JSON sent (encoded by its schema), kept a few seconds (contests.cache.ts). */
export function publicContestJson(deps: Deps, id: number): Promise<string> {
  const now = deps.now()
  const build = async () => {
    const detail = await getContest(deps, null, id)
    // signupOpen turns false by itself when sign-up closes: kept no later than that instant.
    return { json: JSON.stringify(contestDetail.encode(detail)), until: detail.signupOpen ? Date.parse(detail.signupEndsAt) : undefined }
  }
  return deps.contestCache.json(id, build, now)
}

/** The awarded finalists, 金 → 银 → 铜 → 优胜 → other, then popular-only; public once published. */
export async function getResults(deps: Deps, id: number): Promise<ContestResults> {
  const contest = await loadContest(deps, id)
  if (!contest.results_published_at) throw new AppError('RESULTS_NOT_PUBLISHED', 409)
  const awarded = (await repo.finalistsOf(deps.db, id))
    .filter((e) => e.award || e.popular_award === 1)
    .sort((a, b) => awardRank(a.award) - awardRank(b.award) || b.vote_count - a.vote_count || a.id - b.id)
  return { awarded: await toFinalists(deps, contest, awarded) }
}

// ---- staff ----

async function assertArticles(db: Db, ids: number[]) {
  if (!ids.length) return
  if ((await countArticlesAmong(db, ids)) !== new Set(ids).size) throw badRequest('VALIDATION_FAILED', { articleIds: '文章不存在' })
}

function assertRegion(code: string) {
  if (!getRegion(code)) throw badRequest('REGION_INVALID', { regionCode: '请选择四川省内的地区' })
}

/** What the audit log keeps of a contest as staff wrote it (the long texts stay in the contest). */
function auditedFields(input: ContestInput) {
  return { name: input.name, level: input.level, regionCode: input.regionCode, articleIds: input.articleIds }
}

function contestColumns(input: ContestInput) {
  return {
    kind: input.kind,
    name: input.name,
    organiser: input.organiser,
    level: input.level,
    region_code: input.regionCode,
    categories: JSON.stringify(input.categories),
    description: input.description,
    rules: input.rules,
    signup_ends_at: input.signupEndsAt,
    preliminary_ends_at: input.preliminaryEndsAt,
    semifinal_ends_at: input.semifinalEndsAt,
    final_ends_at: input.finalEndsAt,
  }
}

export async function createContest(deps: Deps, staff: UserRow, input: ContestInput): Promise<ContestDetail> {
  assertRegion(input.regionCode)
  assertInStaffArea(staff, input.regionCode)
  await assertArticles(deps.db, input.articleIds)
  const at = deps.now().toISOString()
  const row = await deps.db.transaction().execute(async (trx) => {
    const row = await repo.insertContest(trx, { ...contestColumns(input), stage: 'signup', created_by: staff.id, created_at: at, updated_at: at })
    await replaceContestLinks(trx, row.id, input.articleIds, at)
    await recordAudit(trx, { actorId: staff.id, action: 'contest.create', targetType: 'contest', targetId: row.id, details: auditedFields(input), at })
    return row
  })
  deps.articleCache.changed() // the articles it names now link to it
  return toContestDetail(deps, row, staff)
}

/** Edits the contest's fields; the stage moves only through moveStage / publishResults. */
export async function updateContest(deps: Deps, staff: UserRow, id: number, input: ContestInput): Promise<ContestDetail> {
  await loadStaffContest(deps, staff, id)
  assertRegion(input.regionCode)
  // …and it stays inside their area.
  assertInStaffArea(staff, input.regionCode)
  await assertArticles(deps.db, input.articleIds)
  const at = deps.now().toISOString()
  const row = await deps.db.transaction().execute(async (trx) => {
    const row = await repo.updateContest(trx, id, { ...contestColumns(input), updated_at: at })
    await replaceContestLinks(trx, id, input.articleIds, at)
    await recordAudit(trx, { actorId: staff.id, action: 'contest.update', targetType: 'contest', targetId: id, details: auditedFields(input), at })
    return row
  })
  deps.articleCache.changed() // the articles it names (and no longer names) link to it
  deps.contestCache.changed()
  return toContestDetail(deps, row, staff)
}

/** One step forward, never back or past a stage; 'finished' comes only from publishing results. */
export async function moveStage(deps: Deps, staff: UserRow, id: number, stage: string): Promise<ContestDetail> {
  const contest = await loadStaffContest(deps, staff, id)
  if (stage !== nextStage(contest.stage)) throw new AppError('STAGE_ORDER', 409)
  if (stage === 'finished') throw new AppError('RESULTS_NOT_PUBLISHED', 409)
  // Conditional on the stage we read: two staff pressing at once move it one step, not two.
  const at = deps.now().toISOString()
  const row = await deps.db.transaction().execute(async (trx) => {
    const row = await repo.moveStageFrom(trx, id, contest.stage, stage, at)
    if (row) await recordAudit(trx, { actorId: staff.id, action: 'contest.stage', targetType: 'contest', targetId: id, details: { from: contest.stage, to: stage }, at })
    return row
  })
  if (!row) throw new AppError('STAGE_ORDER', 409)
  deps.contestCache.changed()
  return toContestDetail(deps, row, staff)
}

/**
 * Publishes the results of a contest in its final: the popular award goes to the finalist(s) with
 * the most votes (ties share it; nobody when no one voted) among those whose account still exists,
 * the vote closes and the contest is finished — all in one transaction. Then the winners are told.
 */
export async function publishResults(deps: Deps, staff: UserRow, id: number): Promise<ContestDetail> {
  const contest = await loadStaffContest(deps, staff, id)
  if (contest.stage !== 'final' || contest.results_published_at) throw new AppError('STAGE_ORDER', 409)
  const at = deps.now().toISOString()
  const row = await deps.db.transaction().execute(async (trx) => {
    // Closing first (conditionally) makes a concurrent publish fail here instead of counting twice.
    // Votes, and staff advancing or awarding an entrant, share-lock this same row before they touch
    // an entry (votes.service.ts, entries.service.ts whileUnpublished), so on PostgreSQL this waits
    // for those in flight and the count below sees them; a later one waits for this transaction and
    // then finds the results out. This row first, entries after, as they do: no deadlock.
    const row = await repo.finishWithResults(trx, id, at)
    if (!row) throw new AppError('STAGE_ORDER', 409)
    const max = await repo.awardPopular(trx, id, at)
    await recordAudit(trx, { actorId: staff.id, action: 'contest.publish_results', targetType: 'contest', targetId: id, details: { popularVotes: max }, at })
    return row
  })
  deps.contestCache.changed()
  for (const e of await repo.finalistsOf(deps.db, id)) {
    const names = awardText(e.award, e.award_name, !!e.popular_award, '、')
    if (names) await notifyAwarded(deps, e.user_id, row, names)
  }
  return toContestDetail(deps, row, staff)
}

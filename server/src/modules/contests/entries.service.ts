import type { Insertable } from 'kysely'
import type { z } from 'zod'
import type { awardInput, confirmNominationInput, entryInput } from '../../../../common/schemas/contests'
import type { EntryView, MyContestEntry, StaffEntry } from '../../../../common/schemas/contests'
import { CONTEST_STAGE_LABELS, type ContestStage, type EntryStage } from '../../../../common/enums'
import { maskPhone } from '../../../../common/format'
import { isUniqueViolation, type ContestEntriesTable, type Db } from '../../db/database'
import type { Deps } from '../../deps'
import { assertNotRisky, SCENE } from '../../lib/content-check'
import { AppError, badRequest, notFound } from '../../errors'
import { recordAudit } from '../audit/audit.repository'
import { assertTownship } from '../regions/regions.data'
import { assertUsablePhotos, markAttached } from '../uploads/uploads.service'
import { displayName, findPeople } from '../users/people'
import { requireRegistered } from '../users/roles'
import type { UserRow } from '../users/users.repository'
import * as repo from './contests.repository'
import * as entriesRepo from './entries.repository'
import { declineForEntry } from './nominations.repository'
import { loadContest, loadStaffContest } from './contests.service'
import { notifyAdvanced } from './contests.notify'
import { isSignupOpen, previousEntryStage, resultsPublished, stageIndex } from './contests.rules'
import { toEntryViews } from './contests.view'

type EntryInput = z.output<typeof entryInput>
type EntryFields = z.output<typeof confirmNominationInput>
type AwardInput = z.output<typeof awardInput>

// Entrants: self sign-up, editing and withdrawing one's entry while sign-up is open, and what
// staff do with entrants (advance one stage at a time, award finalists). Confirming a nomination
// creates an entry through insertEntry below (nominations.service.ts).

export function assertSignupOpen(deps: Pick<Deps, 'now'>, contest: repo.ContestRow) {
  if (!isSignupOpen(contest, deps.now())) throw new AppError('SIGNUP_CLOSED', 409)
}

function assertCategory(contest: repo.ContestRow, category: string) {
  if (!(JSON.parse(contest.categories) as string[]).includes(category)) throw badRequest('CATEGORY_INVALID', { category: '本次比赛不设这个类别' })
}


/** Public text goes through WeChat's content check: 'risky' is refused (400, as for posts), the rest is kept with its verdict. */
export async function checkText(deps: Pick<Deps, 'wechat'>, user: UserRow, parts: string[]): Promise<'pass' | 'review'> {
  return assertNotRisky(deps, user.openid, SCENE.post, parts.join('\n'))
}

/** Checks shared by sign-up, editing and confirming a nomination (after the window and identity checks). */
export async function checkEntryInput(deps: Deps, user: UserRow, contest: repo.ContestRow, input: EntryFields & { regionCode: string }) {
  assertTownship(input.regionCode)
  assertCategory(contest, input.category)
  // The person's own uploads, not a post's, not a verification certificate, not found risky.
  await assertUsablePhotos(deps.db, user, input.photoIds, { refuseRisky: true })
  return checkText(deps, user, [input.title, input.description])
}

function entryColumns(input: EntryFields & { regionCode: string }) {
  return {
    title: input.title,
    category: input.category,
    description: input.description,
    years_experience: input.yearsExperience,
    region_code: input.regionCode,
    photo_ids: JSON.stringify(input.photoIds),
  }
}

/**
 * Inserts an entry, its photos marked attached in the same transaction (the caller's, or its own);
 * the unique (contest, person) index turns a double sign-up into ALREADY_ENTERED.
 */
export async function insertEntry(db: Db, values: Insertable<ContestEntriesTable>): Promise<repo.EntryRow> {
  const insert = async (trx: Db) => {
    await markAttached(trx, values.user_id, JSON.parse(values.photo_ids ?? '[]') as number[], new Date(values.created_at))
    return entriesRepo.insertEntryRow(trx, values)
  }
  try {
    return db.isTransaction ? await insert(db) : await db.transaction().execute(insert)
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('ALREADY_ENTERED', 409)
    throw err
  }
}

export function newEntryValues(
  contestId: number,
  user: UserRow,
  input: EntryFields & { regionCode: string },
  source: 'self' | 'nomination',
  suggest: string,
  at: string,
): Insertable<ContestEntriesTable> {
  return {
    contest_id: contestId,
    user_id: user.id,
    source,
    ...entryColumns(input),
    stage_reached: 'signup',
    check_suggest: suggest,
    created_at: at,
    updated_at: at,
  }
}

export async function entryView(deps: Deps, contest: repo.ContestRow, row: repo.EntryRow): Promise<EntryView> {
  return (await toEntryViews(deps, [row], { [contest.id]: contest }, { publicPhotos: false }))[0]
}

export async function signUp(deps: Deps, user: UserRow, contestId: number, input: EntryInput): Promise<EntryView> {
  const contest = await loadContest(deps, contestId)
  requireRegistered(user)
  assertSignupOpen(deps, contest)
  if (await repo.findEntryOf(deps.db, contestId, user.id)) throw new AppError('ALREADY_ENTERED', 409)
  const suggest = await checkEntryInput(deps, user, contest, input)
  const at = deps.now().toISOString()
  const row = await insertEntry(deps.db, newEntryValues(contestId, user, input, 'self', suggest, at))
  return entryView(deps, contest, row)
}

async function loadMine(deps: Deps, user: UserRow, contestId: number) {
  const contest = await loadContest(deps, contestId)
  const entry = await repo.findEntryOf(deps.db, contestId, user.id)
  if (!entry) throw notFound()
  return { contest, entry }
}

export async function editMyEntry(deps: Deps, user: UserRow, contestId: number, input: EntryInput): Promise<EntryView> {
  const { contest, entry } = await loadMine(deps, user, contestId)
  assertSignupOpen(deps, contest)
  // A nominated entrant was put forward by their township's chair: the township stays theirs.
  if (entry.source === 'nomination' && input.regionCode !== entry.region_code) {
    throw badRequest('REGION_INVALID', { regionCode: '举荐参赛的乡镇不能修改' })
  }
  const suggest = await checkEntryInput(deps, user, contest, input)
  const row = await deps.db.transaction().execute(async (trx) => {
    await markAttached(trx, user.id, input.photoIds, deps.now())
    return entriesRepo.updateEntry(trx, entry.id, { ...entryColumns(input), check_suggest: suggest, updated_at: deps.now().toISOString() })
  })
  return entryView(deps, contest, row)
}

/** Withdraws one's entry while sign-up is open; a confirmed nomination behind it becomes declined. */
export async function withdrawMyEntry(deps: Deps, user: UserRow, contestId: number): Promise<void> {
  const { contest, entry } = await loadMine(deps, user, contestId)
  assertSignupOpen(deps, contest)
  await deps.db.transaction().execute(async (trx) => {
    await declineForEntry(trx, entry.id, deps.now().toISOString())
    await entriesRepo.deleteEntry(trx, entry.id)
  })
}

export async function myEntries(deps: Deps, user: UserRow): Promise<MyContestEntry[]> {
  const rows = await repo.entriesOfUser(deps.db, user.id)
  const contests = Object.fromEntries((await repo.findContestsByIds(deps.db, rows.map((r) => r.contest_id))).map((c) => [c.id, c]))
  const views = await toEntryViews(deps, rows, contests, { publicPhotos: false })
  return views.map((v) => ({ ...v, contestName: contests[v.contestId].name, contestStage: contests[v.contestId].stage as ContestStage }))
}

// ---- staff ----

export async function staffEntries(deps: Deps, staff: UserRow, contestId: number, stage?: EntryStage): Promise<StaffEntry[]> {
  const contest = await loadStaffContest(deps, staff, contestId)
  const rows = await entriesRepo.entriesOf(deps.db, contestId, stage)
  const [views, people] = await Promise.all([
    toEntryViews(deps, rows, { [contest.id]: contest }, { publicPhotos: false, staff: true }),
    findPeople(deps.db, rows.map((r) => r.user_id)),
  ])
  return views.map((v, i) => {
    const person = people.get(rows[i].user_id)
    return {
      ...v,
      name: displayName(person),
      phoneMasked: person?.phone_encrypted ? maskPhone(deps.phoneCipher.decrypt(person.phone_encrypted)) : null,
    }
  })
}

/**
 * Runs a staff change to an entry (advance, award) in a transaction that first finds the contest's
 * results still unpublished, else 409 RESULTS_PUBLISHED. On PostgreSQL that contest row is
 * share-locked: publishResults updates the same row before it touches any entry
 * (contests.service.ts), so publishing waits for a change in flight and then sees it, and a change
 * that comes later waits for publishing to commit and then finds the results out. Both take the
 * contest row first and the entries after, so they cannot deadlock. (A check inside the entry's
 * UPDATE is not enough under READ COMMITTED: an UPDATE that waited on the entry's row lock
 * re-checks only that row; a subquery on contests keeps its old snapshot.) SQLite runs one write
 * transaction at a time, which gives the same order.
 */
async function whileUnpublished<T>(deps: Pick<Deps, 'db'>, contestId: number, change: (trx: Db) => Promise<T>): Promise<T> {
  return deps.db.transaction().execute(async (trx) => {
    if (!(await entriesRepo.lockUnpublished(trx, contestId))) throw new AppError('RESULTS_PUBLISHED', 409)
    return change(trx)
  })
}

/**
 * An entry staff act on: of a contest in their area, and not once the results are out (409
 * RESULTS_PUBLISHED; asked again under the lock in whileUnpublished as the change is written).
 */
async function loadEntryOf(deps: Deps, staff: UserRow, contestId: number, entryId: number) {
  const contest = await loadStaffContest(deps, staff, contestId)
  const entry = await repo.findEntry(deps.db, entryId)
  if (!entry || entry.contest_id !== contestId) throw notFound()
  if (resultsPublished(contest)) throw new AppError('RESULTS_PUBLISHED', 409)
  return { contest, entry }
}

/**
 * Moves an entrant to `stage`: the contest must have reached that stage (STAGE_ORDER) and the
 * entrant must be exactly one stage before it (ENTRY_NOT_IN_PREVIOUS_STAGE) — checked again in
 * the update itself, so a double click advances once — and its results must not be out.
 */
export async function advanceEntry(deps: Deps, staff: UserRow, contestId: number, entryId: number, stage: EntryStage): Promise<EntryView> {
  const { contest, entry } = await loadEntryOf(deps, staff, contestId, entryId)
  if (stageIndex(contest.stage) < stageIndex(stage)) throw new AppError('STAGE_ORDER', 409)
  const previous = previousEntryStage(stage)
  if (!previous || entry.stage_reached !== previous) throw new AppError('ENTRY_NOT_IN_PREVIOUS_STAGE', 409)
  const at = deps.now().toISOString()
  const row = await whileUnpublished(deps, contestId, async (trx) => {
    const row = await entriesRepo.advanceFrom(trx, entryId, previous, stage, at)
    if (row) {
      const details = { contestId, from: previous, to: stage }
      await recordAudit(trx, { actorId: staff.id, action: 'entry.advance', targetType: 'contest_entry', targetId: entryId, details, at })
    }
    return row
  })
  if (!row) throw new AppError('ENTRY_NOT_IN_PREVIOUS_STAGE', 409)
  await notifyAdvanced(deps, row.user_id, contest, CONTEST_STAGE_LABELS[stage])
  return (await toEntryViews(deps, [row], { [contest.id]: contest }, { publicPhotos: false, staff: true }))[0]
}

/** Sets or clears a finalist's award (the popular award is the vote's, set when results are published). */
export async function awardEntry(deps: Deps, staff: UserRow, contestId: number, entryId: number, input: AwardInput): Promise<EntryView> {
  const { contest, entry } = await loadEntryOf(deps, staff, contestId, entryId)
  if (entry.stage_reached !== 'final') throw new AppError('AWARD_NOT_FINALIST', 409)
  const at = deps.now().toISOString()
  const awardName = input.award === 'other' ? (input.awardName ?? null) : null
  const row = await whileUnpublished(deps, contestId, async (trx) => {
    const row = await entriesRepo.setAward(trx, entryId, input.award, awardName, at)
    if (row) {
      const details = { contestId, award: input.award, awardName, previous: entry.award }
      await recordAudit(trx, { actorId: staff.id, action: 'entry.award', targetType: 'contest_entry', targetId: entryId, details, at })
    }
    return row
  })
  // Gone since it was read (the entrant deleted their account).
  if (!row) throw notFound()
  return (await toEntryViews(deps, [row], { [contest.id]: contest }, { publicPhotos: false, staff: true }))[0]
}

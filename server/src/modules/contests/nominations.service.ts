import type { z } from 'zod'
import type { confirmNominationInput, nominationInput } from '../../../../common/schemas/contests'
import type { EntryView, MyNominations, NominationView, ReceivedNomination } from '../../../../common/schemas/contests'
import { isUniqueViolation } from '../../db/database'
import type { Deps } from '../../deps'
import { AppError, badRequest, forbidden, notFound } from '../../errors'
import { maskPhone } from '../../../../common/format'
import type { Role } from '../../../../common/enums'
import { getRegion, regionName } from '../regions/regions.data'
import { displayName, findPeople } from '../users/people'
import { isVerifiedChair } from '../users/roles'
import { findUserById, type UserRow } from '../users/users.repository'
import * as repo from './contests.repository'
import * as nominationsRepo from './nominations.repository'
import { loadContest } from './contests.service'
import { notifyNominated } from './contests.notify'
import { tellNominated, tellNominationAnswered } from '../messages/messages.events'
import { requireRegistered } from '../users/roles'
import { toNominationViews } from './contests.view'
import { assertSignupOpen, checkEntryInput, checkText, entryView, insertEntry, newEntryValues } from './entries.service'

type NominationInput = z.output<typeof nominationInput>
type ConfirmInput = z.output<typeof confirmNominationInput>

// 举荐: a verified township chair puts forward someone of their own township — a registered
// person, or someone with no account yet, named with their phone. The phone is kept encrypted and
// as the same keyed hash users.phone_lookup uses, so when that person registers and binds the
// phone (getPhoneNumber) they find the nomination, confirm it (it becomes their entry) or decline.

interface Nominee {
  userId: number | null
  name: string
  phoneEncrypted: string | null
  phoneLookup: string | null
  /** Named by account: the phone lookup that person bound, if any (null when named by phone). */
  accountPhoneLookup: string | null
  /** 'u:<user id>' or 'p:<township>:<phone lookup>' (the unique index: one nomination per person per contest). */
  key: string
}

async function resolveNominee(deps: Deps, chair: UserRow & { region_code: string }, input: NominationInput['nominee']): Promise<Nominee> {
  if ('userId' in input) {
    const person = await findUserById(deps.db, input.userId)
    if (!person || person.deleted_at || !person.registered_at) throw notFound()
    if (person.id === chair.id) throw badRequest('VALIDATION_FAILED', { nominee: '不能举荐自己' })
    if (person.region_code !== chair.region_code) throw forbidden('NOMINATION_REGION')
    return { userId: person.id, name: displayName(person), phoneEncrypted: null, phoneLookup: null, accountPhoneLookup: person.phone_lookup, key: `u:${person.id}` }
  }
  if (input.regionCode !== chair.region_code) throw new AppError('NOMINATION_REGION', 403, { 'nominee.regionCode': '只能举荐本乡镇的人才' })
  const lookup = deps.phoneCipher.lookup(input.phone)
  if (lookup === chair.phone_lookup) throw badRequest('VALIDATION_FAILED', { nominee: '不能举荐自己' })
  // Named by phone, the nominee stays a phone until they answer: nothing here looks at who has
  // registered with it, so no answer tells a chair whether (or where) a phone is registered. The
  // township is enforced when someone answers — only a person of the nomination's township sees it.
  // The key holds the township too, so a nomination from the wrong township cannot block the right one.
  return {
    userId: null,
    name: input.name,
    phoneEncrypted: deps.phoneCipher.encrypt(input.phone),
    phoneLookup: lookup,
    accountPhoneLookup: null,
    key: `p:${chair.region_code}:${lookup}`,
  }
}

/**
 * Earlier nominations of the same person in the contest from this township: by phone, the same
 * key; by account, also the phone that person bound (one person, whichever way they were named).
 */
async function earlierNominations(deps: Deps, contestId: number, regionCode: string, nominee: Nominee) {
  return nominationsRepo.nominationsOfPerson(deps.db, contestId, regionCode, nominee)
}

export async function nominate(deps: Deps, chair: UserRow, contestId: number, input: NominationInput): Promise<NominationView> {
  const contest = await loadContest(deps, contestId)
  if (!isVerifiedChair(chair)) throw forbidden('NOMINATION_NOT_ALLOWED')
  assertSignupOpen(deps, contest)
  const nominee = await resolveNominee(deps, chair, input.nominee)
  if (nominee.userId && (await repo.findEntryOf(deps.db, contestId, nominee.userId))) throw new AppError('ALREADY_ENTERED', 409)
  const earlier = await earlierNominations(deps, contestId, chair.region_code, nominee)
  // A withdrawn nomination does not count: the same person may be put forward again (reusing its row).
  if (earlier.some((n) => n.status !== 'withdrawn')) throw new AppError('ALREADY_NOMINATED', 409)
  await checkText(deps, chair, [nominee.name, input.reason])
  const at = deps.now().toISOString()
  const values = {
    nominator_id: chair.id,
    nominee_user_id: nominee.userId,
    nominee_name: nominee.name,
    nominee_phone_encrypted: nominee.phoneEncrypted,
    nominee_phone_lookup: nominee.phoneLookup,
    region_code: chair.region_code,
    reason: input.reason,
    status: 'pending',
    entry_id: null,
    created_at: at,
    decided_at: null,
  }
  const reuse = earlier.find((n) => n.nominee_key === nominee.key)
  let row: repo.NominationRow | undefined
  try {
    // The nominee's message (我的消息) is written with the nomination, in one transaction.
    row = await deps.db.transaction().execute(async (trx) => {
      const made = reuse
        ? // Conditional on it still being withdrawn: of several taps at once, one reuses the row.
          await nominationsRepo.reuseWithdrawn(trx, reuse.id, values)
        : await nominationsRepo.insertNomination(trx, { ...values, contest_id: contestId, nominee_key: nominee.key })
      if (made) await tellNominated(trx, made, contest, at)
      return made
    })
  } catch (err) {
    // Two chairs (or two taps) at once: the unique index keeps one.
    if (isUniqueViolation(err)) throw new AppError('ALREADY_NOMINATED', 409)
    throw err
  }
  if (!row) throw new AppError('ALREADY_NOMINATED', 409)
  if (nominee.userId) await notifyNominated(deps, nominee.userId, contest, getRegion(chair.region_code)?.name ?? '')
  return (await toNominationViews(deps, [row]))[0]
}

/** A chair's nominations (every contest), newest first, with how far each got. */
export async function myNominations(deps: Deps, chair: UserRow): Promise<MyNominations> {
  const rows = await nominationsRepo.nominationsBy(deps.db, chair.id)
  const items = await toNominationViews(deps, rows)
  const counted = items.filter((n) => n.status !== 'withdrawn')
  return {
    items,
    summary: {
      total: counted.length,
      pending: counted.filter((n) => n.status === 'pending').length,
      confirmed: counted.filter((n) => n.status === 'confirmed').length,
      declined: counted.filter((n) => n.status === 'declined').length,
      reachedFinal: counted.filter((n) => n.entry?.stageReached === 'final').length,
      awarded: counted.filter((n) => n.entry && (n.entry.award || n.entry.popularAward)).length,
    },
  }
}

async function loadOwnNomination(deps: Deps, chair: UserRow, id: number) {
  const row = await repo.findNomination(deps.db, id)
  if (!row) throw notFound()
  if (row.nominator_id !== chair.id) throw forbidden()
  return row
}

export async function withdrawNomination(deps: Deps, chair: UserRow, id: number): Promise<void> {
  const row = await loadOwnNomination(deps, chair, id)
  if (row.status !== 'pending') throw new AppError('NOMINATION_NOT_PENDING', 409)
  const res = await nominationsRepo.decidePending(deps.db, id, { status: 'withdrawn', decided_at: deps.now().toISOString() })
  if (!res) throw new AppError('NOMINATION_NOT_PENDING', 409)
}

/** Candidates for a chair's nomination: registered people of the chair's township. */
export async function nomineeCandidates(deps: Deps, chair: UserRow, contestId: number, q?: string) {
  await loadContest(deps, contestId)
  if (!isVerifiedChair(chair)) throw forbidden('NOMINATION_NOT_ALLOWED')
  const rows = await nominationsRepo.townshipPeople(deps.db, chair.region_code, chair.id, q)
  // Nicknames repeat in a township (扎西, 卓玛): the chair tells people apart by role, place, the
  // phone's first and last digits and when they joined — never the whole number.
  return rows.map((r) => ({
    userId: r.id,
    name: displayName(r),
    role: (r.role as Role | null) ?? null,
    place: r.region_code ? regionName(r.region_code, 'county') : '',
    phoneMasked: r.phone_encrypted ? maskPhone(deps.phoneCipher.decrypt(r.phone_encrypted)) : null,
    registeredAt: r.registered_at!,
  }))
}

// ---- the nominee ----

/** Addressed to `user`: by their account, or (no account named) by the phone they bound — if they live in its township. */
function isAddressedTo(row: repo.NominationRow, user: UserRow): boolean {
  if (row.nominee_user_id !== null) return row.nominee_user_id === user.id
  return !!user.phone_lookup && row.nominee_phone_lookup === user.phone_lookup && row.region_code === user.region_code
}

export async function receivedNominations(deps: Deps, user: UserRow): Promise<ReceivedNomination[]> {
  const rows = await nominationsRepo.nominationsAddressedTo(deps.db, user)
  const [views, chairs] = await Promise.all([toNominationViews(deps, rows), findPeople(deps.db, rows.map((r) => r.nominator_id))])
  return views.map((v, i) => {
    const chair = chairs.get(rows[i].nominator_id)
    return {
      ...v,
      // The nominee is the one person the chair's question "do they have an account?" is no secret to.
      hasAccount: true,
      nominatorName: displayName(chair),
      nominatorTownship: chair?.region_code ? (getRegion(chair.region_code)?.name ?? '') : '',
    }
  })
}

async function loadAddressed(deps: Deps, user: UserRow, id: number) {
  const row = await repo.findNomination(deps.db, id)
  if (!row) throw notFound()
  if (!isAddressedTo(row, user)) throw forbidden()
  if (row.status !== 'pending') throw new AppError('NOMINATION_NOT_PENDING', 409)
  return row
}

/** The nominee accepts: their entry (source 'nomination', the nomination's township) and the nomination change together. */
export async function confirmNomination(deps: Deps, user: UserRow, id: number, input: ConfirmInput): Promise<EntryView> {
  // First: a nomination by phone is addressed to a registered person of its township.
  requireRegistered(user)
  const nomination = await loadAddressed(deps, user, id)
  const contest = await loadContest(deps, nomination.contest_id)
  assertSignupOpen(deps, contest)
  if (await repo.findEntryOf(deps.db, contest.id, user.id)) throw new AppError('ALREADY_ENTERED', 409)
  const fields = { ...input, regionCode: nomination.region_code }
  const suggest = await checkEntryInput(deps, user, contest, fields)
  const at = deps.now().toISOString()
  const entry = await deps.db.transaction().execute(async (trx) => {
    const entry = await insertEntry(trx, newEntryValues(contest.id, user, fields, 'nomination', suggest, at))
    const res = await nominationsRepo.decidePending(trx, id, { status: 'confirmed', entry_id: entry.id, nominee_user_id: user.id, decided_at: at })
    // Withdrawn or decided meanwhile: undo the entry with the transaction.
    if (!res) throw new AppError('NOMINATION_NOT_PENDING', 409)
    await tellNominationAnswered(trx, res, contest, user, true, at)
    return entry
  })
  return entryView(deps, contest, entry)
}

export async function declineNomination(deps: Deps, user: UserRow, id: number): Promise<NominationView> {
  requireRegistered(user)
  const nomination = await loadAddressed(deps, user, id)
  const contest = await loadContest(deps, nomination.contest_id)
  const at = deps.now().toISOString()
  // The chair's message (我的消息) is written with the answer, in one transaction.
  const row = await deps.db.transaction().execute(async (trx) => {
    const row = await nominationsRepo.decidePending(trx, id, { status: 'declined', nominee_user_id: user.id, decided_at: at })
    if (row) await tellNominationAnswered(trx, row, contest, user, false, at)
    return row
  })
  if (!row) throw new AppError('NOMINATION_NOT_PENDING', 409)
  return (await toNominationViews(deps, [row]))[0]
}

import type { Db } from '../../db/database'
import { eraseEntriesOf } from './entries.repository'
import { eraseNominee } from './nominations.repository'

/**
 * Account deletion, the contest part. An entry stays as a record of the contest (its stage, award
 * and the votes it got keep other people's results and counts true), but what the person wrote
 * about themselves and their photos go; the talent pool already leaves deleted people out.
 * Nominations naming them lose the name and phone the chair typed, and a pending one is declined
 * (nobody is left to confirm it). Nominations they made as a chair are about other people and stay.
 */
export async function eraseContestant(db: Db, userId: number, phoneLookup: string | null, at: string): Promise<void> {
  await eraseEntriesOf(db, userId, at)
  await eraseNominee(db, userId, phoneLookup, at)
}

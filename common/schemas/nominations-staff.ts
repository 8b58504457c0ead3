import { z } from 'zod'
import { receivedNomination } from './contests'

// What staff see of 举荐 still waiting for the nominee's answer: not entrants yet, so a contest
// with only these showed "0 人参赛" (issue 12).

/** Staff: a contest's 举荐 waiting for the nominee, oldest first, with who put each forward. */
export const staffNominationList = z.object({ items: z.array(receivedNomination), pending: z.number() })
export type StaffNominationList = z.infer<typeof staffNominationList>
/** Staff: pending 举荐 per contest of their area (contests without any are left out). */
export const staffNominationCounts = z.object({ items: z.array(z.object({ contestId: z.number(), pending: z.number() })) })
export type StaffNominationCounts = z.infer<typeof staffNominationCounts>

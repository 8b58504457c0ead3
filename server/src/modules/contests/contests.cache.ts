import { KeptPages } from '../../lib/kept'

// A contest's page as someone not signed in sees it, as the JSON sent, per app instance, for a few
// seconds: a final's page is shared into WeChat groups and opened by hundreds at once, and each
// build is 5–7 queries (bench/reads.mjs). Votes come every second in a final and do not drop it:
// the counts a visitor sees may be 10 s old, as may an entrant's name after they change it. Anyone
// signed in (a voter, an entrant, staff) is shown their page fresh. Staff's changes to the contest
// itself (its texts, stage, results), and an account deleted (a finalist's name and face), drop
// every kept page at once.
const TTL_MS = 10_000
const MAX_CONTESTS = 1_000

export class ContestCache extends KeptPages<number> {
  constructor() {
    super(MAX_CONTESTS, TTL_MS)
  }
}

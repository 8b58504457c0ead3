import { KeptPages } from '../../lib/kept'

// An article's page as the JSON sent, per app instance, for a few seconds: the newspaper's
// articles are what volunteers share into WeChat groups of hundreds, who open it within minutes
// (bench/reads.mjs). Every write that changes what an article shows (an import, its links, a
// contest naming it) clears them all: articles change seldom, and only by staff.
const TTL_MS = 10_000
const MAX_ARTICLES = 1_000

export class ArticleCache extends KeptPages<number> {
  constructor() {
    super(MAX_ARTICLES, TTL_MS)
  }
}

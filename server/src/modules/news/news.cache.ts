import { fresh, keep } from '../../lib/kept'

// An article's page as the JSON sent, per app instance, for a few seconds: the newspaper's
// articles are what volunteers share into WeChat groups of hundreds, who open it within minutes
// (bench/reads.mjs). Every write that changes what an article shows (an import, its links, a
// contest naming it) clears them all: articles change seldom, and only by staff.
const TTL_MS = 10_000
const MAX_ARTICLES = 1_000

export class ArticleCache {
  private articles = new Map<number, { at: number; json: string }>()

  get(id: number): string | undefined {
    return fresh(this.articles, id, TTL_MS)
  }

  set(id: number, json: string) {
    keep(this.articles, MAX_ARTICLES, id, { at: Date.now(), json })
  }

  /** Articles changed: none of the kept pages can be trusted. */
  changed() {
    this.articles.clear()
  }
}

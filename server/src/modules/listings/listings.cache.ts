import { fresh, keep, KeptPages } from '../../lib/kept'

// What the feed's answers are made of, kept as the JSON sent; one cache per app (see deps.ts).
// Another instance's write shows here within the TTL at most, which is fine for public pages and
// keeps instances free of shared in-memory state (nothing here is needed for correctness).
//
// - First pages, per filter, for a few seconds (a hit costs no query and no serialization).
//   Every write that changes a post clears them all: any post may be on any first page.
// - Cards (a post's ListingSummary as encoded for the answer), per post. A feed page, search
//   results or a studio reads which posts to show from the database every time, and builds only
//   the cards it does not hold: building and encoding cards was most of a page's time
//   (bench/reads.mjs, --cpu-prof). A write drops the cards of the posts it changed (or of every
//   post of a person whose name, badge or account changed), not the others.
// - A post's page as someone not signed in sees it, kept and dropped as its card is: a post
//   shared into a WeChat group of hundreds is opened by all of them within minutes.
// - Searches: the ranked window of a query with its filters (every page of it is a slice), for a
//   few seconds. Ranking is the whole cost of a search (~6–10 ms at 1,000,000 posts, where a page
//   of cards is ~0.1 ms), and a crowd searches the same few words: 牦牛 on a training day. Many
//   asking at once share one ranking. Every write that changes what a post matches clears them
//   all: any post may now match any search, or no longer match. A write that leaves that as it
//   was says so (searchesHold), and the searches stay; the post's card goes, as always.
// - A 科创工作室 page as visitors not signed in see it, per expert, for a few seconds: it is shared
//   like a post. It goes with any change of the expert (changed({authors}), studioChanged), with
//   a 对接 on a post it shows (found through that post's kept card), and, as the searches do,
//   with every change of what a post matches: that is what moves a post onto or off a studio.
const PAGE_TTL_MS = 5_000
const MAX_PAGES = 500
const CARD_TTL_MS = 10_000
const MAX_CARDS = 20_000
const MAX_DETAILS = 5_000
const SEARCH_TTL_MS = 10_000
const MAX_SEARCHES = 500
const STUDIO_TTL_MS = 10_000
const MAX_STUDIOS = 2_000

/** What a write changed: these posts, and every post of these people. */
export interface Changed {
  listings?: readonly number[]
  authors?: readonly number[]
  /**
   * The posts still match the same searches at the same rank: their words, place, category, kind
   * and status are as they were (a 对接, a step of their care, a photo's check). Kept searches stay;
   * on a training day 对接 come every few seconds, and each would otherwise rank every search anew.
   */
  searchesHold?: boolean
}

/**
 * JSON kept per post with its author, oldest dropped first, and found by author too: a person's
 * change (each registration of a training day saves a profile) drops their posts without walking
 * every kept one (25,000 of them took ~0.3 ms a save).
 */
class KeptPosts {
  private entries = new Map<number, { at: number; json: string; author: number }>()
  private byAuthor = new Map<number, Set<number>>()

  constructor(
    private readonly max: number,
    private readonly ttlMs: number,
  ) {}

  get(id: number): string | undefined {
    const hit = this.entries.get(id)
    if (!hit) return undefined
    if (Date.now() - hit.at <= this.ttlMs) return hit.json
    this.delete(id)
    return undefined
  }

  set(id: number, author: number, json: string) {
    this.delete(id)
    if (this.entries.size >= this.max) this.delete(this.entries.keys().next().value!)
    this.entries.set(id, { at: Date.now(), json, author })
    const ids = this.byAuthor.get(author)
    if (ids) ids.add(id)
    else this.byAuthor.set(author, new Set([id]))
  }

  delete(id: number) {
    const hit = this.entries.get(id)
    if (!hit) return
    this.entries.delete(id)
    const ids = this.byAuthor.get(hit.author)!
    ids.delete(id)
    if (!ids.size) this.byAuthor.delete(hit.author)
  }

  /** Who wrote post `id`, if it is kept. */
  authorOf(id: number): number | undefined {
    return this.entries.get(id)?.author
  }

  /** Drops every post of `author`; true when one was kept. */
  dropAuthor(author: number): boolean {
    const ids = this.byAuthor.get(author)
    if (!ids) return false
    for (const id of [...ids]) this.delete(id)
    return true
  }
}

export class FeedCache {
  private entries = new Map<string, { at: number; json: string }>()
  private cards = new KeptPosts(MAX_CARDS, CARD_TTL_MS)
  private details = new KeptPosts(MAX_DETAILS, CARD_TTL_MS)
  private searches = new Map<string, { at: number; ids: Promise<number[]> }>()
  private studios = new KeptPages<number>(MAX_STUDIOS, STUDIO_TTL_MS)

  /**
   * The ranked ids of the search `key`: kept ones unless older than SEARCH_TTL_MS, else `rank()`'s,
   * which everyone asking meanwhile shares (a failed ranking is not kept).
   */
  search(key: string, rank: () => Promise<number[]>): Promise<number[]> {
    const hit = this.searches.get(key)
    if (hit && Date.now() - hit.at <= SEARCH_TTL_MS) return hit.ids
    const entry = { at: Date.now(), ids: rank() }
    this.searches.delete(key)
    keep(this.searches, MAX_SEARCHES, key, entry)
    entry.ids.catch(() => {
      if (this.searches.get(key) === entry) this.searches.delete(key)
    })
    return entry.ids
  }

  get(key: string): string | undefined {
    return fresh(this.entries, key, PAGE_TTL_MS)
  }

  set(key: string, json: string) {
    keep(this.entries, MAX_PAGES, key, { at: Date.now(), json })
  }

  /** A post's card as JSON, unless it is older than CARD_TTL_MS. */
  card(id: number): string | undefined {
    return this.cards.get(id)
  }

  setCard(id: number, author: number, json: string) {
    this.cards.set(id, author, json)
  }

  /** A post's public page (what getListing shows someone not signed in) as JSON, unless older than CARD_TTL_MS. */
  detail(id: number): string | undefined {
    return this.details.get(id)
  }

  setDetail(id: number, author: number, json: string) {
    this.details.set(id, author, json)
  }

  /** An expert's studio page as a visitor is shown it: the kept one unless older than STUDIO_TTL_MS, else `build()`'s. */
  studio(userId: number, build: () => Promise<string>): Promise<string> {
    return this.studios.json(userId, async () => ({ json: await build() }))
  }

  /** The expert wrote their studio's own words or photo. */
  studioChanged(userId: number) {
    this.studios.drop(userId)
  }

  /**
   * A write changed what posts show: the cards of what it names go, and the first pages and the
   * searches with them, and the studios showing them.
   * A person's change (a registration saves a profile) leaves the pages alone when none of their
   * cards is kept: a kept page's cards were all kept when it was built, and outlive it.
   */
  changed({ listings = [], authors = [], searchesHold = false }: Changed) {
    let pagesShowThem = listings.length > 0
    if (listings.length && !searchesHold) {
      this.searches.clear()
      this.studios.changed()
    }
    for (const id of listings) {
      const author = this.cards.authorOf(id) ?? this.details.authorOf(id)
      if (author !== undefined) this.studios.drop(author)
      this.cards.delete(id)
      this.details.delete(id)
    }
    for (const author of authors) {
      if (this.cards.dropAuthor(author)) pagesShowThem = true
      this.details.dropAuthor(author)
      this.studios.drop(author)
    }
    if (pagesShowThem) this.entries.clear()
  }
}

import type { ListingPage } from '../../../../common/schemas/listings'

// First pages of the feed, per filter, for a few seconds; one cache per app (see deps.ts). Every write in this instance clears it;
// another instance's write shows here within TTL_MS at most, which is fine for a public feed and
// keeps instances free of shared in-memory state (nothing here is needed for correctness).
const TTL_MS = 5_000
const MAX_ENTRIES = 500

export class FeedCache {
  private entries = new Map<string, { at: number; page: ListingPage }>()

  get(key: string): ListingPage | undefined {
    const hit = this.entries.get(key)
    if (!hit) return undefined
    if (Date.now() - hit.at > TTL_MS) {
      this.entries.delete(key)
      return undefined
    }
    return hit.page
  }

  set(key: string, page: ListingPage) {
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!)
    this.entries.set(key, { at: Date.now(), page })
  }

  clear() {
    this.entries.clear()
  }
}


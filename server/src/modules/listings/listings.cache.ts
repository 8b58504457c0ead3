// First pages of the feed, per filter, for a few seconds, kept as the JSON sent (so a hit costs
// no database query and no serialization); one cache per app (see deps.ts). Every write in this instance clears it;
// another instance's write shows here within TTL_MS at most, which is fine for a public feed and
// keeps instances free of shared in-memory state (nothing here is needed for correctness).
const TTL_MS = 5_000
const MAX_ENTRIES = 500

export class FeedCache {
  private entries = new Map<string, { at: number; json: string }>()

  get(key: string): string | undefined {
    const hit = this.entries.get(key)
    if (!hit) return undefined
    if (Date.now() - hit.at > TTL_MS) {
      this.entries.delete(key)
      return undefined
    }
    return hit.json
  }

  set(key: string, json: string) {
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!)
    this.entries.set(key, { at: Date.now(), json })
  }

  clear() {
    this.entries.clear()
  }
}


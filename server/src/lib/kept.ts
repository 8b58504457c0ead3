// Answers kept in memory for a few seconds (the feed's first pages and searches, an article's,
// a contest's and a studio's page): a bounded Map per kind, oldest dropped first, each entry stamped when it was kept.

/** Keeps `entry` under `key`, making room by dropping the oldest kept when `entries` holds `max`. */
export function keep<K, V>(entries: Map<K, V>, max: number, key: K, entry: V) {
  if (entries.size >= max) entries.delete(entries.keys().next().value!)
  entries.set(key, entry)
}

/** The JSON kept under `key`, unless it is older than `ttlMs` (then it goes). */
export function fresh<K>(entries: Map<K, { at: number; json: string }>, key: K, ttlMs: number): string | undefined {
  const hit = entries.get(key)
  if (!hit) return undefined
  if (Date.now() - hit.at > ttlMs) {
    entries.delete(key)
    return undefined
  }
  return hit.json
}

/**
 * Whole pages as the JSON sent, per key, for `ttlMs` at most: the ones a crowd opens from a link
 * shared into a WeChat group. `changed()` drops them all (the writes that change them are rare).
 */
export class KeptPages<K> {
  private pages = new Map<K, { at: number; json: string; until: number }>()

  constructor(
    private readonly max: number,
    private readonly ttlMs: number,
  ) {}

  /**
   * The page kept under `key`, else the one `build()` makes, kept from now. A page that changes by
   * itself at an instant (a contest's sign-up closing) says `until` when, on the app's clock (`now`).
   */
  async json(key: K, build: () => Promise<{ json: string; until?: number }>, now: Date = new Date()): Promise<string> {
    const hit = this.pages.get(key)
    if (hit && Date.now() - hit.at <= this.ttlMs && now.getTime() < hit.until) return hit.json
    const { json, until = Infinity } = await build()
    this.pages.delete(key)
    keep(this.pages, this.max, key, { at: Date.now(), json, until })
    return json
  }

  /** What the page of `key` shows changed. */
  drop(key: K) {
    this.pages.delete(key)
  }

  /** What they show changed: none of the kept pages can be trusted. */
  changed() {
    this.pages.clear()
  }
}

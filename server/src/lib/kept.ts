// Answers kept in memory for a few seconds (the feed's first pages and searches, an article's page): a
// bounded Map per kind, oldest dropped first, each entry stamped when it was kept.

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

import type { Readable } from 'node:stream'

/**
 * Where uploaded files live: local disk (the embedded default) or S3-compatible object storage
 * (production; Tencent COS speaks the protocol). Keys are relative paths such as
 * `photos/<uuid>.jpg`; the database stores keys, never URLs, so a store can move without a migration.
 */
export interface Storage {
  readonly kind: 'local' | 's3'
  /**
   * Stores bytes under a key, replacing what was there. Readers never see a half-written file.
   * A private key (isPrivateKey) is stored with no-store cache headers.
   */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>
  /** The object's bytes as a stream, or null when there is no such key. */
  get(key: string): Promise<StoredObject | null>
  /** Removes a key; one already gone is no error (deletions are retried). */
  delete(key: string): Promise<void>
  /** Every key under a prefix (`photos/`); for tests and operators, not for request paths. */
  list(prefix: string): Promise<string[]>
  /**
   * The URL the app loads a key from when the store serves the public itself (S3_PUBLIC_URL: the
   * bucket's or a CDN's origin); null when the API serves it at /uploads/<key>.
   */
  publicUrl(key: string): string | null
  close(): Promise<void>
}

export interface StoredObject {
  body: Readable
  contentType: string
  size?: number
  etag?: string
}

// Keys are made by the server (folder/uuid.ext), so anything else, in particular `..` or a
// leading slash arriving through /uploads/<key>, is not a key.
const KEY = /^(?:[a-z0-9-]+\/)+[A-Za-z0-9_-]+\.[a-z0-9]{1,5}$/

export function isValidKey(key: string): boolean {
  return key.length <= 200 && KEY.test(key)
}

export function assertValidKey(key: string): void {
  if (!isValidKey(key)) throw new Error(`not a storage key: ${JSON.stringify(key.slice(0, 80))}`)
}

/** Images are stored for good under random names: any cache may keep them as long as it likes. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable'

/**
 * Keys under PRIVATE_PREFIX (a verification's proof photos) are never served to the public: not
 * by /uploads/<key>, never given a public URL, and a bucket's public-read policy must name only
 * the public folders (photos/, thumbs/, avatars/; README). Only the claim's authorised route reads them.
 */
export const PRIVATE_PREFIX = 'proofs/'
export const PRIVATE_CACHE = 'private, no-store'

export function isPrivateKey(key: string): boolean {
  return key.startsWith(PRIVATE_PREFIX)
}

const TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', mp3: 'audio/mpeg' }

export function contentTypeOf(key: string): string {
  return TYPES[key.slice(key.lastIndexOf('.') + 1)] ?? 'application/octet-stream'
}

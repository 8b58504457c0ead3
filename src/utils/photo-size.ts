// The size a post's photo is made on the phone before it goes up (utils/compress-photo.ts), in a
// file of its own with no Taro import, so tests and the server side can state the same numbers.

/** The long edge at most: the server keeps nothing larger (uploads.service.ts stores a 1280 px copy). */
export const PHOTO_LONG_EDGE = 1280
/** A photo goes up at most this big (the first quality in PHOTO_QUALITIES that lands under it). */
export const PHOTO_TARGET_BYTES = 200 * 1024
/** Tried in turn until one is small enough (0–1; weapp takes them ×100). */
export const PHOTO_QUALITIES = [0.8, 0.65, 0.5]

/** The size to draw at: the long edge brought down to PHOTO_LONG_EDGE, never enlarged. */
export function fitLongEdge(width: number, height: number, max = PHOTO_LONG_EDGE): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height))
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}

import { randomUUID } from 'node:crypto'
import sharp from 'sharp'
import { AppError, badRequest } from '../errors'
import { createSemaphore } from './semaphore'

/**
 * The largest image decoded: 50 megapixels (8660×5773). Phones hand the app compressed photos of
 * 12 MP or less; a picture with more pixels than this is either a camera's raw mode or a
 * decompression bomb (a 16000×16000 PNG of 250 KB decodes to 768 MB). sharp reads the size from
 * the header and refuses before decoding anything.
 */
export const MAX_IMAGE_PIXELS = 50_000_000

// Decoding needs memory in proportion to the pixels decoded (~3.7 bytes a pixel for an interlaced
// PNG or a progressive JPEG, which cannot be shrunk while decoding). Decodes share a budget of
// MAX_IMAGE_PIXELS, each counted as at least half of it: two photos at a time, a picture near the
// limit alone; the rest wait their turn. So an instance's memory stays bounded however many
// uploads arrive at once, and the other core keeps answering requests.
const decodes = createSemaphore(MAX_IMAGE_PIXELS)
const MIN_DECODE_WEIGHT = MAX_IMAGE_PIXELS / 2
// libvips caches recent operations and their pixels (50 MB by default) for pipelines that repeat;
// each upload is decoded once, so the cache only holds memory (bench/image-memory.mjs: four
// uploads of a 50 MP progressive JPEG peaked at ~740 MB RSS with it, ~410 MB without).
sharp.cache(false)

export const JPEG = 'image/jpeg'

/** A new, never reused key for a stored JPEG in a folder (photos, thumbs, avatars). */
export function newImageKey(folder: string): string {
  return `${folder}/${randomUUID()}.jpg`
}

/**
 * Images from phones are large and carry EXIF (location!). Every stored image is re-encoded:
 * rotated upright, metadata dropped, resized to what the app shows. 400 IMAGE_INVALID for what
 * is not a readable image, 400 IMAGE_TOO_MANY_PIXELS past MAX_IMAGE_PIXELS.
 */
export async function resizeImage(input: Buffer, size: { width: number; height?: number; fit?: 'cover' | 'inside' }): Promise<Buffer> {
  const options = { failOn: 'error', limitInputPixels: MAX_IMAGE_PIXELS } as const
  const refused = (err: unknown) =>
    /pixel limit/i.test(String((err as Error)?.message)) ? new AppError('IMAGE_TOO_MANY_PIXELS', 400) : badRequest('IMAGE_INVALID')
  // The header alone: its size decides the decode's share of the budget (and refuses a bomb).
  let pixels: number
  try {
    const { width, height } = await sharp(input, options).metadata()
    pixels = width * height
    if (pixels > MAX_IMAGE_PIXELS) throw new Error('Input image exceeds pixel limit')
  } catch (err) {
    throw refused(err)
  }
  return decodes(async () => {
    try {
      return await sharp(input, options)
        .rotate()
        .resize({ width: size.width, height: size.height, fit: size.fit ?? 'cover', withoutEnlargement: size.fit === 'inside' })
        .jpeg({ quality: 80, mozjpeg: true })
        .toBuffer()
    } catch (err) {
      throw refused(err)
    }
  }, Math.max(pixels, MIN_DECODE_WEIGHT))
}

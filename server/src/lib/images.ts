import { randomUUID } from 'node:crypto'
import { mkdir, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { badRequest } from '../errors'

// Images from phones are large and carry EXIF (location!). Every stored image is re-encoded:
// rotated upright, metadata dropped, resized to what the app shows.
export async function saveResizedImage(
  input: Buffer,
  uploadDir: string,
  folder: string,
  size: { width: number; height?: number; fit?: 'cover' | 'inside' },
): Promise<string> {
  let output: Buffer
  try {
    output = await sharp(input, { failOn: 'error' })
      .rotate()
      .resize({ width: size.width, height: size.height, fit: size.fit ?? 'cover', withoutEnlargement: size.fit === 'inside' })
      .jpeg({ quality: 80, mozjpeg: true })
      .toBuffer()
  } catch {
    throw badRequest('IMAGE_INVALID')
  }
  const relative = `${folder}/${randomUUID()}.jpg`
  await mkdir(join(uploadDir, folder), { recursive: true })
  await writeFile(join(uploadDir, relative), output)
  return relative
}

/** Deletes a stored image (a path saveResizedImage returned); one already gone is no error. */
export async function removeUpload(uploadDir: string, path: string) {
  await unlink(join(uploadDir, path)).catch(() => undefined)
}

import Taro from '@tarojs/taro'
import { fitLongEdge, PHOTO_QUALITIES, PHOTO_TARGET_BYTES } from './photo-size'

// A post's photo is made small on the phone before it is uploaded: the long edge at most
// PHOTO_LONG_EDGE px (the server keeps nothing larger: uploads.service.ts stores a 1280 px copy),
// JPEG at the first quality in PHOTO_QUALITIES that lands under PHOTO_TARGET_BYTES. A 12 MP camera
// photo of 3–5 MB becomes ~150–250 KB: on a 2G/3G line in the pasture that is seconds instead of
// minutes, and bytes a herder pays for. Always on (not only with 省流量): the server would throw the
// extra pixels away anyway. Weapp: wx.compressImage (compressedWidth/Height, base library ≥ 2.26);
// H5: a canvas. A failure to compress never fails the upload: the original goes instead.

/** A local path of the photo made small (or `path` itself when it cannot be). */
export async function compressPhoto(path: string): Promise<string> {
  try {
    return process.env.TARO_ENV === 'weapp' ? await compressWeapp(path) : await compressH5(path)
  } catch {
    return path
  }
}

async function compressWeapp(src: string): Promise<string> {
  const info = await Taro.getImageInfo({ src })
  const size = fitLongEdge(info.width, info.height)
  const resized = size.width < info.width || size.height < info.height
  let out = src
  for (const q of PHOTO_QUALITIES) {
    // One of the two sides is enough: WeChat keeps the proportions.
    const side = info.width >= info.height ? { compressedWidth: size.width } : { compressedHeight: size.height }
    const res = await Taro.compressImage({ src, quality: Math.round(q * 100), ...(resized ? side : {}) } as Taro.compressImage.Option)
    out = res.tempFilePath
    if ((await weappFileSize(out)) <= PHOTO_TARGET_BYTES) break
  }
  return out
}

function weappFileSize(filePath: string): Promise<number> {
  return new Promise((resolve) => {
    Taro.getFileSystemManager().getFileInfo({
      filePath,
      success: (r) => resolve(r.size),
      // Unknown size: take what we have rather than squeeze it again.
      fail: () => resolve(0),
    } as Parameters<Taro.FileSystemManager['getFileInfo']>[0])
  })
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image()
    img.onload = () => resolve(img)
    img.onerror = () => reject(new Error('image'))
    img.src = src
  })
}

function toJpeg(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob'))), 'image/jpeg', quality))
}

async function compressH5(src: string): Promise<string> {
  // The browser turns the photo upright from its EXIF orientation as it decodes it (image-orientation: from-image).
  const img = await loadImage(src)
  const size = fitLongEdge(img.naturalWidth, img.naturalHeight)
  const canvas = document.createElement('canvas')
  canvas.width = size.width
  canvas.height = size.height
  const ctx = canvas.getContext('2d')
  if (!ctx) return src
  // JPEG has no transparency: a PNG's clear pixels become white, not black.
  ctx.fillStyle = '#fff'
  ctx.fillRect(0, 0, size.width, size.height)
  ctx.drawImage(img, 0, 0, size.width, size.height)
  let blob: Blob | null = null
  for (const q of PHOTO_QUALITIES) {
    blob = await toJpeg(canvas, q)
    if (blob.size <= PHOTO_TARGET_BYTES) break
  }
  const original = await fetch(src)
    .then((r) => r.blob())
    .catch(() => null)
  // Already small (a screenshot, a photo sent twice): keep the original if ours is no smaller.
  if (!blob || (original && original.size <= blob.size)) return src
  return URL.createObjectURL(blob)
}

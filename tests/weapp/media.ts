import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import type { Weapp } from './harness'

// WeChat's photo picker, uploader, downloader and full-screen preview, which the harness leaves out:
// the picker hands back a real JPEG, uploads and downloads are real HTTP calls to the test server
// (with the headers the app set), and a download lands in a local temp file as on a phone.
export interface Media {
  /** What chooseMedia hands back next. */
  photoPath: string
  previews: Array<{ urls: string[]; current?: string }>
  downloads: Array<{ path: string; status: number; cacheControl: string | null; authorized: boolean; tempFilePath: string }>
  uploads: Array<{ path: string; status: number; body: string }>
  /** What the app asked of wx.compressImage, and the size of each file it got back. */
  compressions: Array<{ quality?: number; compressedWidth?: number; compressedHeight?: number; bytes: number }>
  /** The bytes of every photo upload as it left the phone. */
  photoBytes: number[]
}

export function useMedia(weapp: Weapp, color = '#c9a96b'): Media {
  const media: Media = { photoPath: '', previews: [], downloads: [], uploads: [], compressions: [], photoBytes: [] }
  const later = <T>(opts: any, res: T) =>
    new Promise<T>((resolve) =>
      setTimeout(() => {
        opts.success?.(res)
        opts.complete?.(res)
        resolve(res)
      }, 0),
    )
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weapp-media-'))
    media.photoPath = join(dir, 'photo.jpg')
    writeFileSync(media.photoPath, await sharp({ create: { width: 640, height: 480, channels: 3, background: color } }).jpeg().toBuffer())
    const wx = (global as any).wx
    const toServer = (url: string) => String(url).replace('http://127.0.0.1:3000', weapp.apiOrigin)
    // simulate's wx has no chooseMedia, so Taro hands the call straight through: answer with a
    // promise (WeChat's own promise style) as well as the callbacks.
    wx.chooseMedia = (opts: any) => later(opts, { errMsg: 'chooseMedia:ok', type: 'image', tempFiles: [{ tempFilePath: media.photoPath, size: 1000, fileType: 'image' }] })
    wx.uploadFile = (opts: any) => {
      const form = new FormData()
      // A recorder's note (RecorderManager writes .mp3) goes as WeChat sends it: audio/mpeg.
      const mp3 = /\.mp3$/i.test(opts.filePath)
      if (!mp3) media.photoBytes.push(statSync(opts.filePath).size)
      form.append(opts.name, new Blob([readFileSync(opts.filePath)], { type: mp3 ? 'audio/mpeg' : 'image/jpeg' }), mp3 ? 'voice.mp3' : 'photo.jpg')
      fetch(toServer(opts.url), { method: 'POST', headers: opts.header, body: form })
        .then(async (res) => {
          const r = { errMsg: 'uploadFile:ok', statusCode: res.status, data: await res.text() }
          media.uploads.push({ path: new URL(toServer(opts.url)).pathname, status: res.status, body: r.data })
          opts.success?.(r)
          opts.complete?.(r)
        })
        .catch((err) => opts.fail?.({ errMsg: `uploadFile:fail ${err}` }))
      return { onProgressUpdate() {}, offProgressUpdate() {}, abort() {}, onHeadersReceived() {}, offHeadersReceived() {} }
    }
    // WeChat's image tools, done with sharp as the phone would do them: its size, and a JPEG at the
    // quality asked, scaled to compressedWidth/Height (the other side keeps the proportions).
    let compressed = 0
    wx.getImageInfo = (opts: any) => {
      sharp(opts.src)
        .metadata()
        .then((m) => later(opts, { errMsg: 'getImageInfo:ok', width: m.width, height: m.height, path: opts.src, type: m.format }))
        .catch((err) => opts.fail?.({ errMsg: `getImageInfo:fail ${err}` }))
    }
    wx.compressImage = (opts: any) => {
      const tempFilePath = join(dir, `compressed-${++compressed}.jpg`)
      const size = opts.compressedWidth || opts.compressedHeight ? { width: opts.compressedWidth, height: opts.compressedHeight } : {}
      sharp(opts.src)
        .resize(size)
        .jpeg({ quality: opts.quality ?? 80 })
        .toFile(tempFilePath)
        .then((info) => {
          media.compressions.push({ quality: opts.quality, compressedWidth: opts.compressedWidth, compressedHeight: opts.compressedHeight, bytes: info.size })
          return later(opts, { errMsg: 'compressImage:ok', tempFilePath })
        })
        .catch((err) => opts.fail?.({ errMsg: `compressImage:fail ${err}` }))
    }
    const fileSystem = wx.getFileSystemManager
    wx.getFileSystemManager = () => ({
      ...(fileSystem?.call(wx) ?? {}),
      getFileInfo: (opts: any) => later(opts, { errMsg: 'getFileInfo:ok', size: statSync(opts.filePath).size }),
    })
    let seq = 0
    wx.downloadFile = (opts: any) => {
      const url = toServer(opts.url)
      fetch(url, { headers: opts.header })
        .then(async (res) => {
          const tempFilePath = join(dir, `download-${++seq}.jpg`)
          writeFileSync(tempFilePath, Buffer.from(await res.arrayBuffer()))
          const u = new URL(url)
          media.downloads.push({
            path: u.pathname + u.search,
            status: res.status,
            cacheControl: res.headers.get('cache-control'),
            authorized: !!(opts.header?.Authorization ?? opts.header?.authorization),
            tempFilePath,
          })
          const r = { errMsg: 'downloadFile:ok', statusCode: res.status, tempFilePath }
          opts.success?.(r)
          opts.complete?.(r)
        })
        .catch((err) => opts.fail?.({ errMsg: `downloadFile:fail ${err}` }))
      return { onProgressUpdate() {}, offProgressUpdate() {}, abort() {}, onHeadersReceived() {}, offHeadersReceived() {} }
    }
    wx.previewImage = (opts: any) => {
      media.previews.push({ urls: opts.urls, current: opts.current })
      return later(opts, { errMsg: 'previewImage:ok' })
    }
  })
  return media
}

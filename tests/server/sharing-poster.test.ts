// A poster's 小程序码: GET /api/shares/:code/poster-code answers the PNG that getwxacodeunlimit
// (here the emulator) makes for scene = the share code and page = the shared page.
import sharp from 'sharp'
import { createWechatClient } from '../../server/src/wechat/client'
import { SHARE_PAGES } from '../../server/src/modules/sharing/sharing.service'
import { useTestContext } from './helpers'
import { anArticleId, registeredPerson, shareCode } from './sharing-fixtures'

const ctx = useTestContext()

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

test('poster-code answers a real PNG for the share, cacheable, the same bytes WeChat gives for that scene and page', async () => {
  const sharer = await registeredPerson(ctx)
  const articleId = await anArticleId(ctx)
  const code = await shareCode(ctx, sharer, articleId, 'article', 'poster')
  const res = await ctx.app.inject({ method: 'GET', url: `/api/shares/${code}/poster-code` })
  expect(res.statusCode).toBe(200)
  expect(res.headers['content-type']).toBe('image/png')
  expect(String(res.headers['cache-control'])).toMatch(/max-age=\d{5,}/)
  const body = res.rawPayload
  expect(body.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true)
  const meta = await sharp(body).metadata()
  expect(meta.format).toBe('png')
  expect(meta.width).toBeGreaterThanOrEqual(280)

  // The emulator draws from scene and page: asking it directly for this scene and page gives the same image.
  const direct = await createWechatClient({ baseUrl: ctx.emulatorUrl, appid: 'wx00000000emulator', secret: 'emulator-secret' }).getUnlimitedQrCode({
    scene: code,
    page: SHARE_PAGES.article,
    width: 430,
  })
  expect(body.equals(direct)).toBe(true)

  // Asked again: the same picture.
  const again = await ctx.app.inject({ method: 'GET', url: `/api/shares/${code}/poster-code` })
  expect(again.rawPayload.equals(body)).toBe(true)
})

test('an unknown or malformed code has no poster', async () => {
  const unknown = await ctx.app.inject({ method: 'GET', url: '/api/shares/abcdefgh12345678/poster-code' })
  expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'SHARE_NOT_FOUND'])
  const malformed = await ctx.app.inject({ method: 'GET', url: '/api/shares/bad!code/poster-code' })
  expect(malformed.statusCode).toBe(400)
})

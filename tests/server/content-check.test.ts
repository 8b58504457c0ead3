// The one content check every service uses (server/src/lib/content-check.ts), against the WeChat
// emulator over real HTTP. The only wrapper is a fetch that notes each msg_sec_check body it sends.
import type { FastifyInstance } from 'fastify'
import { AppError } from '../../server/src/errors'
import { assertNotRisky, SCENE } from '../../server/src/lib/content-check'
import { createWechatClient, type WechatClient } from '../../server/src/wechat/client'
import { buildEmulator, emulatorOpenid, EMULATOR_APPID, EMULATOR_SECRET } from '../../server/src/wechat/emulator'

let emulator: FastifyInstance
let wechat: WechatClient
const sent: Array<{ scene: number; content: string }> = []

beforeAll(async () => {
  emulator = buildEmulator()
  await emulator.listen({ port: 0, host: '127.0.0.1' })
  const address = emulator.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const recording: typeof fetch = (input, init) => {
    const url = String(input instanceof Request ? input.url : input)
    if (url.includes('/wxa/msg_sec_check') && typeof init?.body === 'string') sent.push(JSON.parse(init.body))
    return fetch(input, init)
  }
  wechat = createWechatClient({ baseUrl: `http://127.0.0.1:${port}`, appid: EMULATOR_APPID, secret: EMULATOR_SECRET, fetch: recording })
})

afterAll(async () => {
  await emulator.close()
})

beforeEach(() => {
  sent.length = 0
})

const openid = emulatorOpenid('content-check')

test('the scenes are WeChat’s numbers: 1 资料, 2 评论, 3 论坛', () => {
  expect(SCENE).toEqual({ profile: 1, comment: 2, post: 3 })
})

test('clean text passes and is sent with the scene asked for', async () => {
  await expect(assertNotRisky({ wechat }, openid, SCENE.comment, '想了解一下种植技术')).resolves.toBe('pass')
  expect(sent).toEqual([expect.objectContaining({ scene: 2, content: '想了解一下种植技术' })])
})

test('text WeChat wants reviewed is kept, with its verdict', async () => {
  await expect(assertNotRisky({ wechat }, openid, SCENE.post, '含有待审词的帖子')).resolves.toBe('review')
  expect(sent).toEqual([expect.objectContaining({ scene: 3 })])
})

test('risky text → 400 CONTENT_RISKY, with the field messages given (none otherwise)', async () => {
  const withField = await assertNotRisky({ wechat }, openid, SCENE.profile, '违禁词', { nickname: '昵称含有不适宜的内容' }).catch((e: unknown) => e)
  expect(withField).toBeInstanceOf(AppError)
  expect(withField).toMatchObject({ code: 'CONTENT_RISKY', statusCode: 400, fields: { nickname: '昵称含有不适宜的内容' } })
  const bare = await assertNotRisky({ wechat }, openid, SCENE.post, '违禁词').catch((e: unknown) => e)
  expect(bare).toMatchObject({ code: 'CONTENT_RISKY', statusCode: 400, fields: undefined })
  expect(sent.map((s) => s.scene)).toEqual([1, 3])
})

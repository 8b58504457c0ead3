// Voice notes (issue 13): POST /api/uploads/voice takes real MP3 only (read by its frames), 1–60 s,
// ≤ 1 MB, measures it, and hands it to WeChat's asynchronous audio check like a photo.
import { login, useTestContext } from './helpers'
import { expectError, makeJpeg, useWorld } from './listings-fixtures'
import { firstMs, repeated, uploadVoice, VOICE_3S, WAV_3S } from './voice-fixtures'

const ctx = useTestContext()
const world = useWorld(ctx, () => new Date())

const get = (url: string, headers: Record<string, string> = {}) => ctx.app.inject({ method: 'GET', url, headers })
const uploadCount = async () => (await ctx.db.selectFrom('uploads').select('id').execute()).length

describe('POST /api/uploads/voice', () => {
  it('stores the MP3 as sent, measures it, and sends it to WeChat’s audio check', async () => {
    const res = await uploadVoice(ctx, world.owner.auth)
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toEqual({ id: expect.any(Number), url: expect.stringMatching(/^\/uploads\/voices\/[0-9a-f-]+\.mp3$/), durationMs: 3096 })
    const file = await get(body.url)
    expect(file.statusCode).toBe(200)
    expect(file.headers['content-type']).toBe('audio/mpeg')
    expect(Buffer.compare(file.rawPayload, VOICE_3S)).toBe(0)
    const row = await ctx.db.selectFrom('uploads').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ kind: 'voice', owner_id: world.owner.id, duration_ms: 3096, check_status: 'pending', attached_at: null })
    const checks = (await (await fetch(`${ctx.emulatorUrl}/__emulator/media-checks`)).json()).mediaChecks
    // WeChat: media_type 1 = audio; WeChat fetches it from our public address.
    expect(checks.find((c: { traceId: string }) => c.traceId === row.trace_id)).toMatchObject({ mediaType: 1, mediaUrl: expect.stringMatching(new RegExp(`${body.url}$`)) })
  })

  it('the length counts the frames, whatever the name or type the phone gave it', async () => {
    const res = await uploadVoice(ctx, world.owner.auth, repeated(19), 'voice', 'application/octet-stream')
    expect(res.statusCode).toBe(200)
    expect(res.json().durationMs).toBe(19 * 3096)
  })

  it.each([
    ['a WAV', () => WAV_3S],
    ['a JPEG called .mp3', () => makeJpeg(200, 100)],
    ['text', () => Buffer.from('这不是语音'.repeat(400))],
    ['an MP3 behind 3 KB of something else', async () => Buffer.concat([await makeJpeg(300, 200), VOICE_3S])],
    ['nothing', () => Buffer.alloc(0)],
  ])('%s → 400 VOICE_INVALID, nothing stored', async (_name, make) => {
    const before = await uploadCount()
    expectError(await uploadVoice(ctx, world.owner.auth, await make()), 400, 'VOICE_INVALID')
    expect(await uploadCount()).toBe(before)
  })

  it('under a second → 400 VOICE_TOO_SHORT; a second is enough', async () => {
    expectError(await uploadVoice(ctx, world.owner.auth, firstMs(900)), 400, 'VOICE_TOO_SHORT')
    expect((await uploadVoice(ctx, world.owner.auth, firstMs(1000))).statusCode).toBe(200)
  })

  it('over a minute (beyond the encoder’s padding) → 400 VOICE_TOO_LONG; a full minute is taken', async () => {
    // 19 × 3.096 s = 58.8 s, + 1.2 s of frames = 60.0 s + a frame's padding.
    expect((await uploadVoice(ctx, world.owner.auth, Buffer.concat([repeated(19), firstMs(1250)]))).json().durationMs).toBeGreaterThanOrEqual(60_000)
    expectError(await uploadVoice(ctx, world.owner.auth, repeated(20)), 400, 'VOICE_TOO_LONG')
  })

  it('over 1 MB → 413 VOICE_TOO_LARGE, before it is read whole', async () => {
    const before = await uploadCount()
    expectError(await uploadVoice(ctx, world.owner.auth, repeated(120)), 413, 'VOICE_TOO_LARGE')
    expect(await uploadCount()).toBe(before)
  })

  it('signed out → 401; signed in but not registered → 403 PROFILE_INCOMPLETE, nothing stored', async () => {
    const before = await uploadCount()
    expect((await uploadVoice(ctx, undefined)).statusCode).toBe(401)
    expectError(await uploadVoice(ctx, (await login(ctx.app)).auth), 403, 'PROFILE_INCOMPLETE')
    expect(await uploadCount()).toBe(before)
  })
})

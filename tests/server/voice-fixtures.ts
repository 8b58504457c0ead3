// Voice notes for the server tests: the committed fixture (tests/fixtures/voice/3s.mp3, made by
// scripts/voice-fixture.mjs: 16 kHz mono 24 kbit/s, as both clients send) and notes cut from it or
// strung together at MPEG frame boundaries, so every one is real MP3 of a known length.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import CodecParser, { type CodecFrame } from 'codec-parser'
import type { LightMyRequestResponse } from 'fastify'
import type { TestContext } from './helpers'
import { multipartBody, type Auth } from './listings-fixtures'

const dir = join(__dirname, '..', 'fixtures', 'voice')
export const VOICE_3S = readFileSync(join(dir, '3s.mp3'))
export const WAV_3S = readFileSync(join(dir, '3s.wav'))
const frames = new CodecParser('audio/mpeg', { enableFrameCRC32: false }).parseAll(new Uint8Array(VOICE_3S)) as CodecFrame[]
/** One frame of the fixture: 576 samples at 16 kHz. */
export const FRAME_MS = frames[0].duration

/** The first `ms` of the fixture (whole frames). */
export function firstMs(ms: number): Buffer {
  return Buffer.concat(frames.slice(0, Math.ceil(ms / FRAME_MS)).map((f) => Buffer.from(f.data)))
}

/** The fixture `times` over: 3.096 s each. */
export function repeated(times: number): Buffer {
  return Buffer.concat(Array.from({ length: times }, () => VOICE_3S))
}

export async function uploadVoice(ctx: TestContext, auth: Auth | undefined, data: Buffer = VOICE_3S, filename = 'note.mp3', type = 'audio/mpeg'): Promise<LightMyRequestResponse> {
  const body = await multipartBody(data, filename, type)
  return ctx.app.inject({ method: 'POST', url: '/api/uploads/voice', headers: { ...(auth ?? {}), 'content-type': body.contentType }, payload: body.payload })
}

/** A voice note of `auth`'s: its id, url and length. */
export async function newVoice(ctx: TestContext, auth: Auth, data?: Buffer): Promise<{ id: number; url: string; durationMs: number }> {
  const res = await uploadVoice(ctx, auth, data)
  if (res.statusCode !== 200) throw new Error(`voice upload: ${res.statusCode} ${res.body}`)
  return res.json()
}

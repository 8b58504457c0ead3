#!/usr/bin/env node
// Makes the voice fixtures the tests use: tests/fixtures/voice/3s.wav (16-bit PCM, for Chromium's
// --use-file-for-fake-audio-capture, which wants a WAV) and tests/fixtures/voice/3s.mp3 (the same sound
// encoded the way both clients send a note: 16 kHz mono, 24 kbit/s CBR, with @breezystack/lamejs, the
// encoder the H5 recorder uses on the phone). No recording of a person is shipped: the sound is
// synthesised speech-like audio (a glottal pulse train with a wandering pitch, shaped by vowel formants,
// in syllables of ~220 ms with a fricative between some), so an encoder and a level meter treat it like
// a voice, and it is deterministic (fixed seed) so rerunning the script gives the same files.
//   node scripts/voice-fixture.mjs [seconds=3]
import { writeFileSync, mkdirSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Mp3Encoder } from '@breezystack/lamejs'

const RATE = 16_000
const KBPS = 24
const seconds = Number(process.argv[2] ?? 3)
const n = Math.round(seconds * RATE)
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'fixtures', 'voice')

let seed = 13
const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) * 2 - 1

// Formants (Hz) of a, i, u, e, o — rough adult values.
const VOWELS = [[730, 1090, 2440], [270, 2290, 3010], [300, 870, 2240], [530, 1840, 2480], [570, 840, 2410]]
const SYLLABLE = Math.round(0.22 * RATE)

// Two-pole resonator per formant, run on the pulse train.
function resonate(input, freq, bandwidth) {
  const r = Math.exp((-Math.PI * bandwidth) / RATE)
  const a1 = 2 * r * Math.cos((2 * Math.PI * freq) / RATE)
  const a2 = -r * r
  const y = new Float64Array(input.length)
  for (let i = 0; i < input.length; i++) y[i] = input[i] + a1 * (y[i - 1] ?? 0) + a2 * (y[i - 2] ?? 0)
  return y
}

const pcm = new Float64Array(n)
let phase = 0
for (let start = 0, s = 0; start < n; start += SYLLABLE, s++) {
  const len = Math.min(SYLLABLE, n - start)
  const vowel = VOWELS[s % VOWELS.length]
  const pulses = new Float64Array(len)
  const fricative = s % 3 === 2
  for (let i = 0; i < len; i++) {
    const t = (start + i) / RATE
    const pitch = 150 + 40 * Math.sin(2 * Math.PI * 0.7 * t) + 15 * Math.sin(2 * Math.PI * 3.1 * t)
    phase += pitch / RATE
    if (phase >= 1) { phase -= 1; pulses[i] = 1 }
    pulses[i] += 0.02 * rand()
  }
  let voiced = new Float64Array(len)
  for (const [k, f] of vowel.entries()) {
    const band = resonate(pulses, f, 80 + 40 * k)
    for (let i = 0; i < len; i++) voiced[i] += band[i] / (k + 1)
  }
  for (let i = 0; i < len; i++) {
    // Rise and fall of a syllable, a short gap between syllables, a pause every fifth.
    const env = s % 5 === 4 ? 0 : Math.sin((Math.PI * i) / len) ** 1.5
    const hiss = fricative && i < len * 0.3 ? 0.25 * rand() * Math.sin((Math.PI * i) / (len * 0.3)) : 0
    pcm[start + i] = voiced[i] * env + hiss
  }
}

let peak = 0
for (const v of pcm) peak = Math.max(peak, Math.abs(v))
const samples = new Int16Array(n)
for (let i = 0; i < n; i++) samples[i] = Math.round((pcm[i] / peak) * 0.6 * 32_767)

function wav(data) {
  const header = Buffer.alloc(44)
  header.write('RIFF', 0)
  header.writeUInt32LE(36 + data.byteLength, 4)
  header.write('WAVEfmt ', 8)
  header.writeUInt32LE(16, 16)
  header.writeUInt16LE(1, 20) // PCM
  header.writeUInt16LE(1, 22) // mono
  header.writeUInt32LE(RATE, 24)
  header.writeUInt32LE(RATE * 2, 28)
  header.writeUInt16LE(2, 32)
  header.writeUInt16LE(16, 34)
  header.write('data', 36)
  header.writeUInt32LE(data.byteLength, 40)
  return Buffer.concat([header, Buffer.from(data.buffer, data.byteOffset, data.byteLength)])
}

const encoder = new Mp3Encoder(1, RATE, KBPS)
const chunks = []
for (let i = 0; i < n; i += 1152) chunks.push(encoder.encodeBuffer(samples.subarray(i, i + 1152)))
chunks.push(encoder.flush())
const mp3 = Buffer.concat(chunks.map((c) => Buffer.from(c.buffer, c.byteOffset, c.length)))

mkdirSync(out, { recursive: true })
const name = `${seconds}s`
writeFileSync(join(out, `${name}.wav`), wav(samples))
writeFileSync(join(out, `${name}.mp3`), mp3)
console.log(`${name}.mp3 ${mp3.length} bytes (${Math.round(mp3.length / seconds)} B/s), ${name}.wav ${44 + n * 2} bytes`)

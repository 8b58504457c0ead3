import CodecParser, { type CodecFrame } from 'codec-parser'
import { AppError, badRequest } from '../errors'

// Voice notes (issue 13). Both clients send MP3: the mini program's RecorderManager records it
// (format 'mp3', 16 kHz mono, 24 kbit/s) and the H5 site encodes its microphone's PCM with lamejs
// on the phone, so one file plays on both platforms and the server never transcodes.
//
// What arrives is checked by its frames, not by its name or the client's MIME type: codec-parser
// (eshaz, no dependencies, walks every MPEG frame header and syncs only on a header followed by
// another) finds the frames, and their samples give the duration exactly — a bitrate × size
// estimate (what music-metadata does for a file without a Xing header) would be off for VBR, and
// get-mp3-duration has not been maintained since 2018. The parser resyncs past garbage, so a file
// counts as MP3 only when its frames fill it (a JPEG with an MP3 glued on is not a voice note).

export const VOICE_MIME = 'audio/mpeg'
/** 60 s at 24 kbit/s is ~180 KB; a stereo 128 kbit/s minute is ~960 KB. Nothing a phone records is bigger. */
export const MAX_VOICE_BYTES = 1024 * 1024
export const MIN_VOICE_MS = 1000
export const MAX_VOICE_MS = 60_000
/** Encoders pad the last frame and LAME adds an Info frame: a 60.0 s recording can read 60.2 s. */
export const VOICE_PADDING_MS = 500
/** The share of the file (less its ID3 tags) that MPEG audio frames must fill. */
const MIN_FRAME_SHARE = 0.95

/** Bytes of a leading ID3v2 tag (10-byte header + syncsafe size + optional footer), 0 when there is none. */
function id3v2Length(b: Uint8Array): number {
  if (b.length < 10 || b[0] !== 0x49 || b[1] !== 0x44 || b[2] !== 0x33) return 0
  const size = ((b[6] & 0x7f) << 21) | ((b[7] & 0x7f) << 14) | ((b[8] & 0x7f) << 7) | (b[9] & 0x7f)
  return 10 + size + (b[5] & 0x10 ? 10 : 0)
}

/**
 * The duration of an MP3 voice note in ms. 400 VOICE_INVALID for anything that is not MPEG Layer III
 * audio, VOICE_TOO_SHORT under a second, VOICE_TOO_LONG past a minute (and the encoder's padding).
 */
export function mp3DurationMs(input: Buffer): number {
  const bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength)
  // audio/mpeg yields frames, never Ogg pages.
  let frames: CodecFrame[]
  try {
    frames = new CodecParser(VOICE_MIME, { enableFrameCRC32: false }).parseAll(bytes) as CodecFrame[]
  } catch {
    throw badRequest('VOICE_INVALID')
  }
  let frameBytes = 0
  let samples = 0
  let ms = 0
  for (const f of frames) {
    if ((f.header as { layer?: string }).layer !== 'Layer III') throw badRequest('VOICE_INVALID')
    frameBytes += f.data.length
    samples += f.samples
    ms += f.duration
  }
  const tail = bytes.length >= 128 && bytes[bytes.length - 128] === 0x54 && bytes[bytes.length - 127] === 0x41 && bytes[bytes.length - 126] === 0x47 ? 128 : 0
  const audio = bytes.length - id3v2Length(bytes) - tail
  if (!samples || frameBytes < audio * MIN_FRAME_SHARE) throw badRequest('VOICE_INVALID')
  if (ms < MIN_VOICE_MS) throw badRequest('VOICE_TOO_SHORT')
  if (ms > MAX_VOICE_MS + VOICE_PADDING_MS) throw badRequest('VOICE_TOO_LONG')
  return Math.round(ms)
}

export function voiceTooLarge(): AppError {
  return new AppError('VOICE_TOO_LARGE', 413)
}

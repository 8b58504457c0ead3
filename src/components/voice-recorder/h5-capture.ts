import { Mp3Encoder } from '@breezystack/lamejs'
import { CaptureError, VOICE_SETTINGS, type Capture, type Recording } from './capture'

// H5 recording, MP3 made on the phone (loaded by capture.ts only when someone starts to record):
// the microphone through Web Audio at whatever rate the device runs (Firefox refuses to connect a
// microphone to a context of another rate, so we never ask for 16 kHz), averaged down to 16 kHz
// here, and encoded as it arrives, so stopping a 60 s note waits for one last frame, not a minute
// of work. MediaRecorder is not used: it gives Opus/WebM (Chrome) or AAC/MP4 (Safari), which the
// mini program cannot all play.

const RATE = VOICE_SETTINGS.sampleRate
/** lamejs takes whole MPEG frames best: 1152 samples each. */
const FRAME = 1152

type Ctx = typeof AudioContext

export async function startH5Capture(): Promise<Capture> {
  const media = navigator.mediaDevices
  const Context: Ctx | undefined = window.AudioContext ?? (window as unknown as { webkitAudioContext?: Ctx }).webkitAudioContext
  if (!media?.getUserMedia || !Context) throw new CaptureError('unavailable')
  let stream: MediaStream
  try {
    stream = await media.getUserMedia({ audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true } })
  } catch (err) {
    const name = (err as { name?: string })?.name
    throw new CaptureError(name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'unavailable')
  }
  const context = new Context()
  // Started from a tap, but Safari may still hand back a suspended context.
  if (context.state === 'suspended') await context.resume().catch(() => undefined)
  const source = context.createMediaStreamSource(stream)
  // ScriptProcessorNode is deprecated, yet it is on every browser a herder's phone runs, and an
  // AudioWorklet would need a module file the CSP and the Taro build do not make easy.
  const processor = context.createScriptProcessor(4096, 1, 1)
  const encoder = new Mp3Encoder(VOICE_SETTINGS.numberOfChannels, RATE, VOICE_SETTINGS.encodeBitRate / 1000)
  const chunks: Uint8Array[] = []
  const step = context.sampleRate / RATE
  let pending = new Int16Array(FRAME)
  let filled = 0
  let samples = 0
  // Where the next 16 kHz sample starts in the input, carried across buffers.
  let position = 0

  const push = (value: number) => {
    pending[filled++] = value < 0 ? Math.max(-32768, value * 32768) : Math.min(32767, value * 32767)
    samples += 1
    if (filled === FRAME) {
      const out = encoder.encodeBuffer(pending)
      if (out.length) chunks.push(out)
      pending = new Int16Array(FRAME)
      filled = 0
    }
  }

  processor.onaudioprocess = (e) => {
    const input = e.inputBuffer.getChannelData(0)
    // Each 16 kHz sample is the mean of the input samples it covers (a box filter: enough against
    // aliasing for speech at these rates).
    while (position + step <= input.length) {
      const from = Math.floor(position)
      const to = Math.max(from + 1, Math.floor(position + step))
      let sum = 0
      for (let i = from; i < to; i++) sum += input[i]
      push(sum / (to - from))
      position += step
    }
    position -= input.length
  }
  source.connect(processor)
  // A ScriptProcessor only runs while connected to the output; it writes silence there.
  processor.connect(context.destination)

  const release = () => {
    processor.onaudioprocess = null
    source.disconnect()
    processor.disconnect()
    stream.getTracks().forEach((track) => track.stop())
    context.close().catch(() => undefined)
  }

  return {
    async stop(): Promise<Recording> {
      release()
      if (filled) chunks.push(encoder.encodeBuffer(pending.subarray(0, filled)))
      chunks.push(encoder.flush())
      if (!samples) throw new CaptureError('failed')
      const blob = new Blob(chunks as BlobPart[], { type: 'audio/mpeg' })
      return { path: URL.createObjectURL(blob), durationMs: Math.round((samples / RATE) * 1000) }
    },
    cancel: release,
  }
}

import Taro from '@tarojs/taro'
import { startH5Capture } from './load-encoder'

// The platform edge of recording: the microphone in, an MP3 file out, on both platforms at the same
// settings (16 kHz mono, 24 kbit/s CBR = 3,000 bytes a second; WeChat allows 24–96 kbit/s at
// 16 kHz, so this is its smallest bit rate that still reads clearly for speech). Both encode MP3, so
// a note recorded on either plays on the other without the server transcoding anything.
//   weapp: WeChat's RecorderManager records MP3 itself.
//   H5: getUserMedia → Web Audio → lamejs on the phone (h5-capture.ts, loaded only when recording
//   starts, so no first-page bundle carries the encoder).

export const VOICE_SETTINGS = { format: 'mp3', sampleRate: 16000, numberOfChannels: 1, encodeBitRate: 24000 } as const
export const MAX_VOICE_MS = 60_000
export const MIN_VOICE_MS = 1_000

export interface Recording {
  /** A local file to upload and to listen back to (weapp: a temp path; H5: a blob: URL). */
  path: string
  durationMs: number
}

export interface Capture {
  stop(): Promise<Recording>
  /** Drops the recording (the page closed while it ran). */
  cancel(): void
}

/** Why recording could not start: 'denied' (the person refused the microphone), 'unavailable' (no microphone), 'failed'. */
export class CaptureError extends Error {
  constructor(readonly reason: 'denied' | 'unavailable' | 'failed') {
    super(reason)
  }
}

export async function startCapture(): Promise<Capture> {
  if (process.env.TARO_ENV === 'h5') return startH5Capture()
  return startWeappCapture()
}

/**
 * WeChat's one RecorderManager: its handlers are set for this recording (the manager is global, so
 * a previous recording's handlers are replaced, never added to).
 */
function startWeappCapture(): Promise<Capture> {
  const manager = Taro.getRecorderManager()
  let stopped: ((r: Recording) => void) | null = null
  let failed: ((e: Error) => void) | null = null
  let cancelled = false
  return new Promise<Capture>((resolve, reject) => {
    manager.onStart(() =>
      resolve({
        stop: () =>
          new Promise<Recording>((ok, ko) => {
            stopped = ok
            failed = ko
            manager.stop()
          }),
        cancel: () => {
          cancelled = true
          manager.stop()
        },
      }),
    )
    manager.onStop((res) => {
      if (cancelled) return
      // Stopped by WeChat itself at `duration` (60 s) or when the app went to the background: the
      // recording is kept either way.
      const rec = { path: res.tempFilePath, durationMs: res.duration }
      if (stopped) stopped(rec)
      else Taro.eventCenter.trigger(AUTO_STOP_EVENT, rec)
    })
    manager.onError((err) => {
      const reason = /auth|permission|deny/i.test(err?.errMsg ?? '') ? 'denied' : 'failed'
      if (failed) failed(new CaptureError(reason))
      else reject(new CaptureError(reason))
    })
    manager.start({ ...VOICE_SETTINGS, duration: MAX_VOICE_MS })
  })
}

/** weapp: WeChat stopped a recording by itself (its 60 s limit, a phone call): the recorder takes it as stopped. */
export const AUTO_STOP_EVENT = 'voice:auto-stop'

/**
 * The microphone permission (weapp scope.record). Asked once; refused before, WeChat will not ask
 * again, so the person is told why and offered the settings page. H5 asks through getUserMedia.
 */
export async function ensureMicrophone(): Promise<'ok' | 'denied'> {
  if (process.env.TARO_ENV !== 'weapp') return 'ok'
  try {
    await Taro.authorize({ scope: 'scope.record' })
    return 'ok'
  } catch {
    return 'denied'
  }
}

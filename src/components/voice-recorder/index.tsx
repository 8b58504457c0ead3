import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useT } from '../../i18n'
import { ApiRequestError, messageOf } from '../../services/http'
import { uploadVoice, type VoiceUpload } from '../../services/listings'
import { NETWORK_EVENT } from '../../services/network'
import { VoicePlayer } from '../voice-player'
import { AUTO_STOP_EVENT, CaptureError, ensureMicrophone, MAX_VOICE_MS, MIN_VOICE_MS, startCapture, type Capture, type Recording } from './capture'
import './index.scss'

/** What a form keeps of a note: the server's id (sent with the post or response), where it plays, its length. */
export type VoiceNote = VoiceUpload

/** Held at least this long, letting go ends the recording; a shorter press is a tap that starts it. */
const HOLD_MS = 600
/** A click right after a touch is the same tap (browsers send both). */
const TOUCH_CLICK_MS = 1000

type Phase =
  | { name: 'idle' }
  | { name: 'starting' }
  | { name: 'recording'; startedAt: number; tapMode: boolean }
  | { name: 'recorded'; rec: Recording; upload: 'uploading' | 'done' | 'failed' | 'offline'; progress: number; message?: string }

/**
 * Ask or answer by voice: hold the big button and speak (up to 60 s, the seconds left counting
 * down), let go to stop — or tap once to start and once more to stop, for hands that cannot hold.
 * The note uploads at once with its progress (a failed one can be sent again; without a network it
 * goes when the network returns), can be listened to and recorded again. The form gets the
 * uploaded note (`value`) and waits while `onBusyChange(true)`.
 */
export function VoiceRecorder({
  value,
  onChange,
  onBusyChange,
  className,
}: {
  value: VoiceNote | null
  onChange: (note: VoiceNote | null) => void
  onBusyChange?: (busy: boolean) => void
  className?: string
}) {
  const { t } = useT()
  const [phase, setPhaseState] = useState<Phase>({ name: 'idle' })
  const [now, setNow] = useState(0)
  const capture = useRef<Capture | null>(null)
  const phaseRef = useRef(phase)
  phaseRef.current = phase
  // The ref follows at once: a finger lifted in the same tick as it pressed must see 'starting'.
  const setPhase = (next: Phase | ((p: Phase) => Phase)) => {
    if (typeof next !== 'function') phaseRef.current = next
    setPhaseState(next)
  }
  const pressAt = useRef(0)
  const lastTouch = useRef(0)
  /** Released before recording had even started (a quick tap while the microphone opened): becomes tap mode. */
  const releasedEarly = useRef(false)
  const live = useRef(true)

  useEffect(
    () => () => {
      live.current = false
      capture.current?.cancel()
    },
    [],
  )

  const busy = phase.name === 'starting' || phase.name === 'recording' || (phase.name === 'recorded' && phase.upload !== 'done')
  useEffect(() => onBusyChange?.(busy), [busy])

  const send = (rec: Recording) => {
    setPhase({ name: 'recorded', rec, upload: 'uploading', progress: 0 })
    uploadVoice(rec.path, (progress) => live.current && setPhase((p) => (p.name === 'recorded' && p.rec === rec ? { ...p, progress } : p)))
      .then((note) => {
        if (!live.current || phaseRef.current.name !== 'recorded' || phaseRef.current.rec !== rec) return
        setPhase({ name: 'recorded', rec, upload: 'done', progress: 100 })
        onChange(note)
      })
      .catch((err) => {
        if (!live.current) return
        const offline = err instanceof ApiRequestError && err.code === 'NETWORK_OFFLINE'
        setPhase((p) => (p.name === 'recorded' && p.rec === rec ? { ...p, upload: offline ? 'offline' : 'failed', message: messageOf(err) } : p))
      })
  }

  // A note recorded without a network goes as soon as it returns.
  useEffect(() => {
    const onNetwork = (online: boolean) => {
      const p = phaseRef.current
      if (online && p.name === 'recorded' && p.upload === 'offline') send(p.rec)
    }
    Taro.eventCenter.on(NETWORK_EVENT, onNetwork)
    return () => {
      Taro.eventCenter.off(NETWORK_EVENT, onNetwork)
    }
  }, [])

  const finish = async () => {
    const p = phaseRef.current
    if (p.name !== 'recording' || !capture.current) return
    const c = capture.current
    capture.current = null
    setPhase({ name: 'starting' })
    try {
      const rec = await c.stop()
      if (!live.current) return
      if (rec.durationMs < MIN_VOICE_MS) {
        setPhase({ name: 'idle' })
        Taro.showToast({ title: t('voice.too_short'), icon: 'none' })
        return
      }
      send(rec)
    } catch {
      if (live.current) {
        setPhase({ name: 'idle' })
        Taro.showToast({ title: t('voice.record_failed'), icon: 'none' })
      }
    }
  }

  // WeChat stops by itself at 60 s (or for a phone call): keep what was said.
  useEffect(() => {
    const onAutoStop = (rec: Recording) => {
      if (phaseRef.current.name !== 'recording') return
      capture.current = null
      send(rec)
    }
    Taro.eventCenter.on(AUTO_STOP_EVENT, onAutoStop)
    return () => {
      Taro.eventCenter.off(AUTO_STOP_EVENT, onAutoStop)
    }
  }, [])

  // The countdown, and the stop at 60 s on H5 (WeChat stops itself).
  useEffect(() => {
    if (phase.name !== 'recording') return
    const tick = () => {
      setNow(Date.now())
      if (Date.now() - phase.startedAt >= MAX_VOICE_MS) finish()
    }
    tick()
    const timer = setInterval(tick, 250)
    return () => clearInterval(timer)
  }, [phase.name === 'recording' ? phase.startedAt : 0])

  const refused = () => {
    Taro.showModal({
      title: t('voice.mic_title'),
      content: t('voice.mic_denied'),
      confirmText: process.env.TARO_ENV === 'weapp' ? t('voice.open_settings') : t('voice.ok'),
      cancelText: t('voice.cancel'),
      showCancel: process.env.TARO_ENV === 'weapp',
    }).then((r) => {
      if (r.confirm && process.env.TARO_ENV === 'weapp') Taro.openSetting().catch(() => undefined)
    })
  }

  const begin = async () => {
    if (phaseRef.current.name === 'starting' || phaseRef.current.name === 'recording') return
    releasedEarly.current = false
    setPhase({ name: 'starting' })
    if ((await ensureMicrophone()) === 'denied') {
      setPhase({ name: 'idle' })
      return refused()
    }
    try {
      const c = await startCapture()
      if (!live.current) return c.cancel()
      capture.current = c
      Taro.vibrateShort?.({ type: 'light' })?.catch?.(() => undefined)
      setPhase({ name: 'recording', startedAt: Date.now(), tapMode: releasedEarly.current })
    } catch (err) {
      if (!live.current) return
      setPhase({ name: 'idle' })
      if (err instanceof CaptureError && err.reason === 'denied') refused()
      else Taro.showToast({ title: t(err instanceof CaptureError && err.reason === 'unavailable' ? 'voice.no_mic' : 'voice.record_failed'), icon: 'none' })
    }
  }

  const onTouchStart = () => {
    lastTouch.current = Date.now()
    pressAt.current = Date.now()
    if (phaseRef.current.name === 'idle' || phaseRef.current.name === 'recorded') begin()
  }
  const onTouchEnd = (e?: { preventDefault?: () => void }) => {
    lastTouch.current = Date.now()
    // H5: no click after the touch. Letting go swaps the button for the note's player, and the
    // browser's click would land on it and start playing what was just said.
    if (process.env.TARO_ENV === 'h5') e?.preventDefault?.()
    const p = phaseRef.current
    if (p.name === 'starting') {
      releasedEarly.current = true
      return
    }
    if (p.name !== 'recording') return
    const held = Date.now() - pressAt.current
    // This press started it: held long → that was hold-to-talk, letting go ends it; a short tap → keep recording until the next tap.
    if (pressAt.current <= p.startedAt + 50 && !p.tapMode) {
      if (held >= HOLD_MS) finish()
      else setPhase({ ...p, tapMode: true })
      return
    }
    finish()
  }
  // Mouse and keyboard (no touch): a click starts, the next click stops.
  const onClick = () => {
    if (Date.now() - lastTouch.current < TOUCH_CLICK_MS) return
    const p = phaseRef.current
    if (p.name === 'recording') finish()
    else if (p.name === 'idle' || p.name === 'recorded') {
      releasedEarly.current = true
      begin()
    }
  }

  const reRecord = () => {
    onChange(null)
    setPhase({ name: 'idle' })
  }

  const recording = phase.name === 'recording'
  const left = recording ? Math.max(0, Math.ceil((MAX_VOICE_MS - (now - phase.startedAt)) / 1000)) : 0
  // A note the form already holds (a draft opened again) plays from the server.
  // H5 listens back from the server's copy once it is there (what everyone else will hear), and
  // from the recording in memory (blob:, which the CSP allows) before that or with no network.
  // Weapp keeps its local file.
  const uploaded = phase.name === 'recorded' && phase.upload === 'done' && value
  const shown =
    phase.name === 'recorded'
      ? { url: process.env.TARO_ENV === 'h5' && uploaded ? uploaded.url : phase.rec.path, durationMs: value?.durationMs ?? phase.rec.durationMs }
      : value
  const showButton = !shown || recording || phase.name === 'starting'

  const h5Button = process.env.TARO_ENV === 'h5' ? { role: 'button', tabindex: '0', 'aria-label': recording ? t('voice.stop') : t('voice.hold') } : { 'aria-role': 'button' }

  return (
    <View className={`voice-recorder${className ? ` ${className}` : ''}`}>
      {showButton ? (
        <View
          className={`voice-recorder__button${recording ? ' voice-recorder__button--on' : ''}`}
          onTouchStart={onTouchStart}
          onTouchEnd={onTouchEnd}
          onTouchCancel={onTouchEnd}
          onClick={onClick}
          data-state={phase.name}
          {...(h5Button as object)}
        >
          <View className='voice-recorder__mic' />
          <Text className='voice-recorder__label'>
            {recording ? (phase.tapMode ? t('voice.tap_to_stop') : t('voice.release_to_stop')) : phase.name === 'starting' ? t('voice.starting') : t('voice.hold')}
          </Text>
        </View>
      ) : null}
      {recording && (
        <View className='voice-recorder__countdown' role='timer' data-left={left}>
          {t('voice.seconds_left', { s: left })}
        </View>
      )}
      {!shown && !recording && phase.name !== 'starting' && <View className='muted voice-recorder__hint'>{t('voice.hint')}</View>}

      {shown && !recording && phase.name !== 'starting' && (
        <View className='voice-recorder__note'>
          <VoicePlayer url={shown.url} durationMs={shown.durationMs} />
          {phase.name === 'recorded' && phase.upload === 'uploading' && (
            <View className='voice-recorder__progress' data-progress={phase.progress}>
              <View className='voice-recorder__bar'>
                <View className='voice-recorder__fill' style={{ width: `${phase.progress}%` }} />
              </View>
              <Text className='muted'>{t('voice.uploading', { p: phase.progress })}</Text>
            </View>
          )}
          {phase.name === 'recorded' && phase.upload === 'offline' && <View className='muted voice-recorder__status'>{t('voice.wait_network')}</View>}
          {phase.name === 'recorded' && phase.upload === 'failed' && (
            <View className='voice-recorder__failed' role='alert'>
              <Text className='error-text'>{phase.message}</Text>
              <View className='link voice-recorder__retry' onClick={() => send(phase.rec)}>
                {t('voice.retry')}
              </View>
            </View>
          )}
          {(phase.name !== 'recorded' || phase.upload === 'done') && <View className='voice-recorder__status voice-recorder__status--ok'>{t('voice.uploaded')}</View>}
          <View className='voice-recorder__again' onClick={reRecord} {...((process.env.TARO_ENV === 'h5' ? { role: 'button', tabindex: '0' } : {}) as object)}>
            {t('voice.rerecord')}
          </View>
        </View>
      )}
    </View>
  )
}

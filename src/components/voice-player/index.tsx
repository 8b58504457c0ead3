import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { assetUrl } from '../../services/http'
import { Tappable } from '../tappable'
import { useT } from '../../i18n/use-t'
import './index.scss'

// A voice note (MP3, recorded on either platform: both encode MP3, so the same file plays on the
// mini program and in the browser). One InnerAudioContext per player, made on the first tap (a list
// of twenty notes opens no twenty audio elements) and destroyed with the player. Only one note plays
// at a time: starting one stops the one playing, as in WeChat's own chats.

type Playing = { stop: () => void }
let current: Playing | null = null

let mutedOptionSet = false
/** iOS's silent switch would mute an InnerAudioContext by default: a herder asked a question out loud, they expect to hear the answer. */
function playThroughMuteSwitch() {
  if (mutedOptionSet || process.env.TARO_ENV !== 'weapp') return
  mutedOptionSet = true
  Taro.setInnerAudioOption({ obeyMuteSwitch: false }).catch(() => undefined)
}

/** 0:07, 1:00 — to the nearest second (a 3 s note's encoder padding makes it 3.1 s: still 0:03). */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000))
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

export function VoicePlayer({ url, durationMs, className }: { url: string; durationMs: number; className?: string }) {
  const { t } = useT()
  const [state, setState] = useState<'idle' | 'loading' | 'playing' | 'paused' | 'failed'>('idle')
  const [positionMs, setPositionMs] = useState(0)
  const audio = useRef<Taro.InnerAudioContext | null>(null)
  const self = useRef<Playing>({ stop: () => audio.current?.stop() })

  useEffect(
    () => () => {
      if (current === self.current) current = null
      audio.current?.destroy()
      audio.current = null
    },
    [],
  )
  // Another note for this player (a list reusing its rows): the old audio goes.
  useEffect(() => {
    if (!audio.current) return
    audio.current.destroy()
    audio.current = null
    setState('idle')
    setPositionMs(0)
  }, [url])

  const make = (): Taro.InnerAudioContext => {
    playThroughMuteSwitch()
    const ctx = Taro.createInnerAudioContext()
    ctx.src = assetUrl(url)
    ctx.onPlay(() => setState('playing'))
    ctx.onPause(() => setState('paused'))
    const ended = () => {
      if (current === self.current) current = null
      setState('idle')
      setPositionMs(0)
    }
    ctx.onStop(ended)
    ctx.onEnded(ended)
    ctx.onTimeUpdate(() => setPositionMs(Math.min(durationMs, ctx.currentTime * 1000)))
    ctx.onError(() => {
      if (current === self.current) current = null
      setState('failed')
    })
    return ctx
  }

  const toggle = () => {
    if (state === 'playing' || state === 'loading') {
      audio.current?.pause()
      setState('paused')
      return
    }
    if (current && current !== self.current) current.stop()
    current = self.current
    audio.current ??= make()
    setState('loading')
    // H5: HTMLMediaElement.play() answers a promise that rejects when the file cannot be played.
    Promise.resolve(audio.current.play() as unknown).catch(() => {
      if (current === self.current) current = null
      setState('failed')
    })
  }

  const playing = state === 'playing' || state === 'loading'
  const total = formatDuration(durationMs)
  const shown = playing || state === 'paused' ? `${formatDuration(positionMs)} / ${total}` : total
  const progress = durationMs > 0 ? Math.min(100, (positionMs / durationMs) * 100) : 0
  return (
    <Tappable
      className={`voice-player${playing ? ' voice-player--playing' : ''}${className ? ` ${className}` : ''}`}
      label={`${playing ? t('voice.pause') : t('voice.play')} ${total}`}
      pressed={playing}
      onClick={toggle}
      data-state={state}
    >
      <View className={`voice-player__icon voice-player__icon--${playing ? 'pause' : 'play'}`} />
      <View className='voice-player__body'>
        <View className='voice-player__bar'>
          <View className='voice-player__fill' style={{ width: `${progress}%` }} />
        </View>
        <Text className='voice-player__time'>{shown}</Text>
        {state === 'failed' && <Text className='voice-player__error'>{t('voice.failed')}</Text>}
      </View>
    </Tappable>
  )
}

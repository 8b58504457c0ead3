import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Image, View } from '@tarojs/components'
import type { Photo } from '../../../common/schemas/listings'
import { assetUrl, messageOf } from '../../services/http'
import { uploadPhoto } from '../../services/listings'
import { Tappable } from '../tappable'
import { useT } from '../../i18n'
import './index.scss'

interface Pending {
  key: string
  path: string
  progress: number
  status: 'waiting' | 'uploading' | 'error'
  message?: string
}

let seq = 0

/**
 * Photos of a post: picked (compressed by WeChat), each uploaded at once — one at a time, which
 * on 2G finishes the first photo sooner than sharing the line — with a progress bar; a failed one
 * can be retried or removed. Only uploaded photos (`value`, with server ids) belong to the form.
 */
export function PhotoPicker({
  value,
  max,
  onUploaded,
  onRemove,
  onBusyChange,
}: {
  value: Photo[]
  max: number
  onUploaded: (photo: Photo) => void
  onRemove: (id: number) => void
  /** Whether photos are still being sent (the form waits for them). */
  onBusyChange?: (busy: boolean) => void
}) {
  const { t } = useT()
  const [pending, setPending] = useState<Pending[]>([])
  const running = useRef(false)
  const live = useRef(true)
  useEffect(
    () => () => {
      live.current = false
    },
    [],
  )

  const patch = (key: string, next: Partial<Pending>) => setPending((list) => list.map((p) => (p.key === key ? { ...p, ...next } : p)))
  const busy = pending.some((p) => p.status !== 'error')
  useEffect(() => onBusyChange?.(busy), [busy])

  // The queue: whenever nothing is uploading, start the next waiting photo.
  useEffect(() => {
    if (running.current) return
    const next = pending.find((p) => p.status === 'waiting')
    if (!next) return
    running.current = true
    patch(next.key, { status: 'uploading', progress: 0 })
    uploadPhoto(next.path, (progress) => live.current && patch(next.key, { progress }))
      .then((photo) => {
        if (!live.current) return
        setPending((list) => list.filter((p) => p.key !== next.key))
        onUploaded(photo)
      })
      .catch((err) => live.current && patch(next.key, { status: 'error', message: messageOf(err) }))
      .finally(() => {
        running.current = false
        // Let the effect see the updated list (and start the next one).
        if (live.current) setPending((list) => [...list])
      })
  }, [pending])

  const room = max - value.length - pending.length

  const pick = async () => {
    if (room <= 0) {
      Taro.showToast({ title: t('photo.limit', { n: max }), icon: 'none' })
      return
    }
    let paths: string[] = []
    try {
      if (process.env.TARO_ENV === 'weapp') {
        const res = await Taro.chooseMedia({ count: room, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] })
        paths = res.tempFiles.map((f) => f.tempFilePath)
      } else {
        const res = await Taro.chooseImage({ count: room, sizeType: ['compressed'] })
        paths = res.tempFilePaths
      }
    } catch {
      return // the person closed the picker
    }
    const added = paths.slice(0, room).map((path) => ({ key: `p${++seq}`, path, progress: 0, status: 'waiting' as const }))
    if (added.length) setPending((list) => [...list, ...added])
  }

  const preview = (current: string) => Taro.previewImage({ urls: value.map((p) => assetUrl(p.url)), current })

  return (
    <View className='photo-picker'>
      {value.map((p) => (
        <View key={p.id} className='photo-picker__tile' data-photo={p.id}>
          <Tappable className='photo-picker__zoom' label={t('photo.zoom')} onClick={() => preview(assetUrl(p.url))}>
            <Image className='photo-picker__img' src={assetUrl(p.thumbUrl)} mode='aspectFill' />
          </Tappable>
          <Tappable className='photo-picker__remove' label={t('photo.remove_label')} onClick={() => onRemove(p.id)}>
            {t('photo.remove')}
          </Tappable>
        </View>
      ))}
      {pending.map((p) => (
        <View key={p.key} className='photo-picker__tile photo-picker__tile--pending'>
          <Image className='photo-picker__img' src={p.path} mode='aspectFill' />
          {p.status === 'error' ? (
            <View className='photo-picker__failed'>
              <View className='photo-picker__status'>{p.message ?? t('photo.failed')}</View>
              <View className='photo-picker__actions'>
                <Tappable className='photo-picker__action' onClick={() => patch(p.key, { status: 'waiting', message: undefined })}>
                  {t('state.retry')}
                </Tappable>
                <Tappable className='photo-picker__action' onClick={() => setPending((list) => list.filter((x) => x.key !== p.key))}>
                  {t('photo.remove')}
                </Tappable>
              </View>
            </View>
          ) : (
            <View className='photo-picker__progress'>
              <View className='photo-picker__status'>{p.status === 'waiting' ? t('photo.waiting') : t('photo.uploading', { p: p.progress })}</View>
              <View className='photo-picker__bar'>
                <View className='photo-picker__bar-fill' style={{ width: `${p.progress}%` }} />
              </View>
            </View>
          )}
        </View>
      ))}
      {room > 0 && (
        <Tappable className='photo-picker__tile photo-picker__add' onClick={pick}>
          <View className='photo-picker__plus' aria-hidden='true'>
            ＋
          </View>
          <View className='muted'>
            {t('photo.add', { n: value.length + pending.length, max })}
          </View>
        </Tappable>
      )}
    </View>
  )
}

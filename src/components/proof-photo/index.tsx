import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Image, View } from '@tarojs/components'
import { messageOf } from '../../services/http'
import { fetchProof, uploadProof } from '../../services/review'
import { Tappable } from '../tappable'
import './index.scss'

// A verification's proof photo (appointment letter, work card, certificate). It is never public:
// the picker uploads to the private proofs route and shows the phone's own copy; ProofImage fetches
// the server's copy with the session (an <Image> cannot send one) for the applicant and for staff.

export interface PickedProof {
  id: number
  /** The phone's local copy, shown instead of a URL (there is none). */
  path: string
}

/** One proof photo: pick, upload at once with progress, retry or replace. */
export function ProofPicker({
  value,
  onChange,
  onBusyChange,
  hint,
}: {
  value: PickedProof | null
  onChange: (proof: PickedProof | null) => void
  onBusyChange?: (busy: boolean) => void
  hint: string
}) {
  const [pending, setPending] = useState<{ path: string; progress: number; error?: string } | null>(null)
  const live = useRef(true)
  useEffect(
    () => () => {
      live.current = false
    },
    [],
  )
  useEffect(() => onBusyChange?.(!!pending && !pending.error), [pending])

  const send = async (path: string) => {
    setPending({ path, progress: 0 })
    try {
      const { id } = await uploadProof(path, (progress) => live.current && setPending({ path, progress }))
      if (!live.current) return
      setPending(null)
      onChange({ id, path })
    } catch (err) {
      if (live.current) setPending({ path, progress: 0, error: messageOf(err) })
    }
  }

  const pick = async () => {
    let path: string | undefined
    try {
      if (process.env.TARO_ENV === 'weapp') {
        const res = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] })
        path = res.tempFiles[0]?.tempFilePath
      } else {
        path = (await Taro.chooseImage({ count: 1, sizeType: ['compressed'] })).tempFilePaths[0]
      }
    } catch {
      return // the person closed the picker
    }
    if (path) send(path)
  }

  const shown = pending?.path ?? value?.path
  return (
    <View className='proof-picker'>
      {shown ? (
        <View className='proof-picker__tile'>
          <Tappable className='proof-picker__zoom' label='查看大图' onClick={() => Taro.previewImage({ urls: [shown], current: shown })}>
            <Image className='proof-picker__img' src={shown} mode='aspectFill' />
          </Tappable>
          {pending && !pending.error && <View className='proof-picker__status'>{`上传中 ${pending.progress}%`}</View>}
          {pending?.error && <View className='proof-picker__status proof-picker__status--error'>{pending.error}</View>}
        </View>
      ) : (
        <View className='muted proof-picker__hint'>{hint}</View>
      )}
      <View className='proof-picker__actions'>
        {pending?.error ? (
          <Button className='btn btn--primary proof-picker__retry' onClick={() => send(pending.path)}>
            重新上传
          </Button>
        ) : null}
        <Button className='btn btn--plain proof-picker__pick' disabled={(!!pending && !pending.error) || undefined} onClick={pick}>
          {shown ? '换一张' : '拍照或选择照片'}
        </Button>
      </View>
    </View>
  )
}

/**
 * A claim's proof photo for the applicant or the staff deciding it: the thumbnail loads with the
 * session; a tap fetches the full photo and opens it full screen (Taro.previewImage).
 */
export function ProofImage({ proofUrl, className }: { proofUrl: string; className?: string }) {
  const [thumb, setThumb] = useState<string | null>(null)
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading')
  const [opening, setOpening] = useState(false)
  const full = useRef<string | null>(null)
  const live = useRef(true)
  useEffect(
    () => () => {
      live.current = false
    },
    [],
  )

  const load = () => {
    setState('loading')
    fetchProof(proofUrl, 'thumb')
      .then((path) => {
        if (!live.current) return
        setThumb(path)
        setState('ready')
      })
      .catch(() => live.current && setState('error'))
  }
  useEffect(load, [proofUrl])

  const open = async () => {
    if (opening) return
    setOpening(true)
    try {
      full.current ??= await fetchProof(proofUrl, 'full')
      await Taro.previewImage({ urls: [full.current], current: full.current })
    } catch (err) {
      Taro.showToast({ title: messageOf(err), icon: 'none' })
    } finally {
      if (live.current) setOpening(false)
    }
  }

  const classes = `proof-image${className ? ` ${className}` : ''}`
  if (state === 'error') {
    return (
      <Tappable className={`${classes} proof-image--error`} onClick={load}>
        照片没有加载出来，点此重试
      </Tappable>
    )
  }
  if (state === 'loading' || !thumb) return <View className={`${classes} proof-image--loading`}>照片加载中…</View>
  return (
    <View className={classes}>
      <Tappable className='proof-image__zoom' label='查看大图' onClick={open}>
        <Image className='proof-image__img' src={thumb} mode='aspectFit' />
      </Tappable>
      <View className='muted proof-image__hint'>{opening ? '正在打开大图…' : '点击照片查看大图'}</View>
    </View>
  )
}

import { useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Canvas, Image, View } from '@tarojs/components'
import { SHARE_TARGETS, type ShareTarget } from '../../../../common/enums'
import { PageShell } from '../../../components/page-shell'
import { shareCodeFor } from '../../../hooks/useShare'
import { useSession } from '../../../hooks/useSession'
import { messageOf } from '../../../services/http'
import { posterCodeUrl } from '../../../services/sharing'
import { drawPoster, POSTER, type Ctx2D, type PosterContent } from './draw'
import { LOGIN_URL } from '../../../utils/routes'
import './index.scss'

// 分享海报: a picture with the title, a line of text and a 小程序码 whose scene is the sharer's
// code, to post in groups or print. WeChat: drawn on a Canvas 2D, exported with
// canvasToTempFilePath and saved with saveImageToPhotosAlbum (asking again, in Chinese, when the
// album permission was refused). H5: drawn on a browser canvas and shown as an image to long-press
// or download. Opened as ?target=article&id=5&title=…&text=….

const CANVAS_ID = 'poster-canvas'

/** WeChat passes query values as they were written (encoded); H5's router has decoded them already. */
function param(value: string | undefined): string {
  if (!value) return ''
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

type Step = { state: 'idle' } | { state: 'working' } | { state: 'done'; src: string } | { state: 'error'; message: string }

/** The canvas node of <Canvas type='2d' id=…> once it is laid out (WeChat). */
function canvasNode(): Promise<any> {
  return new Promise((resolve, reject) => {
    Taro.createSelectorQuery()
      .select(`#${CANVAS_ID}`)
      .fields({ node: true, size: true })
      .exec((res) => (res?.[0]?.node ? resolve(res[0].node) : reject(new Error('no canvas'))))
  })
}

function loadImage(image: any, src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    image.onload = () => resolve()
    image.onerror = () => reject(new Error('image'))
    image.src = src
  })
}

async function drawOnWeapp(content: Omit<PosterContent, 'code'>, codeUrl: string): Promise<string> {
  // The 小程序码 comes through downloadFile (a canvas image cannot load from our API directly).
  const download = await Taro.downloadFile({ url: codeUrl })
  if (download.statusCode !== 200) throw new Error(`poster code ${download.statusCode}`)
  const canvas = await canvasNode()
  const dpr = Math.min(2, Taro.getWindowInfo?.().pixelRatio ?? Taro.getSystemInfoSync().pixelRatio ?? 2)
  canvas.width = POSTER.width * dpr
  canvas.height = POSTER.height * dpr
  const ctx = canvas.getContext('2d')
  ctx.scale(dpr, dpr)
  const code = canvas.createImage()
  await loadImage(code, download.tempFilePath)
  drawPoster(ctx as Ctx2D, { ...content, code })
  const out = await Taro.canvasToTempFilePath({ canvas, fileType: 'png' } as Taro.canvasToTempFilePath.Option)
  return out.tempFilePath
}

async function drawOnH5(content: Omit<PosterContent, 'code'>, codeUrl: string): Promise<string> {
  const canvas = document.createElement('canvas')
  const dpr = 2
  canvas.width = POSTER.width * dpr
  canvas.height = POSTER.height * dpr
  const ctx = canvas.getContext('2d')!
  ctx.scale(dpr, dpr)
  const code = new window.Image()
  code.crossOrigin = 'anonymous'
  await loadImage(code, codeUrl)
  drawPoster(ctx as unknown as Ctx2D, { ...content, code })
  return canvas.toDataURL('image/png')
}

export default function PosterPage() {
  const { params } = useRouter()
  const target = SHARE_TARGETS.find((t) => t === params.target) as ShareTarget | undefined
  const id = Number(params.id)
  const title = param(params.title) || '天府科技云'
  const text = param(params.text)
  const user = useSession()
  const [step, setStep] = useState<Step>({ state: 'idle' })
  const started = useRef(false)

  const make = async () => {
    if (!target || !(id > 0)) return setStep({ state: 'error', message: '找不到要分享的内容' })
    setStep({ state: 'working' })
    try {
      const code = await shareCodeFor(target, id, 'poster')
      const content = { title, text, sharer: user?.nickname ?? null }
      const src = process.env.TARO_ENV === 'h5' ? await drawOnH5(content, posterCodeUrl(code)) : await drawOnWeapp(content, posterCodeUrl(code))
      setStep({ state: 'done', src })
    } catch (err) {
      setStep({ state: 'error', message: err instanceof Error && /image|poster code|canvas/.test(err.message) ? '小程序码加载失败，请重试' : messageOf(err) })
    }
  }

  useEffect(() => {
    if (!user || started.current) return
    started.current = true
    // Let the hidden canvas be laid out first.
    Taro.nextTick(() => void make())
  }, [user])

  const save = async () => {
    if (step.state !== 'done') return
    try {
      await Taro.saveImageToPhotosAlbum({ filePath: step.src })
      Taro.showToast({ title: '已保存到相册', icon: 'success' })
    } catch (err) {
      const msg = String((err as { errMsg?: string })?.errMsg ?? '')
      if (/cancel/i.test(msg)) return
      if (/auth|authorize|permission|privacy|scope/i.test(msg)) {
        // Refused once, WeChat does not ask again: only the settings page can turn it back on.
        const { confirm } = await Taro.showModal({
          title: '需要保存到相册的权限',
          content: '保存海报需要您允许“添加到相册”。请在设置中打开后，再点“保存到相册”。',
          confirmText: '去设置',
          cancelText: '暂不',
        })
        if (confirm) Taro.openSetting().catch(() => undefined)
        return
      }
      Taro.showToast({ title: '保存失败，请重试', icon: 'none' })
    }
  }

  const download = () => {
    if (step.state !== 'done') return
    const a = document.createElement('a')
    a.href = step.src
    a.download = `天府科技云-${title.slice(0, 12)}.png`
    a.click()
  }

  if (!user) {
    return (
      <PageShell className='poster'>
        <View className='card poster__signin'>
          <View>登录后生成海报：海报上的小程序码带着您的专属分享码，朋友扫码打开和注册都会记在您的传播成绩里。</View>
          <Button className='btn btn--primary poster__login' onClick={() => Taro.navigateTo({ url: LOGIN_URL })}>
            登录后生成海报
          </Button>
        </View>
      </PageShell>
    )
  }

  return (
    <PageShell className='poster'>
      {process.env.TARO_ENV === 'weapp' && (
        // Drawn off screen; what people see is the exported picture below.
        <Canvas type='2d' id={CANVAS_ID} className='poster__canvas' />
      )}
      {step.state === 'done' ? (
        <View className='poster__result'>
          <Image className='poster__image' src={step.src} mode='widthFix' showMenuByLongpress />
          {process.env.TARO_ENV === 'weapp' ? (
            <Button className='btn btn--primary poster__save' onClick={save}>
              保存到相册
            </Button>
          ) : (
            <View className='poster__h5'>
              <View className='muted poster__hint'>长按图片保存到手机，或点下面的按钮下载</View>
              <Button className='btn btn--primary poster__download' onClick={download}>
                下载海报
              </Button>
            </View>
          )}
          <View className='muted poster__hint'>把海报发到群里或朋友圈，朋友扫码就能打开。</View>
        </View>
      ) : step.state === 'error' ? (
        <View className='card poster__error'>
          <View className='error-text'>{step.message}</View>
          <Button className='btn btn--plain poster__retry' onClick={make}>
            重新生成
          </Button>
        </View>
      ) : (
        <View className='card poster__working'>正在生成海报…</View>
      )}
    </PageShell>
  )
}

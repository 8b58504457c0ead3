// Asking by voice on the real weapp build against the real server. WeChat's recorder is stubbed at
// the platform edge only: wx.getRecorderManager answers a manager whose stop hands back the real MP3
// fixture (tests/fixtures/voice/3s.mp3) as its temp file, and wx.uploadFile sends that file to the
// test server (tests/weapp/media.ts). Everything between — the recorder component, the upload, the
// 拍照/语音求助 page, the post — is the app's own code.
import { resolve } from 'node:path'
import { mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { phonePhoto } from '../fixtures/phone-photo'
import { PHOTO_LONG_EDGE, PHOTO_TARGET_BYTES } from '../../src/utils/photo-size'
import { signInDemo, useWeapp } from './harness'
import { useMedia } from './media'

const weapp = useWeapp()
const media = useMedia(weapp)
jest.setTimeout(30_000)

const FIXTURE = resolve(__dirname, '../fixtures/voice/3s.mp3')
const QUICK_ASK = 'packages/listings/quick-ask/index'
const unique = (name: string) => `${name}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`

/** What the app asked of WeChat's recorder. */
const recorder = { starts: [] as any[], stops: 0, authorized: [] as string[], refuse: false, settingsOpened: 0 }
beforeAll(() => {
  const wx = (global as any).wx
  const handlers: Record<string, (res?: any) => void> = {}
  const later = (fn: () => void) => setTimeout(fn, 0)
  wx.getRecorderManager = () => ({
    onStart: (h: any) => void (handlers.start = h),
    onStop: (h: any) => void (handlers.stop = h),
    onError: (h: any) => void (handlers.error = h),
    onPause() {},
    onResume() {},
    onFrameRecorded() {},
    onInterruptionBegin() {},
    onInterruptionEnd() {},
    start: (opts: any) => {
      recorder.starts.push(opts)
      later(() => handlers.start?.())
    },
    stop: () => {
      recorder.stops += 1
      // A real recording's temp file, as WeChat hands it over (its own measure of the length).
      later(() => handlers.stop?.({ tempFilePath: FIXTURE, duration: 3050, fileSize: statSync(FIXTURE).size }))
    },
    pause() {},
    resume() {},
  })
  // Called with callbacks (Taro makes its own promise), as WeChat's callback style answers.
  wx.authorize = (opts: any) =>
    later(() => {
      recorder.authorized.push(opts.scope)
      const res = { errMsg: recorder.refuse ? 'authorize:fail auth deny' : 'authorize:ok' }
      if (recorder.refuse) opts.fail?.(res)
      else opts.success?.(res)
      opts.complete?.(res)
    })
  wx.vibrateShort = (opts: any = {}) => Promise.resolve(opts.success?.({ errMsg: 'vibrateShort:ok' }))
  wx.openSetting = (opts: any = {}) => {
    recorder.settingsOpened += 1
    return Promise.resolve(opts.success?.({ errMsg: 'openSetting:ok', authSetting: {} }))
  }
})
beforeEach(async () => {
  await weapp.reset()
  recorder.starts.length = 0
  recorder.stops = 0
  recorder.authorized.length = 0
  recorder.refuse = false
  recorder.settingsOpened = 0
  media.uploads.length = 0
  media.compressions.length = 0
  media.photoBytes.length = 0
})

/** Tap to record, tap to stop (WeChat's recorder hands back the fixture); waits until the note is uploaded. */
async function recordByTaps(page: Awaited<ReturnType<typeof weapp.render>>): Promise<void> {
  const button = () => page.one('voice-recorder__button')
  page.trigger(button(), 'touchstart')
  page.trigger(button(), 'touchend')
  await page.waitFor(() => page.all('voice-recorder__button--on').length === 1, 'recording')
  page.trigger(button(), 'touchstart')
  page.trigger(button(), 'touchend')
  await page.waitForText('语音已上传')
}

/** A registered herder of 甘孜县呷拉乡 (with a contact phone in the profile unless `phone` is null), signed in on this phone. */
async function registeredHerder(nickname: string, phone: string | null = '13800003333') {
  const { token } = await weapp.signIn(unique('voice'))
  const res = await fetch(`${weapp.apiOrigin}/api/users/me`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ nickname, role: 'farmer', regionCode: '513328200', ...(phone ? { contactPhone: phone } : {}) }),
  })
  expect(res.status).toBe(200)
  const me = await res.json()
  weapp.storage.set('session.user', me)
  return me as { id: number }
}

test('tap to record, tap to stop: the MP3 uploads, plays back, and 发送 posts a voice-only need with its id', async () => {
  const me = await registeredHerder('次仁')
  const page = await weapp.render(QUICK_ASK)
  await page.waitForText('按住说话')

  // Tap once (a short press: recording goes on), then tap again to stop.
  const button = () => page.one('voice-recorder__button')
  page.trigger(button(), 'touchstart')
  page.trigger(button(), 'touchend')
  await page.waitFor(() => page.all('voice-recorder__button--on').length === 1, 'recording')
  await page.waitForText('还能说 60 秒')
  expect(page.text()).toContain('正在录音，再点一下结束')
  page.trigger(button(), 'touchstart')
  page.trigger(button(), 'touchend')

  await page.waitForText('语音已上传')
  // WeChat was asked for the microphone and for MP3 at 16 kHz mono 24 kbit/s (a valid pair), at most 60 s.
  expect(recorder.authorized).toEqual(['scope.record'])
  expect(recorder.starts).toEqual([{ format: 'mp3', sampleRate: 16000, numberOfChannels: 1, encodeBitRate: 24000, duration: 60000 }])
  expect(media.uploads).toHaveLength(1)
  expect(media.uploads[0]).toMatchObject({ path: '/api/uploads/voice', status: 200 })
  const note = JSON.parse(media.uploads[0].body) as { id: number; url: string; durationMs: number }
  // The server measured the fixture itself: 3 s.
  expect(Math.round(note.durationMs / 1000)).toBe(3)
  // Listen back: the player shows the note's length; 重录 is offered.
  expect(page.one('voice-player').textContent).toContain('0:03')
  expect(page.text()).toContain('重录')

  page.tap(page.all('quick-ask__cat').find((el) => el.textContent?.includes('养殖'))!)
  await page.waitFor(() => page.all('quick-ask__cat--on').length === 1, 'category chosen')
  page.tap(page.byText('发送'))
  await page.waitForText('已发送，审核通过后公开')

  const posts = await weapp.ctx.db.selectFrom('listings').selectAll().where('author_id', '=', me.id).execute()
  expect(posts).toHaveLength(1)
  expect(posts[0]).toMatchObject({ voice_id: note.id, side: 'need', category: 'breeding', region_code: '513328200', status: 'pending', description: '' })
  // A need sent by voice alone is titled from its category.
  expect(posts[0].title).toBe('语音求助·养殖')
  const sent = weapp.requests.filter((r) => r.method === 'POST' && r.path === '/api/listings')
  expect(sent).toHaveLength(1)
  expect(sent[0].data).toMatchObject({ voiceId: note.id, title: '', contact: { name: '次仁', phone: '13800003333' } })
})

test('the photo-first ask from home: 拍照/语音求助, a photo, one hold of the voice button, the category\'s picture, 发送 — 5 taps', async () => {
  const me = await registeredHerder('索朗')
  let taps = 0
  const home = await weapp.render('pages/index/index')
  const entry = await home.waitFor(() => home.all('quick-ask-entry')[0], 'the 拍照/语音求助 entry')
  // Found by its pictures (a camera, a speech bubble), not only its words.
  expect(home.all('quick-ask-entry__img')).toHaveLength(2)
  home.tap(entry)
  taps++
  expect(weapp.nav.at(-1)).toEqual({ api: 'navigateTo', url: `/${QUICK_ASK}` })

  const page = await weapp.render(QUICK_ASK)
  await page.waitForText('按住说话')
  // The camera hands over a 12 MP photo (4032×3024, some 4 MB).
  const camera = media.photoPath
  media.photoPath = join(mkdtempSync(join(tmpdir(), 'camera-')), 'IMG_0001.jpg')
  writeFileSync(media.photoPath, await phonePhoto())
  page.tap(page.one('quick-ask__camera'))
  taps++
  await page.waitFor(() => page.all('quick-ask__photo-taken').length === 1, 'the photo uploaded')
  media.photoPath = camera
  // Made small on the phone before it goes up: WeChat asked for a JPEG at quality 80, 1280 px wide.
  expect(media.compressions[0]).toMatchObject({ quality: 80, compressedWidth: PHOTO_LONG_EDGE })
  expect(media.photoBytes).toHaveLength(1)
  expect(media.photoBytes[0]).toBeLessThanOrEqual(PHOTO_TARGET_BYTES)

  // One press held while speaking: letting go ends the recording.
  const button = page.one('voice-recorder__button')
  page.trigger(button, 'touchstart')
  await page.waitFor(() => page.all('voice-recorder__button--on').length === 1, 'recording')
  expect(page.text()).toContain('松开结束')
  const pressed = Date.now()
  await page.waitFor(() => Date.now() - pressed >= 800, 'a press held while speaking')
  page.trigger(page.one('voice-recorder__button'), 'touchend')
  taps++
  await page.waitForText('语音已上传')

  page.tap(page.all('quick-ask__cat').find((el) => el.textContent?.includes('兽医'))!)
  taps++
  await page.waitFor(() => page.all('quick-ask__cat--on').length === 1, 'category chosen')
  page.tap(page.byText('发送'))
  taps++
  await page.waitForText('已发送，审核通过后公开')
  expect(taps).toBeLessThanOrEqual(5)

  const posts = await weapp.ctx.db.selectFrom('listings').selectAll().where('author_id', '=', me.id).execute()
  expect(posts).toHaveLength(1)
  expect(posts[0]).toMatchObject({ category: 'veterinary', side: 'need', status: 'pending' })
  expect(posts[0].voice_id).not.toBeNull()
  const photos = await weapp.ctx.db.selectFrom('uploads').select('id').where('listing_id', '=', posts[0].id).where('kind', '=', 'photo').execute()
  expect(photos).toHaveLength(1)
})

test('发送 without a voice note says so and posts nothing', async () => {
  await registeredHerder('拉姆')
  const page = await weapp.render(QUICK_ASK)
  await page.waitForText('按住说话')
  page.tap(page.all('quick-ask__cat').find((el) => el.textContent?.includes('种植'))!)
  page.tap(page.byText('发送'))
  await page.waitForText('请先说一段语音')
  expect(weapp.requests.filter((r) => r.path === '/api/listings')).toHaveLength(0)
})

test('the microphone refused: a clear message and the way to settings, nothing recorded', async () => {
  await registeredHerder('卓玛')
  recorder.refuse = true
  const page = await weapp.render(QUICK_ASK)
  await page.waitForText('按住说话')
  page.trigger(page.one('voice-recorder__button'), 'touchstart')
  page.trigger(page.one('voice-recorder__button'), 'touchend')
  await page.waitFor(() => weapp.modals.length > 0, 'the refusal dialog')
  expect(weapp.modals[0].title).toBe('需要使用麦克风')
  expect(String(weapp.modals[0].content)).toContain('没有麦克风权限')
  // The person confirms (去设置): the mini program's settings open, where the microphone can be allowed.
  await page.waitFor(() => recorder.settingsOpened === 1, 'settings opened')
  expect(recorder.starts).toHaveLength(0)
  // The button is back to 按住说话 on the page's next render (CI once read 正在打开麦克风… a tick early).
  await page.waitForText('按住说话')
})

test('an expert answers a need by voice alone: no words typed, the response carries the note, and they hear it under 我的对接申请', async () => {
  const need = await weapp.ctx.db.selectFrom('listings').select('id').where('title', '=', '牦牛冬季掉膘严重，求补饲技术指导').executeTakeFirstOrThrow()
  const expert = await signInDemo(weapp, 'expert-li')
  const page = await weapp.render('packages/listings/detail/index', { id: String(need.id) })
  await page.waitForText('也可以说一段语音')
  await recordByTaps(page)
  const note = JSON.parse(media.uploads[0].body) as { id: number }
  // The demo expert has no phone bound: typed once (the other side sees it once they accept).
  page.type(page.one('detail__phone-input'), '13900007777')
  await page.waitFor(() => page.attr(page.one('detail__phone-input'), 'value') === '13900007777', 'phone typed')

  page.tap(page.one('detail__respond-btn'))
  await page.waitFor(() => weapp.requests.some((r) => r.method === 'POST' && r.path === `/api/listings/${need.id}/responses`), 'the response sent')
  const sent = weapp.requests.find((r) => r.method === 'POST' && r.path === `/api/listings/${need.id}/responses`)!
  expect(sent.status).toBe(201)
  // Words left out, the note's id in their place.
  expect(sent.data).toEqual(expect.objectContaining({ voiceId: note.id }))
  expect((sent.data as { message?: string }).message).toBeUndefined()
  const rows = await weapp.ctx.db.selectFrom('listing_responses').selectAll().where('listing_id', '=', need.id).where('responder_id', '=', expert.id).execute()
  expect(rows).toMatchObject([{ voice_id: note.id, message: '' }])
  // The page reloads with their answer: its note plays there.
  await page.waitFor(() => page.all('detail__my-response')[0]?.textContent?.includes('0:03'), 'my response with its note')

  // The need's owner, before WeChat's audio check has answered (no push here): told a note is on its
  // way, not shown an empty answer to accept unheard.
  await signInDemo(weapp, 'chair-ganzi')
  const owner = await weapp.render('packages/listings/detail/index', { id: String(need.id) })
  await owner.waitFor(() => owner.all('detail__response').some((r) => r.textContent?.includes('微信检查通过后就能听')), 'the pending note said')
  expect(owner.all('detail__response-voice')).toHaveLength(0)

  // WeChat's verdict: risky (the push is tested with the server; here its outcome in the database).
  await weapp.ctx.db.updateTable('uploads').set({ check_status: 'risky' }).where('id', '=', note.id).execute()
  const after = await weapp.render('packages/listings/detail/index', { id: String(need.id) })
  await after.waitFor(() => after.all('detail__response').some((r) => r.textContent?.includes('没有通过微信的内容检查')), 'the note said gone')
})

test('发布需求 by voice: with a note, title and description may stay empty; the post is titled from its category', async () => {
  const me = await registeredHerder('达瓦')
  const page = await weapp.render('packages/listings/publish/index', { side: 'need' })
  await page.waitForText('语音（可以不打字，直接说）')
  await recordByTaps(page)
  expect(page.text()).toContain('已录语音：标题和说明可以不填，会用分类作标题')
  const note = JSON.parse(media.uploads[0].body) as { id: number }

  page.tap(page.all('chip').find((el) => el.textContent?.trim() === '种植')!)
  await page.waitFor(() => page.all('chip--on').some((el) => el.textContent?.trim() === '种植'), 'category chosen')
  page.tap(page.one('publish__submit'))
  await page.waitForText('已提交，审核通过后公开')

  const posts = await weapp.ctx.db.selectFrom('listings').selectAll().where('author_id', '=', me.id).execute()
  expect(posts).toHaveLength(1)
  expect(posts[0]).toMatchObject({ voice_id: note.id, title: '语音求助·种植', description: '', category: 'planting' })
})

/** A registered herder posts a need by voice alone through 发布需求, category 种植: its id. */
async function postVoiceOnlyNeed(nickname: string): Promise<number> {
  const me = await registeredHerder(nickname)
  const page = await weapp.render('packages/listings/publish/index', { side: 'need' })
  await page.waitForText('语音（可以不打字，直接说）')
  await recordByTaps(page)
  page.tap(page.all('chip').find((el) => el.textContent?.trim() === '种植')!)
  await page.waitFor(() => page.all('chip--on').some((el) => el.textContent?.trim() === '种植'), 'category chosen')
  page.tap(page.one('publish__submit'))
  await page.waitForText('已提交，审核通过后公开')
  const post = await weapp.ctx.db.selectFrom('listings').select(['id', 'title']).where('author_id', '=', me.id).executeTakeFirstOrThrow()
  expect(post.title).toBe('语音求助·种植')
  return post.id
}

test('修改 a voice-only need: the title the server made is not put in her title field; another category names it anew', async () => {
  const id = await postVoiceOnlyNeed('白玛')
  const edit = await weapp.render('packages/listings/publish/index', { id: String(id) })
  await edit.waitFor(() => edit.all('chip--on').some((el) => el.textContent?.trim() === '种植'), 'the post loaded')
  expect(edit.attr(edit.one('publish__title'), 'value') ?? '').toBe('')
  edit.tap(edit.all('chip').find((el) => el.textContent?.trim() === '养殖')!)
  await edit.waitFor(() => edit.all('chip--on').some((el) => el.textContent?.trim() === '养殖'), 'category changed')
  edit.tap(edit.one('publish__submit'))
  await edit.waitFor(() => weapp.requests.some((r) => r.method === 'PUT' && r.path === `/api/listings/${id}`), 'the edit sent')
  expect(weapp.requests.find((r) => r.method === 'PUT' && r.path === `/api/listings/${id}`)!.status).toBe(200)
  expect((await weapp.ctx.db.selectFrom('listings').select('title').where('id', '=', id).executeTakeFirstOrThrow()).title).toBe('语音求助·养殖')
})

test('staff who heard a voice-only need write its title on the post (写个标题); its author sees no such field', async () => {
  const id = await postVoiceOnlyNeed('格桑拉姆')
  const own = await weapp.render('packages/listings/detail/index', { id: String(id) })
  await own.waitFor(() => own.all('detail__voice').length === 1, 'her post with its note')
  expect(own.all('detail__retitle')).toHaveLength(0)

  await signInDemo(weapp, 'staff-sc')
  const page = await weapp.render('packages/listings/detail/index', { id: String(id) })
  await page.waitForText('写个标题')
  page.type(page.one('detail__retitle-input'), '青稞种植求技术指导')
  await page.waitFor(() => page.attr(page.one('detail__retitle-input'), 'value') === '青稞种植求技术指导', 'title typed')
  page.tap(page.one('detail__retitle-save'))
  await page.waitFor(() => weapp.requests.some((r) => r.method === 'PUT' && r.path === `/api/listings/${id}/title` && r.status === 200), 'the title saved')
  await page.waitForText('青稞种植求技术指导')
  expect((await weapp.ctx.db.selectFrom('listings').select('title').where('id', '=', id).executeTakeFirstOrThrow()).title).toBe('青稞种植求技术指导')
})

test('拍照/语音求助 without a phone in the profile: the number typed once is there on the next ask', async () => {
  await registeredHerder('次仁', null)
  const page = await weapp.render(QUICK_ASK)
  await page.waitForText('按住说话')
  expect(page.attr(page.one('quick-ask__phone-input'), 'value') ?? '').toBe('')
  await recordByTaps(page)
  page.type(page.one('quick-ask__phone-input'), '13900008888')
  await page.waitFor(() => page.attr(page.one('quick-ask__phone-input'), 'value') === '13900008888', 'phone typed')
  page.tap(page.all('quick-ask__cat').find((el) => el.textContent?.includes('兽医'))!)
  await page.waitFor(() => page.all('quick-ask__cat--on').length === 1, 'category chosen')
  page.tap(page.byText('发送'))
  await page.waitForText('已发送，审核通过后公开')

  const again = await weapp.render(QUICK_ASK)
  await again.waitForText('按住说话')
  expect(again.attr(again.one('quick-ask__phone-input'), 'value')).toBe('13900008888')
})

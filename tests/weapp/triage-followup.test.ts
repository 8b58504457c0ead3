// 问题解决了吗 on the real weapp build against the real server. A herder's need was answered,
// accepted and resolved eight days ago (the case's resolution is dated back: this harness's server
// runs on real time), the scheduled follow-up job runs and asks her. She opens the question, taps
// 没有解决, writes a few words and records a voice note (WeChat's recorder stubbed at the platform
// edge: its stop hands back the real MP3 fixture, uploaded to the server as WeChat would), and sends
// it: she is thanked and told the 科服保姆 will look again, and the need is back in triage. Opened
// again, the page asks nothing and shows her answer. Someone else's need is not there for her.
import { resolve } from 'node:path'
import { statSync } from 'node:fs'
import { signInDemo, useWeapp, type PageHandle } from './harness'
import { useMedia } from './media'

const weapp = useWeapp()
useMedia(weapp)
jest.setTimeout(30_000)

const FIXTURE = resolve(__dirname, '../fixtures/voice/3s.mp3')
const FOLLOWUP = 'packages/triage/followup/index'
const NOTE = '吃了三天药，还是拉稀'
const DAY = 24 * 3_600_000

beforeAll(() => {
  // WeChat's recorder: start answers at once, stop hands back a real recording's temp file.
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
    start: () => later(() => handlers.start?.()),
    stop: () => later(() => handlers.stop?.({ tempFilePath: FIXTURE, duration: 3050, fileSize: statSync(FIXTURE).size })),
    pause() {},
    resume() {},
  })
  wx.authorize = (opts: any) => later(() => opts.success?.({ errMsg: 'authorize:ok' }))
  wx.vibrateShort = (opts: any = {}) => Promise.resolve(opts.success?.({ errMsg: 'vibrateShort:ok' }))
})
beforeEach(() => weapp.reset())

async function api(method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`${weapp.apiOrigin}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), 'idempotency-key': `k_${Math.random().toString(36).slice(2).padEnd(16, '0')}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`)
  return text ? JSON.parse(text) : null
}

/** A herder of 甘孜县呷拉乡 signed in on this phone, whose need an expert answered; she accepted it and marked it solved. */
async function resolvedNeed(name: string, title: string) {
  const { token } = await weapp.signIn(`followup-${name}-${Date.now().toString(36)}`)
  const user = await api('PUT', '/api/users/me', token, { nickname: name, role: 'farmer', regionCode: '513328200' })
  weapp.storage.set('session.user', user)
  const staff = await signInDemo(weapp, 'staff-sc')
  const expert = await signInDemo(weapp, 'expert-li')
  // signInDemo put their sessions on the phone: hers goes back.
  weapp.storage.set('session.token', token)
  weapp.storage.set('session.user', user)
  const need = await api('POST', '/api/listings', token, {
    side: 'need',
    title,
    category: 'veterinary',
    regionCode: '513328200',
    description: '家里五头牦牛拉稀三天了，不怎么吃草，想请兽医看看是什么病，该用什么药。',
    contact: { name, phone: '13800009999' },
  })
  await api('POST', `/api/staff/review/listing/${need.id}/approve`, staff.token)
  const response = await api('POST', `/api/listings/${need.id}/responses`, expert.token, { message: '先停喂精料，给足温水，口服补液盐。', phone: '13912345678' })
  await api('POST', `/api/listings/${need.id}/responses/${response.id}/accept`, token)
  await api('POST', `/api/listings/${need.id}/resolve`, token)
  return { token, user, id: need.id as number }
}

/** Eight days pass: the resolution is dated back, then the scheduler runs the follow-up job (for real). */
async function aWeekLater(listingId: number): Promise<void> {
  const db = weapp.ctx.db
  const resolvedAt = new Date(Date.now() - 8 * DAY).toISOString()
  await db.updateTable('triage_cases').set({ resolved_at: resolvedAt }).where('listing_id', '=', listingId).execute()
  // The hourly follow-up job may have run for an earlier test of this file: its hour is over too.
  await db.updateTable('job_leases').set({ next_run_at: new Date(Date.now() - 1000).toISOString() }).where('name', '=', 'triage.followups').execute()
  expect(await weapp.ctx.app.scheduler.tick()).toContain('triage.followups')
  const c = await db.selectFrom('triage_cases').select(['followup7_at', 'followup30_at']).where('listing_id', '=', listingId).executeTakeFirstOrThrow()
  expect(c.followup7_at).not.toBeNull()
  expect(c.followup30_at).toBeNull()
}

async function recordByTaps(page: PageHandle): Promise<void> {
  const button = () => page.one('voice-recorder__button')
  page.trigger(button(), 'touchstart')
  page.trigger(button(), 'touchend')
  await page.waitFor(() => page.all('voice-recorder__button--on').length === 1, 'recording')
  page.trigger(button(), 'touchstart')
  page.trigger(button(), 'touchend')
  await page.waitForText('语音已上传')
}

test('asked a week after it was solved: 没有解决, a few words and a voice note → thanked, and the need is back in triage; opened again it shows her answer', async () => {
  const { id, user } = await resolvedNeed('卓玛', '牦牛拉稀三天不吃草')
  await aWeekLater(id)

  const page = await weapp.render(FOLLOWUP, { id: String(id) })
  await page.waitForText('问题解决了吗？')
  expect(page.text()).toContain('牦牛拉稀三天不吃草')
  expect(page.text()).toContain('解决后第 7 天回访')
  const choices = page.all('followup__choice')
  expect(choices.map((c) => c.textContent?.trim())).toEqual(['解决了', '部分解决', '没有解决'])
  // Nothing to send until an answer is chosen.
  expect(page.all('followup__send')).toHaveLength(0)

  page.tap(page.one('followup__choice--unsolved'))
  await page.waitFor(() => page.all('followup__send').length === 1, 'the send button')
  // The chosen answer is filled with its colour (the mini program's views carry no aria-pressed).
  expect(page.all('followup__choice--on').map((c) => c.textContent?.trim())).toEqual(['没有解决'])
  page.type(page.one('followup__note'), NOTE)
  await recordByTaps(page)
  page.tap(page.one('followup__send'))
  await page.waitForText('谢谢您告诉我们')
  expect(page.text()).toContain('科服保姆会重新看看您的问题，尽快再请专家帮您。')

  const sent = weapp.requests.find((r) => r.method === 'POST' && r.path === `/api/triage/followups/${id}`)!
  expect(sent.status).toBe(200)
  const voiceId = (sent.data as { voiceId: number }).voiceId
  expect(sent.data).toEqual({ outcome: 'unsolved', note: NOTE, voiceId: expect.any(Number) })
  const db = weapp.ctx.db
  expect(await db.selectFrom('triage_followups').select(['round', 'outcome', 'note', 'voice_id', 'author_id']).where('listing_id', '=', id).execute()).toEqual([
    { round: 7, outcome: 'unsolved', note: NOTE, voice_id: voiceId, author_id: user.id },
  ])
  // 没有解决: public again and at the top of its county's queue.
  expect(await db.selectFrom('triage_cases').select(['state', 'urgent_reason']).where('listing_id', '=', id).executeTakeFirstOrThrow()).toEqual({ state: 'open', urgent_reason: 'reopened' })
  expect(await db.selectFrom('listings').select('status').where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ status: 'published' })
  page.unload()

  // Opened again (from the message, later): nothing is asked; her answer and words are there.
  const again = await weapp.render(FOLLOWUP, { id: String(id) })
  await again.waitForText('解决后第 7 天：没有解决')
  expect(again.text()).toContain('现在没有要回答的问题')
  expect(again.text()).toContain(NOTE)
  expect(again.all('followup__choice')).toHaveLength(0)
  again.unload()
})

test('解决了 in two taps; a second phone that still shows the question is told it was answered, and shows the answer', async () => {
  const { id } = await resolvedNeed('拉姆', '青稞叶子发黄')
  await aWeekLater(id)
  const first = await weapp.render(FOLLOWUP, { id: String(id) })
  const second = await weapp.render(FOLLOWUP, { id: String(id) })
  await first.waitForText('问题解决了吗？')
  await second.waitForText('问题解决了吗？')

  first.tap(first.one('followup__choice--solved'))
  await first.waitFor(() => first.all('followup__send').length === 1, 'the send button')
  first.tap(first.one('followup__send'))
  await first.waitForText('问题解决了，真好！您的回答让我们知道哪些帮助最管用。')
  expect(weapp.requests.filter((r) => r.path === `/api/triage/followups/${id}` && r.method === 'POST').map((r) => r.data)).toEqual([{ outcome: 'solved' }])

  second.tap(second.one('followup__choice--partial'))
  await second.waitFor(() => second.all('followup__send').length === 1, 'the send button')
  second.tap(second.one('followup__send'))
  await second.waitForText('现在没有需要回答的回访')
  await second.waitForText('解决后第 7 天：解决了')
  expect(second.all('followup__choice')).toHaveLength(0)
  first.unload()
  second.unload()
})

test('a need that is not hers: not found, with the way home', async () => {
  const other = await resolvedNeed('央金', '土豆晚疫病怎么防')
  await weapp.signIn(`followup-stranger-${Date.now().toString(36)}`)
  const page = await weapp.render(FOLLOWUP, { id: String(other.id) })
  await page.waitForText('返回首页')
  expect(page.text()).not.toContain('土豆晚疫病怎么防')
  page.unload()
})

// A new 科技工作者's verification on the real weapp build against a real server: 我的 asks for 单位
// and 职称 (checked in Chinese before anything is sent) and takes a certificate photo (picked, uploaded
// at once, sent as certificateId); staff see all three in 身份认证审核 (the photo opens full size) and
// approve; the expert's 科创工作室 (reached from 我的) then shows the institution and title.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { useWeapp, type PageHandle, signInDemo } from './harness'

jest.setTimeout(30_000)
const weapp = useWeapp()
const MINE = 'pages/mine/index'
const QUEUE = 'packages/staff/verifications/index'
const STUDIO = 'packages/studio/index'
const INSTITUTION = '甘孜州畜牧站'
const TITLE = '高级畜牧师'
const NOTE = '从事牦牛疫病防控二十年'

const previews: Array<{ urls: string[]; current?: string }> = []
let certificatePath = ''

// WeChat's photo picker and uploader, which the harness leaves out: the picker hands back a real
// JPEG, and the upload is a real multipart POST to the test server.
beforeAll(async () => {
  certificatePath = join(mkdtempSync(join(tmpdir(), 'studio-')), 'certificate.jpg')
  writeFileSync(certificatePath, await sharp({ create: { width: 640, height: 480, channels: 3, background: '#c9a96b' } }).jpeg().toBuffer())
  const wx = (global as any).wx
  // simulate's wx has no chooseMedia, so Taro hands the call straight through: answer with a
  // promise (WeChat's own promise style) as well as the callbacks.
  wx.chooseMedia = (opts: any) => {
    const res = { errMsg: 'chooseMedia:ok', type: 'image', tempFiles: [{ tempFilePath: certificatePath, size: 1000, fileType: 'image' }] }
    return new Promise((resolve) =>
      setTimeout(() => {
        opts.success?.(res)
        opts.complete?.(res)
        resolve(res)
      }, 0),
    )
  }
  wx.uploadFile = (opts: any) => {
    const form = new FormData()
    form.append(opts.name, new Blob([readFileSync(opts.filePath)], { type: 'image/jpeg' }), 'certificate.jpg')
    fetch(String(opts.url).replace('http://127.0.0.1:3000', weapp.apiOrigin), { method: 'POST', headers: opts.header, body: form })
      .then(async (res) => {
        const r = { errMsg: 'uploadFile:ok', statusCode: res.status, data: await res.text() }
        opts.success?.(r)
        opts.complete?.(r)
      })
      .catch((err) => opts.fail?.({ errMsg: `uploadFile:fail ${err}` }))
    return { onProgressUpdate() {}, offProgressUpdate() {}, abort() {}, onHeadersReceived() {}, offHeadersReceived() {} }
  }
  wx.previewImage = (opts: any) => {
    previews.push({ urls: opts.urls, current: opts.current })
    const res = { errMsg: 'previewImage:ok' }
    return new Promise((resolve) => setTimeout(() => (opts.success?.(res), resolve(res)), 0))
  }
})

const EXPERT_KEY = `new-expert-${Date.now().toString(36)}`
let expertId = 0
let expertToken = ''

async function signInExpert() {
  const { token, user } = await weapp.signIn(EXPERT_KEY)
  expertId = user.id
  expertToken = token
  const res = await fetch(`${weapp.apiOrigin}/api/users/me`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ nickname: '次仁', role: 'expert', regionCode: '513328100' }),
  })
  expect(res.status).toBe(200)
  weapp.storage.set('session.user', await res.json())
}

const signInAs = (userKey: string) => signInDemo(weapp, userKey)

const verifyState = (page: PageHandle) => page.all('mine__verify-state')[0]?.textContent?.trim()

beforeEach(() => weapp.reset())

test('an expert must give 单位 and 职称; with a certificate photo the request reaches the server', async () => {
  await signInExpert()
  const page = await weapp.render(MINE)
  await page.waitFor(() => verifyState(page) === '未申请', '未申请')
  expect(page.one('mine__verify').textContent).toContain('科技工作者认证')
  expect(page.text()).toContain('我的科创工作室')

  // Nothing filled in: two Chinese messages, nothing sent.
  page.tap(page.byText('申请认证'))
  await page.waitForText('请填写单位（至少 2 个字）')
  expect(page.text()).toContain('请填写职称（至少 2 个字）')
  expect(weapp.sent.filter((s) => s.startsWith('POST'))).toEqual([])

  page.type(page.one('mine__verify-institution'), INSTITUTION)
  page.type(page.one('mine__verify-title'), '高')
  // Typing clears each field's message; a one-character title is still refused.
  await page.waitFor(() => !page.text().includes('请填写单位') && !page.text().includes('请填写职称'), 'the messages gone')
  page.tap(page.byText('申请认证'))
  await page.waitForText('请填写职称（至少 2 个字）')
  expect(page.text()).not.toContain('请填写单位')
  expect(weapp.sent.filter((s) => s.startsWith('POST'))).toEqual([])

  page.type(page.one('mine__verify-title'), TITLE)
  page.type(page.one('mine__verify-note'), NOTE)
  // The certificate: picked and uploaded at once; it shows as a tile that can be removed.
  page.tap(page.one('photo-picker__add'))
  await page.waitFor(() => page.all('photo-picker__remove').length === 1, 'the uploaded certificate')
  expect(page.all('photo-picker__add')).toEqual([]) // one photo only
  const upload = await weapp.ctx.db.selectFrom('uploads').select(['id', 'owner_id']).where('owner_id', '=', expertId).executeTakeFirstOrThrow()

  page.tap(page.byText('申请认证'))
  await page.waitFor(() => verifyState(page) === '审核中', '审核中')
  expect(weapp.toasts).toEqual([{ title: '已提交认证申请', icon: 'success' }])
  expect(weapp.requests.find((r) => r.method === 'POST' && r.path === '/api/verifications')).toMatchObject({
    status: 201,
    data: { note: NOTE, institution: INSTITUTION, title: TITLE, certificateId: upload.id },
  })
  // What was sent stays in view while staff look at it.
  expect(page.one('mine__verify-sent').textContent).toContain(`单位：${INSTITUTION}`)
  expect(page.one('mine__verify-sent').textContent).toContain(`职称：${TITLE}`)
  expect(page.one('mine__verify-sent').textContent).toContain('已附证书照片')
  expect(page.all('mine__verify-apply')).toEqual([])

  const rows = await weapp.ctx.db.selectFrom('verifications').selectAll().where('user_id', '=', expertId).execute()
  expect(rows).toEqual([
    expect.objectContaining({ role: 'expert', status: 'pending', institution: INSTITUTION, title: TITLE, note: NOTE, certificate_upload_id: upload.id }),
  ])

  // 我的科创工作室 opens the studio page for this expert.
  page.tap(page.byText('我的科创工作室'))
  await page.waitFor(() => weapp.nav.length === 1, 'navigation')
  expect(weapp.nav).toEqual([{ api: 'navigateTo', url: `/packages/studio/index?id=${expertId}` }])
})

test('staff see 单位, 职称 and the certificate (tap for full size) and approve; the studio shows them', async () => {
  await signInAs('staff-sc')
  const page = await weapp.render(QUEUE)
  const card = await page.waitFor(() => page.all('verification-item').find((c) => c.textContent?.includes('次仁')), 'the expert’s request')
  expect(card.textContent).toContain('申请认证：科技工作者')
  expect(card.textContent).toContain(`单位：${INSTITUTION}`)
  expect(card.textContent).toContain(`职称：${TITLE}`)
  expect(card.textContent).toContain(`说明：${NOTE}`)
  const img = page.one('verification-item__certificate-img')
  const src = String(page.attr(img, 'src'))
  expect(src).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/uploads\//)
  page.tap(img)
  await page.waitFor(() => previews.length === 1, 'the preview')
  expect(previews[0]).toEqual({ urls: [src], current: src })
  // The certificate is really there.
  const got = await fetch(src.replace(/^http:\/\/127\.0\.0\.1:\d+/, weapp.apiOrigin))
  expect(got.status).toBe(200)

  page.tap(Array.from(card.querySelectorAll('*')).find((el) => el.textContent?.trim() === '通过' && !el.children.length)!)
  await page.waitForText('没有待审核的认证申请')
  const user = await weapp.ctx.db.selectFrom('users').select('verification').where('id', '=', expertId).executeTakeFirstOrThrow()
  expect(user.verification).toBe('verified')
  await weapp.reset()

  // His studio now names his institution and title, with the badge.
  const studio = await weapp.render(STUDIO, { id: String(expertId) })
  await studio.waitForText(INSTITUTION)
  expect(studio.one('studio__badge').textContent?.trim()).toBe('已认证')
  expect(studio.one('studio__title').textContent?.trim()).toBe(TITLE)
  await weapp.reset()

  // And 我的 no longer asks.
  weapp.storage.set('session.token', expertToken)
  const mine = await weapp.render(MINE)
  await mine.waitFor(() => mine.all('mine__info')[0]?.textContent?.includes('科技工作者 · 已认证'), '已认证')
  expect(mine.all('mine__verify')).toEqual([])
  expect(mine.text()).toContain('我的科创工作室')
})

// A new 科技工作者's verification on the real weapp build against a real server: 我的 asks for 单位,
// 职称 and a certificate photo (checked in Chinese before anything is sent; the photo is uploaded at
// once to the private proofs route and sent as proofId); staff see all three in 身份认证审核 (the
// photo fetched with the session, opening full size) and approve; the expert's 科创工作室 (reached
// from 我的) then shows the institution and title, never the certificate.
import { lengthMessage, REVIEW_LIMITS } from '../../common/rules'
import { classesOf, useWeapp, type PageHandle, signInDemo } from './harness'
import { useMedia } from './media'

jest.setTimeout(30_000)
const weapp = useWeapp()
const MINE = 'pages/mine/index'
const QUEUE = 'packages/staff/verifications/index'
const STUDIO = 'packages/studio/index'
const INSTITUTION = '甘孜州畜牧站'
const TITLE = '高级畜牧师'
const NOTE = '从事牦牛疫病防控二十年'

const media = useMedia(weapp)

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

/** The first element under `root` with this class (simulate prefixes class names). */
const within = (root: Element, cls: string) => Array.from(root.querySelectorAll('*')).find((el) => classesOf(el).includes(cls))
const verifyState = (page: PageHandle) => page.all('mine__verify-state')[0]?.textContent?.trim()

beforeEach(() => weapp.reset())

test('an expert must give 单位 and 职称; with a certificate photo the request reaches the server', async () => {
  await signInExpert()
  const page = await weapp.render(MINE)
  await page.waitFor(() => verifyState(page) === '未申请', '未申请')
  expect(page.one('mine__verify').textContent).toContain('科技工作者认证')
  expect(page.text()).toContain('我的科创工作室')

  // Nothing filled in: three Chinese messages (the rule common/rules VERIFICATION_REQUIRED), nothing sent.
  page.tap(page.byText('申请认证'))
  await page.waitForText('请填写单位')
  expect(page.text()).toContain('请填写职称')
  expect(page.text()).toContain('请上传职称证书或工作证的照片')
  expect(weapp.sent.filter((s) => s.startsWith('POST'))).toEqual([])

  page.type(page.one('mine__verify-institution'), INSTITUTION)
  page.type(page.one('mine__verify-title'), '高')
  // Typing clears each field's message; a one-character title is still refused, in the form's words.
  await page.waitFor(() => !page.text().includes('请填写单位') && !page.text().includes('请填写职称'), 'the messages gone')
  page.tap(page.byText('申请认证'))
  await page.waitForText(lengthMessage(REVIEW_LIMITS.jobTitle, '职称'))
  expect(page.text()).not.toContain('请填写单位')
  expect(weapp.sent.filter((s) => s.startsWith('POST'))).toEqual([])

  page.type(page.one('mine__verify-title'), TITLE)
  page.type(page.one('mine__verify-note'), NOTE)
  // The certificate: picked and uploaded at once to the private route; the phone's copy is shown.
  page.tap(page.byText('拍照或选择照片'))
  await page.waitFor(() => media.uploads.length === 1 && page.all('proof-picker__status').length === 0 && page.all('proof-picker__img').length === 1, 'the uploaded certificate')
  expect(page.byText('换一张')).toBeTruthy()
  const upload = await weapp.ctx.db.selectFrom('uploads').select(['id', 'owner_id', 'kind']).where('owner_id', '=', expertId).executeTakeFirstOrThrow()
  expect(upload.kind).toBe('proof')

  page.tap(page.byText('申请认证'))
  await page.waitFor(() => verifyState(page) === '审核中', '审核中')
  expect(weapp.toasts).toEqual([{ title: '已提交认证申请', icon: 'success' }])
  expect(weapp.requests.find((r) => r.method === 'POST' && r.path === '/api/verifications')).toMatchObject({
    status: 201,
    data: { note: NOTE, institution: INSTITUTION, title: TITLE, proofId: upload.id },
  })
  // What was sent stays in view while staff look at it.
  expect(page.one('mine__verify-sent').textContent).toContain(`单位：${INSTITUTION}`)
  expect(page.one('mine__verify-sent').textContent).toContain(`职称：${TITLE}`)
  await page.waitFor(() => page.all('proof-image__img').length === 1, 'the sent certificate')
  expect(page.all('mine__verify-apply')).toEqual([])

  const rows = await weapp.ctx.db.selectFrom('verifications').selectAll().where('user_id', '=', expertId).execute()
  expect(rows).toEqual([
    expect.objectContaining({ role: 'expert', status: 'pending', institution: INSTITUTION, title: TITLE, note: NOTE, proof_upload_id: upload.id }),
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
  expect(within(card, 'verification-item__institution')!.textContent).toBe(`单位${INSTITUTION}`)
  expect(within(card, 'verification-item__title')!.textContent).toBe(`职称${TITLE}`)
  expect(card.textContent).toContain(`说明：${NOTE}`)
  expect(within(card, 'verification-item__proof')!.textContent).toContain('职称证书或工作证')
  // The certificate: fetched with the session into a local file, never a public address.
  await page.waitFor(() => within(card, 'proof-image__img'), 'the certificate')
  const src = String(page.attr(within(card, 'proof-image__img')!, 'src'))
  expect(src).not.toMatch(/^https?:/)
  const thumb = media.downloads.find((d) => d.tempFilePath === src)!
  expect(thumb).toMatchObject({ status: 200, authorized: true, cacheControl: 'private, no-store', path: expect.stringMatching(/\/proof\?size=thumb$/) })
  page.tap(within(card, 'proof-image__img')!)
  await page.waitFor(() => media.previews.length === 1, 'the preview')
  const full = media.downloads[media.downloads.length - 1]
  expect(full).toMatchObject({ status: 200, authorized: true, path: expect.stringMatching(/\/proof$/) })
  expect(media.previews[0]).toEqual({ urls: [full.tempFilePath], current: full.tempFilePath })

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

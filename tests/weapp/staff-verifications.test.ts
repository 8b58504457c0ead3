// Verification of a claimed role on evidence, on the real weapp build against a real server: a newly
// registered township chair asks from 我的 with real name, post and a photo of the appointment letter
// (nothing is sent until all three are there), staff see the claim beside the photo in 身份认证审核
// (fetched with the session, tap for full size) and reject with a reason the chair then reads on
// 我的; the chair asks again and staff approve. Plus 我的's entries: 我的发布 / 我的对接 for everyone
// signed in, and 科协工作台 for staff only.
import { GANZI_TOWN } from '../server/listings-fixtures'
import { classesOf, useWeapp, type PageHandle, signInDemo } from './harness'
import { useMedia } from './media'

jest.setTimeout(30_000)
const weapp = useWeapp()
const media = useMedia(weapp)
const REAL_NAME = '泽仁卓玛'
const POST = '科协主席'
const QUEUE = 'packages/staff/verifications/index'
const MINE = 'pages/mine/index'

const signInAs = (userKey: string) => signInDemo(weapp, userKey)

/** The new chair: a WeChat login, then registration as 乡镇科协主席 of 甘孜镇. */
const CHAIR_KEY = `new-chair-${Date.now().toString(36)}`
let chairId = 0
let chairToken = ''
async function signInChair() {
  const { token, user } = await weapp.signIn(CHAIR_KEY)
  chairId = user.id
  chairToken = token
  const res = await fetch(`${weapp.apiOrigin}/api/users/me`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ nickname: '泽仁', role: 'chair', regionCode: GANZI_TOWN }),
  })
  expect(res.status).toBe(200)
  weapp.storage.set('session.user', await res.json())
}

function inside(root: Element, text: string): Element {
  const matches = Array.from(root.querySelectorAll('*')).filter((el) => el.textContent?.trim() === text)
  const innermost = matches.filter((el) => !matches.some((other) => other !== el && el.contains(other)))
  if (!innermost.length) throw new Error(`no "${text}" in ${root.textContent?.slice(0, 60)}`)
  return innermost[0]
}

/** The first element under `root` with this class (simulate prefixes class names). */
const within = (root: Element, cls: string) => Array.from(root.querySelectorAll('*')).find((el) => classesOf(el).includes(cls))
const cardOf = (page: PageHandle, name: string) => page.all('verification-item').find((c) => c.textContent?.includes(name))
const verifyState = (page: PageHandle) => page.all('mine__verify-state')[0]?.textContent?.trim()

beforeEach(async () => {
  await weapp.reset()
  media.uploads.length = 0
  media.downloads.length = 0
  media.previews.length = 0
})

test('a new chair must give real name, post and a photo of the appointment letter: 未申请 → 审核中', async () => {
  await signInChair()
  const page = await weapp.render(MINE)
  await page.waitFor(() => verifyState(page) === '未申请', '未申请')
  expect(page.one('mine__verify').textContent).toContain('乡镇科协主席认证')
  expect(page.one('mine__info').textContent).toContain('乡镇科协主席 · 未认证')
  expect(page.text()).toContain('照片只给审核您申请的科协工作人员看，不会公开；审核结束 30 天后自动删除。')

  // Only a note, as was enough before: three Chinese messages, nothing sent.
  page.type(page.one('mine__verify-note'), '甘孜镇科协主席，县科协可核实')
  page.tap(page.byText('申请认证'))
  await page.waitForText('请填写真实姓名')
  expect(page.text()).toContain('请填写职务，如：科协主席')
  expect(page.text()).toContain('请上传任命文件或工作证的照片')
  expect(weapp.sent.filter((s) => s.startsWith('POST'))).toEqual([])

  page.type(page.one('mine__verify-realname'), REAL_NAME)
  page.type(page.one('mine__verify-post'), POST)
  await page.waitFor(() => !page.text().includes('请填写真实姓名') && !page.text().includes('请填写职务'), 'the messages gone')
  // The photo: picked, uploaded at once to the private route, shown from the phone's own copy.
  page.tap(page.byText('拍照或选择照片'))
  await page.waitFor(() => media.uploads.length === 1 && page.all('proof-picker__status').length === 0 && page.all('proof-picker__img').length === 1, 'the uploaded photo')
  expect(media.uploads[0]).toMatchObject({ path: '/api/verifications/proofs', status: 200 })
  expect(Object.keys(JSON.parse(media.uploads[0].body))).toEqual(['id'])
  expect(page.attr(page.one('proof-picker__img'), 'src')).toBe(media.photoPath)
  expect(page.text()).not.toContain('请上传任命文件或工作证的照片')

  page.tap(page.byText('申请认证'))
  await page.waitFor(() => verifyState(page) === '审核中', '审核中')
  expect(weapp.toasts).toEqual([{ title: '已提交认证申请', icon: 'success' }])
  expect(page.text()).toContain('科协工作人员审核后会通知您')
  expect(page.all('mine__verify-apply')).toEqual([]) // no second request while one is pending
  const proofId = JSON.parse(media.uploads[0].body).id
  expect(weapp.requests.find((r) => r.method === 'POST')).toMatchObject({
    path: '/api/verifications',
    status: 201,
    data: { realName: REAL_NAME, post: POST, proofId, note: '甘孜镇科协主席，县科协可核实' },
  })
  // What was sent stays in view, the photo too (fetched with the session, never from a public address).
  expect(page.one('mine__verify-sent').textContent).toContain(`姓名：${REAL_NAME}`)
  expect(page.one('mine__verify-sent').textContent).toContain(`职务：${POST}`)
  await page.waitFor(() => page.all('proof-image__img').length === 1, 'the sent photo')
  expect(media.downloads).toEqual([expect.objectContaining({ status: 200, authorized: true, cacheControl: 'private, no-store', path: expect.stringMatching(/^\/api\/verifications\/\d+\/proof\?size=thumb$/) })])
  // The profile card follows (the profile was refreshed).
  await page.waitFor(() => page.one('mine__info').textContent?.includes('认证审核中'), 'profile 认证审核中')

  const rows = await weapp.ctx.db.selectFrom('verifications').selectAll().where('user_id', '=', chairId).execute()
  expect(rows).toEqual([expect.objectContaining({ role: 'chair', status: 'pending', real_name: REAL_NAME, post: POST, proof_upload_id: proofId })])
  const user = await weapp.ctx.db.selectFrom('users').select('verification').where('id', '=', chairId).executeTakeFirstOrThrow()
  expect(user.verification).toBe('pending')
})

test('staff see the claim beside the photo, open it full size, and reject with a reason the chair reads on 我的', async () => {
  await signInAs('staff-sc')
  const page = await weapp.render(QUEUE)
  await page.waitFor(() => cardOf(page, '泽仁'), 'the chair’s request')
  const card = cardOf(page, '泽仁')!
  expect(card.textContent).toContain('申请认证：乡镇科协主席')
  const claim = within(card, 'verification-item__claim')!
  expect(within(claim, 'verification-item__real-name')!.textContent).toBe(`真实姓名${REAL_NAME}`)
  expect(within(claim, 'verification-item__post')!.textContent).toBe(`职务${POST}`)
  expect(claim.textContent).toContain('甘孜藏族自治州 甘孜县 甘孜镇')
  expect(claim.textContent).toContain('说明：甘孜镇科协主席，县科协可核实')
  expect(card.textContent).toMatch(/申请于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/)
  // The photo column, beside the claim: the thumbnail comes through the authorised route.
  const proof = within(card, 'verification-item__proof')!
  expect(proof.parentElement).toBe(claim.parentElement)
  expect(proof.textContent).toContain('任命文件或工作证')
  await page.waitFor(() => within(card, 'proof-image__img'), 'the photo')
  const id = (await weapp.ctx.db.selectFrom('verifications').select('id').where('user_id', '=', chairId).executeTakeFirstOrThrow()).id
  expect(media.downloads).toEqual([expect.objectContaining({ path: `/api/verifications/${id}/proof?size=thumb`, status: 200, authorized: true, cacheControl: 'private, no-store' })])
  const thumbSrc = String(page.attr(within(card, 'proof-image__img')!, 'src'))
  expect(thumbSrc).toBe(media.downloads[0].tempFilePath)
  page.tap(within(card, 'proof-image__img')!)
  await page.waitFor(() => media.previews.length === 1, 'the preview')
  expect(media.downloads[1]).toMatchObject({ path: `/api/verifications/${id}/proof`, status: 200, authorized: true })
  expect(media.previews[0]).toEqual({ urls: [media.downloads[1].tempFilePath], current: media.downloads[1].tempFilePath })
  // Both views are in the audit log, under this staff member.
  const views = await weapp.ctx.db.selectFrom('audit_log').select(['action', 'details']).where('target_id', '=', String(id)).execute()
  expect(views.map((v) => [v.action, JSON.parse(v.details).by, JSON.parse(v.details).size])).toEqual([
    ['verification.proof_view', 'applicant', 'thumb'],
    ['verification.proof_view', 'staff', 'thumb'],
    ['verification.proof_view', 'staff', 'full'],
  ])

  page.tap(inside(card, '驳回'))
  await page.waitFor(() => page.all('decision-form__input').length === 1, 'the reason form')
  expect(page.text()).toContain('驳回理由（申请人会看到，2–200 字）')
  page.tap(inside(cardOf(page, '泽仁')!, '确认驳回'))
  await page.waitForText('请填写驳回理由（至少 2 个字）')
  const reason = '照片上看不清职务，请重新拍摄任命文件'
  page.type(page.one('decision-form__input'), reason)
  page.tap(inside(cardOf(page, '泽仁')!, '确认驳回'))
  await page.waitForText('没有待审核的认证申请')
  expect(weapp.toasts).toEqual([{ title: '已驳回', icon: 'success' }])
  const row = await weapp.ctx.db.selectFrom('verifications').selectAll().where('user_id', '=', chairId).executeTakeFirstOrThrow()
  expect(row).toMatchObject({ status: 'rejected', reason })
  await weapp.reset()

  // The chair opens 我的: 未通过, the reason, and the form again with name and post kept; a new photo.
  weapp.storage.set('session.token', chairToken)
  weapp.storage.set('session.user', await (await fetch(`${weapp.apiOrigin}/api/users/me`, { headers: { authorization: `Bearer ${chairToken}` } })).json())
  const mine = await weapp.render(MINE)
  await mine.waitFor(() => verifyState(mine) === '未通过', '未通过')
  await mine.waitForText(`未通过原因：${reason}`)
  await mine.waitFor(() => mine.attr(mine.one('mine__verify-realname'), 'value') === REAL_NAME, 'the name kept')
  expect(mine.attr(mine.one('mine__verify-post'), 'value')).toBe(POST)
  mine.tap(mine.byText('拍照或选择照片'))
  await mine.waitFor(() => media.uploads.length === 1 && mine.all('proof-picker__status').length === 0 && mine.all('proof-picker__img').length === 1, 'the new photo')
  mine.tap(mine.byText('申请认证'))
  await mine.waitFor(() => verifyState(mine) === '审核中', '审核中 again')
  expect(mine.text()).not.toContain('未通过原因')
})

test('staff approve the second request: the chair is verified and 我的 no longer asks', async () => {
  await signInAs('staff-sc')
  const page = await weapp.render(QUEUE)
  await page.waitFor(() => cardOf(page, '泽仁'), 'the second request')
  expect(page.all('verification-item')).toHaveLength(1)
  page.tap(inside(cardOf(page, '泽仁')!, '通过'))
  await page.waitForText('没有待审核的认证申请')
  expect(weapp.toasts).toEqual([{ title: '已通过认证', icon: 'success' }])
  const user = await weapp.ctx.db.selectFrom('users').select('verification').where('id', '=', chairId).executeTakeFirstOrThrow()
  expect(user.verification).toBe('verified')
  const rows = await weapp.ctx.db.selectFrom('verifications').select('status').where('user_id', '=', chairId).orderBy('id').execute()
  expect(rows.map((r) => r.status)).toEqual(['rejected', 'verified'])
  await weapp.reset()

  weapp.storage.set('session.token', chairToken)
  const mine = await weapp.render(MINE)
  // 我的 refreshes the profile when it shows: verified, so no verification card.
  await mine.waitFor(() => mine.all('mine__info')[0]?.textContent?.includes('乡镇科协主席 · 已认证'), '已认证')
  expect(mine.all('mine__verify')).toEqual([])
})

test('我的: 我的发布 and 我的对接 open the listings pages; 科协工作台 is for staff only', async () => {
  await signInAs('expert-li')
  let page = await weapp.render(MINE)
  await page.waitForText('我的发布')
  expect(page.all('mine__staff')).toEqual([])
  expect(page.text()).not.toContain('科协工作台')
  expect(page.all('mine__verify')).toEqual([]) // a verified expert has nothing to ask for
  page.tap(page.byText('我的发布'))
  page.tap(page.byText('我的对接'))
  await page.waitFor(() => weapp.nav.length === 2, 'two navigations')
  expect(weapp.nav).toEqual([
    { api: 'navigateTo', url: '/packages/listings/mine/index' },
    { api: 'navigateTo', url: '/packages/listings/mine/index?tab=responses' },
  ])
  await weapp.reset()

  await signInAs('staff-sc')
  page = await weapp.render(MINE)
  await page.waitForText('科协工作台')
  page.tap(page.byText('内容审核'))
  page.tap(page.byText('身份认证审核'))
  await page.waitFor(() => weapp.nav.length === 2, 'two navigations')
  expect(weapp.nav).toEqual([
    { api: 'navigateTo', url: '/packages/staff/review/index' },
    { api: 'navigateTo', url: '/packages/staff/verifications/index' },
  ])
  await weapp.reset()

  // Signed out: none of these rows.
  page = await weapp.render(MINE)
  await page.waitForText('微信一键登录')
  expect(page.text()).not.toContain('我的发布')
  expect(page.text()).not.toContain('科协工作台')
})

test('a person who is not staff sees 仅科协工作人员可用 on 身份认证审核', async () => {
  await signInAs('expert-li')
  const page = await weapp.render(QUEUE)
  await page.waitForText('仅科协工作人员可用')
  expect(weapp.requests.find((r) => r.path === '/api/staff/verifications?status=pending')).toMatchObject({ status: 403 })
})

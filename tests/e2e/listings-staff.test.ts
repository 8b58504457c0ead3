import sharp from 'sharp'
import { answerModal, current, open, overflowing, signInAsDemo, snap, startE2E, tapTab, tapText, waitForRoute, type E2E } from './harness'

// The staff side of 科技所能所需 in Chromium: a newly registered township chair asks for verification
// from 我的, staff approve it in 身份认证审核 and the chair's 我的 shows 已认证; the review queue
// read in 长辈模式 (large text, nothing cut off) with its reject form; and anyone who is not staff
// is turned away by the server with 仅科协工作人员可用.
jest.setTimeout(120_000)

const STAFF = '省科协工作人员（成都市锦江区）'

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

test('a new chair asks for verification on 我的; staff approve it in 身份认证审核; 我的 shows 已认证', async () => {
  const { page: chair } = await e2e.newPhone()
  await open(chair, '/pages/mine/index')
  await tapText(chair, '微信一键登录')
  await waitForRoute(chair, '/packages/account/login/index')
  await tapText(chair, '同意并继续')
  await tapText(chair, '注册新用户')
  const profile = await waitForRoute(chair, '/packages/account/profile/index')
  await profile.locator('.profile__input input').fill('泽仁')
  await profile.locator('.profile__role').getByText('乡镇科协主席', { exact: true }).tap()
  await tapText(chair, '甘孜藏族自治州')
  await tapText(chair, '甘孜县')
  await tapText(chair, '甘孜镇')
  await profile.locator('.region-picker__value').getByText('甘孜藏族自治州 甘孜县 甘孜镇').waitFor()
  await tapText(chair, '完成注册')
  await waitForRoute(chair, '/pages/index/index')

  let mine = await tapTab(chair, '我的', '/pages/mine/index')
  const card = mine.locator('.mine__verify')
  await card.getByText('乡镇科协主席认证', { exact: true }).waitFor()
  await card.locator('.mine__verify-state').getByText('未申请', { exact: true }).waitFor()
  // Real name, post and a photo of the appointment letter (tests/e2e/verification.test.ts has the whole form).
  await card.locator('.mine__verify-realname input').fill('泽仁卓玛')
  await card.locator('.mine__verify-post input').fill('科协主席')
  const letter = await sharp({ create: { width: 600, height: 800, channels: 3, background: '#f3ecd9' } }).jpeg().toBuffer()
  const [chooser] = await Promise.all([chair.waitForEvent('filechooser'), card.locator('.proof-picker__pick').tap()])
  await chooser.setFiles({ name: 'appointment.jpg', mimeType: 'image/jpeg', buffer: letter })
  await card.locator('.proof-picker__pick').getByText('换一张', { exact: true }).waitFor()
  await card.locator('.mine__verify-note input').fill('甘孜镇科协主席，县科协可核实')
  expect(await overflowing(chair)).toEqual([])
  await snap(chair, 'listings-staff-1-mine-verify')
  await card.locator('.mine__verify-apply').tap()
  await card.locator('.mine__verify-state').getByText('审核中', { exact: true }).waitFor()
  await mine.locator('.mine__info').getByText(/认证审核中/).waitFor()
  await snap(chair, 'listings-staff-2-mine-pending')

  const user = await e2e.ctx.db.selectFrom('users').selectAll().where('nickname', '=', '泽仁').executeTakeFirstOrThrow()
  expect(user).toMatchObject({ role: 'chair', verification: 'pending', region_code: '513328100' })
  const request = await e2e.ctx.db.selectFrom('verifications').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow()
  expect(request).toMatchObject({ role: 'chair', status: 'pending', note: '甘孜镇科协主席，县科协可核实', real_name: '泽仁卓玛', post: '科协主席' })

  // Staff, on their own phone.
  const { page: staff } = await e2e.newPhone()
  const staffMine = await signInAsDemo(staff, STAFF)
  await staffMine.locator('.mine__staff-verifications').tap()
  const queue = await waitForRoute(staff, '/packages/staff/verifications/index')
  const item = queue.locator('.verification-item').filter({ hasText: '泽仁' })
  await item.getByText('申请认证：乡镇科协主席', { exact: true }).waitFor()
  await item.getByText('甘孜藏族自治州 甘孜县 甘孜镇', { exact: true }).waitFor()
  await item.getByText('说明：甘孜镇科协主席，县科协可核实', { exact: true }).waitFor()
  await item.locator('.verification-item__real-name').getByText('泽仁卓玛', { exact: true }).waitFor()
  expect(await overflowing(staff)).toEqual([])
  await snap(staff, 'listings-staff-3-verifications')
  await item.locator('.decision__approve').tap()
  // One tap grants a lot: staff confirm it.
  await answerModal(staff, '确认通过')
  await queue.getByText('没有待审核的认证申请', { exact: true }).waitFor()
  await snap(staff, 'listings-staff-4-verifications-empty')
  expect(await e2e.ctx.db.selectFrom('verifications').select(['status', 'reviewer_id']).where('id', '=', request.id).executeTakeFirstOrThrow()).toMatchObject({
    status: 'verified',
  })
  expect((await e2e.ctx.db.selectFrom('users').select('verification').where('id', '=', user.id).executeTakeFirstOrThrow()).verification).toBe('verified')

  // The chair comes back to 我的: verified, nothing left to ask for.
  await chair.reload()
  mine = await waitForRoute(chair, '/pages/mine/index')
  await mine.locator('.mine__info').getByText(/乡镇科协主席 · 已认证/).waitFor()
  expect(await mine.locator('.mine__verify').count()).toBe(0)
})

test('the review queue in 长辈模式: large text, the reject form fits, 驳回 needs a reason', async () => {
  // A farmer's post waiting for review.
  const login = await e2e.ctx.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { userKey: 'farmer-zhaxi', consentVersion: '2026-11-01' } })
  const res = await e2e.ctx.app.inject({
    method: 'POST',
    url: '/api/listings',
    headers: { authorization: `Bearer ${login.json().token}`, 'idempotency-key': 'e2e-staff-elder-0001' },
    payload: {
      side: 'need',
      title: '牦牛犊子拉稀，求兽医指导',
      category: 'veterinary',
      regionCode: '513328200',
      description: '家里今年下了六头牦牛犊，最近三头拉稀，精神不好，不知道该喂什么药，想请兽医指导。',
      contact: { name: '扎西', phone: '13800001003' },
    },
  })
  expect(res.statusCode).toBe(201)
  const id = res.json().id as number

  const { page } = await e2e.newPhone()
  const mine = await signInAsDemo(page, STAFF)
  await mine.locator('.mine__elder-switch').tap()
  await mine.locator('.shell--elder').waitFor()
  await mine.locator('.mine__staff-review').tap()
  const queue = await waitForRoute(page, '/packages/staff/review/index')
  await queue.locator('.shell--elder').waitFor()
  const item = queue.locator('.review-item').filter({ hasText: '牦牛犊子拉稀，求兽医指导' })
  await item.waitFor()
  // 长辈模式: body text ≥ 18 CSS px, buttons ≥ 60 px tall.
  const sizes = await item.evaluate((el) => ({
    body: parseFloat(getComputedStyle(el.querySelector('.review-item__desc')!).fontSize),
    button: el.querySelector('.decision__approve')!.getBoundingClientRect().height,
  }))
  expect(sizes.body).toBeGreaterThanOrEqual(18)
  expect(sizes.button).toBeGreaterThanOrEqual(60)

  await item.locator('.decision__reject').tap()
  await item.locator('.decision__confirm').tap()
  await item.getByText('请填写驳回理由（至少 2 个字）', { exact: true }).waitFor()
  const reason = '请写明犊牛几日龄、拉稀几天了，方便兽医判断'
  await item.locator('.decision-form__input textarea').fill(reason)
  await item.getByText(`${Array.from(reason).length}/200`, { exact: true }).waitFor()
  // The typed reason reads at body size too.
  expect(await item.locator('.decision-form__input textarea').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(18)
  expect(await overflowing(page)).toEqual([])
  await snap(page, 'listings-staff-5-review-elder-reject')
  await item.locator('.decision__confirm').tap()
  await item.waitFor({ state: 'detached' })
  await queue.getByText('没有待审核的内容', { exact: true }).waitFor()
  expect(await e2e.ctx.db.selectFrom('listings').select(['status', 'reject_reason']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({
    status: 'rejected',
    reject_reason: reason,
  })
})

test('someone who is not staff opening the staff pages sees 仅科协工作人员可用', async () => {
  const { page } = await e2e.newPhone()
  const mine = await signInAsDemo(page, '李教授（科技工作者，成都市锦江区春熙路街道，已认证）')
  expect(await mine.locator('.mine__staff').count()).toBe(0)
  for (const route of ['/packages/staff/review/index', '/packages/staff/verifications/index']) {
    const view = await open(page, route)
    await view.getByText('仅科协工作人员可用', { exact: true }).waitFor()
    expect(await current(page).locator('.review-item, .verification-item').count()).toBe(0)
  }
  await snap(page, 'listings-staff-6-forbidden')
})

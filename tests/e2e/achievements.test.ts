import sharp from 'sharp'
import { answerModal, cardWithTitle, looksEnglish, open, overflowing, signInAsDemo, snap, startE2E, pageText, tapTab, tapText, waitForRoute, type E2E } from './harness'

// The 科技成果 story, three people on three phones (each its own browser context): 次仁, a new
// 科技工作者, registers through the demo login, asks for verification under 我的 with his 单位, 职称
// and a certificate photo; 省科协小王 sees all three in 身份认证审核 and approves. 次仁 publishes an
// achievement (首页 → 科技成果 → 发布成果); staff approve it in 内容审核. 格桑, the chair of 甘孜镇,
// finds it on the 科技成果 list by a two-character search, opens it (no contact shown) and
// expresses interest; 次仁 accepts it from 我的发布, and each now sees the other's contact. 次仁's
// 科创工作室 shows the badge, his institution and title, and the achievement. The database is
// checked at each step.
jest.setTimeout(240_000)

const CHAIR = '格桑（乡镇科协主席，甘孜县甘孜镇，已认证）'
const STAFF = '省科协工作人员（成都市锦江区）'
const NICKNAME = '次仁多吉'
const INSTITUTION = '甘孜州畜牧业科学研究所'
const JOB_TITLE = '高级畜牧师'
const NOTE = '从事高原牧草加工二十年'

const TITLE = '高原燕麦青贮窖藏保鲜技术'
const SEARCH = '青贮'
const DESCRIPTION = '针对高原牧区冬春缺草，用燕麦全株青贮窖藏，窖藏半年营养损失小，已在甘孜县三个合作社示范，牦牛冬季掉膘明显减少。'
const ACHIEVEMENT_INSTITUTION = '甘孜州畜牧业科学研究所'
const EXPERT_CONTACT = { name: '次仁', phone: '13912340001' }
const CHAIR_PHONE = '13800009999'
const MESSAGE = '我们镇有两个合作社想试用这项技术，能否到甘孜镇现场指导？'

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

test('a new expert is verified, publishes an achievement, a chair finds it and expresses interest, the expert accepts', async () => {
  const db = e2e.ctx.db
  const expert = (await e2e.newPhone()).page
  const staff = (await e2e.newPhone()).page
  const chair = (await e2e.newPhone()).page

  // ---- 次仁 registers as 科技工作者 through the demo login ------------------------------------------
  await open(expert, '/pages/mine/index')
  await tapText(expert, '微信一键登录')
  await waitForRoute(expert, '/packages/account/login/index')
  await tapText(expert, '同意并继续')
  await tapText(expert, '注册新用户')
  const profile = await waitForRoute(expert, '/packages/account/profile/index')
  await profile.locator('.profile__input input').fill(NICKNAME)
  await profile.locator('.profile__role').filter({ hasText: '科技工作者' }).tap()
  await profile.locator('.profile__role--on').getByText('科技工作者').waitFor()
  await tapText(expert, '甘孜藏族自治州')
  await tapText(expert, '甘孜县')
  await tapText(expert, '甘孜镇')
  await profile.locator('.region-picker__value').getByText('甘孜藏族自治州 甘孜县 甘孜镇').waitFor()
  await tapText(expert, '完成注册')
  await waitForRoute(expert, '/pages/index/index')
  const expertUser = await db.selectFrom('users').selectAll().where('nickname', '=', NICKNAME).executeTakeFirstOrThrow()
  expect(expertUser).toMatchObject({ role: 'expert', verification: 'none', region_code: '513328100' })

  // ---- 我的: the verification card asks for 单位 and 职称 -------------------------------------------
  let mine = await tapTab(expert, '我的', '/pages/mine/index')
  const verify = mine.locator('.mine__verify')
  await verify.locator('.mine__verify-state').getByText('未申请', { exact: true }).waitFor()
  await verify.locator('.mine__verify-apply').tap()
  await verify.getByText('请填写单位', { exact: true }).waitFor()
  await verify.getByText('请填写职称', { exact: true }).waitFor()
  await verify.getByText('请上传职称证书或工作证的照片', { exact: true }).waitFor()
  expect(await db.selectFrom('verifications').select('id').where('user_id', '=', expertUser.id).execute()).toEqual([])

  await verify.locator('.mine__verify-institution input').fill(INSTITUTION)
  await verify.locator('.mine__verify-title input').fill(JOB_TITLE)
  // Typing clears each field's message.
  await verify.getByText('请填写单位', { exact: true }).waitFor({ state: 'detached' })
  await verify.getByText('请填写职称', { exact: true }).waitFor({ state: 'detached' })
  await verify.locator('.mine__verify-note input').fill(NOTE)
  // A certificate photo, picked from the phone and uploaded at once.
  const photo = await sharp({ create: { width: 800, height: 560, channels: 3, background: '#b9975b' } }).jpeg().toBuffer()
  const [chooser] = await Promise.all([expert.waitForEvent('filechooser'), verify.locator('.proof-picker__pick').tap()])
  await chooser.setFiles({ name: 'certificate.jpg', mimeType: 'image/jpeg', buffer: photo })
  await verify.locator('.proof-picker__pick').getByText('换一张', { exact: true }).waitFor()
  expect(await overflowing(expert)).toEqual([])
  expect(looksEnglish(await verify.innerText())).toBe(false)
  await snap(expert, 'achievements-1-verification-form')
  await verify.locator('.mine__verify-apply').tap()
  await verify.locator('.mine__verify-state').getByText('审核中', { exact: true }).waitFor()
  await verify.locator('.mine__verify-sent').getByText(`单位：${INSTITUTION}`, { exact: true }).waitFor()
  await snap(expert, 'achievements-2-verification-pending')

  const request = await db.selectFrom('verifications').selectAll().where('user_id', '=', expertUser.id).executeTakeFirstOrThrow()
  expect(request).toMatchObject({ role: 'expert', status: 'pending', institution: INSTITUTION, title: JOB_TITLE, note: NOTE })
  expect(request.proof_upload_id).toBeTruthy()

  // ---- 省科协小王 approves it in 身份认证审核 ----------------------------------------------------------
  let staffMine = await signInAsDemo(staff, STAFF)
  await staffMine.locator('.mine__staff-verifications').tap()
  const queue = await waitForRoute(staff, '/packages/staff/verifications/index')
  const item = queue.locator('.verification-item').filter({ hasText: NICKNAME })
  await item.getByText('申请认证：科技工作者', { exact: true }).waitFor()
  await item.locator('.verification-item__institution').getByText(INSTITUTION, { exact: true }).waitFor()
  await item.locator('.verification-item__title').getByText(JOB_TITLE, { exact: true }).waitFor()
  await item.getByText(`说明：${NOTE}`, { exact: true }).waitFor()
  // The certificate photo is really there (loaded with the session, not a broken image).
  const certificate = item.locator('.proof-image__img img')
  await certificate.waitFor()
  await staff.waitForFunction((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0, await certificate.elementHandle(), { timeout: 10_000 })
  expect(await overflowing(staff)).toEqual([])
  await snap(staff, 'achievements-3-verification-queue')
  await item.locator('.decision__approve').tap()
  // One tap grants a lot: staff confirm it.
  await answerModal(staff, '确认通过')
  await item.waitFor({ state: 'detached' })
  expect(await db.selectFrom('users').select('verification').where('id', '=', expertUser.id).executeTakeFirstOrThrow()).toEqual({ verification: 'verified' })

  // ---- 次仁 publishes an achievement: 首页 → 科技成果 → 发布成果 -------------------------------------
  await expert.reload()
  mine = await waitForRoute(expert, '/pages/mine/index')
  await mine.locator('.mine__info').getByText(/科技工作者 · 已认证/).waitFor()
  expect(await mine.locator('.mine__verify').count()).toBe(0)
  const home = await tapTab(expert, '首页', '/pages/index/index')
  await home.locator('[data-entry="achievements"]').tap()
  const list = await waitForRoute(expert, '/packages/achievements/index')
  await list.locator('.achievements__publish').tap()
  const form = await waitForRoute(expert, '/packages/listings/publish/index')
  await form.getByText('发布科技成果', { exact: true }).waitFor()
  await form.locator('.publish__title input').fill(TITLE)
  await form.locator('[data-category="breeding"]').tap()
  await form.locator('[data-stage="pilot"]').tap()
  await form.locator('[data-transfer="cooperation"]').tap()
  await form.locator('.publish__institution input').fill(ACHIEVEMENT_INSTITUTION)
  await form.locator('.region-picker__value').getByText('甘孜藏族自治州 甘孜县 甘孜镇').waitFor()
  await form.locator('.publish__description textarea').fill(DESCRIPTION)
  await form.locator('.publish__contact-name input').fill(EXPERT_CONTACT.name)
  await form.locator('.publish__contact-phone input').fill(EXPERT_CONTACT.phone)
  expect(await overflowing(expert)).toEqual([])
  await snap(expert, 'achievements-4-publish')
  await form.locator('.publish__submit').tap()
  await form.getByText('已提交，审核通过后公开', { exact: true }).waitFor()

  const row = await db.selectFrom('listings').selectAll().where('title', '=', TITLE).executeTakeFirstOrThrow()
  expect(row).toMatchObject({ kind: 'achievement', side: 'offer', status: 'pending', author_id: expertUser.id, category: 'breeding', region_code: '513328100' })

  // ---- staff approve it in 内容审核 ------------------------------------------------------------------
  staffMine = await open(staff, '/pages/mine/index')
  await staffMine.locator('.mine__staff-review').tap()
  const review = await waitForRoute(staff, '/packages/staff/review/index')
  const reviewItem = review.locator('.review-item').filter({ hasText: TITLE })
  await reviewItem.waitFor()
  await reviewItem.locator('.decision__approve').tap()
  await reviewItem.waitFor({ state: 'detached' })
  expect(await db.selectFrom('listings').select('status').where('id', '=', row.id).executeTakeFirstOrThrow()).toEqual({ status: 'published' })

  // ---- 格桑 finds it by a two-character search on 科技成果 and expresses interest -------------------
  await signInAsDemo(chair, CHAIR)
  const chairHome = await tapTab(chair, '首页', '/pages/index/index')
  await chairHome.locator('[data-entry="achievements"]').tap()
  const feed = await waitForRoute(chair, '/packages/achievements/index')
  await feed.locator('.listings__input input').fill(SEARCH)
  await feed.locator('.listings__search-btn').tap()
  const found = cardWithTitle(feed, TITLE)
  await found.waitFor()
  const titles = await feed.locator('.listing-card__title').allInnerTexts()
  expect(titles).toContain(TITLE)
  await snap(chair, 'achievements-5-search')
  await found.getByText(TITLE, { exact: true }).tap()

  const view = await waitForRoute(chair, '/packages/listings/detail/index')
  await view.locator('.detail__title').getByText(TITLE, { exact: true }).waitFor()
  await view.locator('.detail__respond').waitFor()
  expect(await view.locator('.detail__contact').count()).toBe(0)
  let text = await pageText(chair)
  expect(text).not.toContain(EXPERT_CONTACT.phone)
  expect(text).toContain(ACHIEVEMENT_INSTITUTION)
  expect(looksEnglish(text)).toBe(false)
  await view.locator('.detail__message textarea').fill(MESSAGE)
  await view.locator('.detail__phone-input input').fill(CHAIR_PHONE)
  await view.locator('.detail__respond-btn').getByText(/我有意向|表达意向/).tap()
  await view.locator('.detail__my-response').waitFor()
  expect(await view.locator('.detail__contact').count()).toBe(0)
  await snap(chair, 'achievements-6-interest')

  const chairUser = await db.selectFrom('users').select('id').where('openid', '=', 'dev:chair-ganzi').executeTakeFirstOrThrow()
  const response = await db.selectFrom('listing_responses').selectAll().where('listing_id', '=', row.id).executeTakeFirstOrThrow()
  expect(response).toMatchObject({ responder_id: chairUser.id, message: MESSAGE, status: 'pending' })

  // ---- 次仁 accepts from 我的发布 ----------------------------------------------------------------------
  mine = await open(expert, '/pages/mine/index')
  await mine.locator('.mine__my-listings').tap()
  const myListings = await waitForRoute(expert, '/packages/listings/mine/index')
  await cardWithTitle(myListings, TITLE).getByText(TITLE, { exact: true }).tap()
  const own = await waitForRoute(expert, '/packages/listings/detail/index')
  const incoming = own.locator('.detail__response').filter({ hasText: '格桑' })
  await incoming.getByText(MESSAGE, { exact: true }).waitFor()
  expect(await incoming.innerText()).not.toContain(CHAIR_PHONE)
  await incoming.locator('.detail__accept').tap()
  await answerModal(expert, '接受')
  await incoming.locator('.detail__response-contact').getByText(CHAIR_PHONE).waitFor()
  await snap(expert, 'achievements-7-accepted')
  expect(await db.selectFrom('listing_responses').select('status').where('id', '=', response.id).executeTakeFirstOrThrow()).toEqual({ status: 'accepted' })

  // ---- 格桑 now sees 次仁's contact ------------------------------------------------------------------
  await chair.reload()
  const after = await waitForRoute(chair, '/packages/listings/detail/index')
  const contact = after.locator('.detail__contact')
  await contact.getByText(EXPERT_CONTACT.phone, { exact: true }).waitFor()
  await contact.getByText(EXPERT_CONTACT.name, { exact: true }).waitFor()
  await snap(chair, 'achievements-8-chair-sees-contact')

  // ---- 次仁's 科创工作室: badge, institution, title, the achievement --------------------------------------
  mine = await open(expert, '/pages/mine/index')
  await mine.locator('.mine__studio').tap()
  const studio = await waitForRoute(expert, '/packages/studio/index')
  await studio.locator('.studio__name').getByText(NICKNAME, { exact: true }).waitFor()
  await studio.locator('.studio__badge').getByText('已认证', { exact: true }).waitFor()
  await studio.locator('.studio__institution').getByText(INSTITUTION, { exact: true }).waitFor()
  await studio.locator('.studio__title').getByText(JOB_TITLE, { exact: true }).waitFor()
  await cardWithTitle(studio.locator('.studio__achievements'), TITLE).waitFor()
  await studio.locator('.studio__offers .studio__empty').getByText('还没有发布科技所能', { exact: true }).waitFor()
  text = await pageText(expert)
  expect(text).not.toContain(EXPERT_CONTACT.phone)
  expect(looksEnglish(text)).toBe(false)
  expect(await overflowing(expert)).toEqual([])
  await snap(expert, 'achievements-9-studio')

  // Anyone can open it from a shared link, signed in or not.
  const visitor = (await e2e.newPhone()).page
  const shared = await open(visitor, `/packages/studio/index?id=${expertUser.id}`)
  await shared.locator('.studio__badge').getByText('已认证', { exact: true }).waitFor()
  await cardWithTitle(shared.locator('.studio__achievements'), TITLE).waitFor()

  // ---- the server's record ---------------------------------------------------------------------------
  const done = await db.selectFrom('listings').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow()
  expect(done).toMatchObject({ status: 'published', kind: 'achievement' })
  const events = await db.selectFrom('listing_events').select('kind').where('listing_id', '=', row.id).orderBy('id').execute()
  expect(events.map((e) => e.kind)).toEqual(['submitted', 'approved', 'responded', 'accepted'])
  const verification = await db.selectFrom('verifications').selectAll().where('user_id', '=', expertUser.id).executeTakeFirstOrThrow()
  expect(verification).toMatchObject({ status: 'verified', institution: INSTITUTION, title: JOB_TITLE })
})

import { answerModal, cardWithTitle, looksEnglish, open, overflowing, signInAsDemo, snap, startE2E, pageText, tapTab, tapText, waitForRoute, type E2E } from './harness'

// The 科技所能所需 story, three people on three phones (each its own browser context, signed in
// through the H5 demo login): 格桑, the verified chair of 甘孜镇, posts a need for a herder of his
// township (代发) about 虫草 digging damaging the grassland; it waits for review (审核中). 省科协小王
// approves it in 内容审核. 李建国, an expert in Chengdu, finds it by searching 虫草, sees no contact
// details, and responds with a message and his phone. 格桑 opens 我的发布, accepts — now each sees
// the other's number — and marks the post 已解决; the post shows 已解决 and its timeline. The
// server's database is checked at each step.
jest.setTimeout(180_000)

const CHAIR = '格桑（乡镇科协主席，甘孜县甘孜镇，已认证）'
const STAFF = '省科协工作人员（成都市锦江区）'
const EXPERT = '李教授（科技工作者，成都市锦江区春熙路街道，已认证）'

const TITLE = '挖虫草后草皮没回填，求草场补播技术'
const DESCRIPTION =
  '村里牧民挖虫草时翻起的草皮大多没有回填，山坡草场一年比一年退化，牦牛冬天没草吃。想请专家来指导补播哪种草籽、什么时候播、播后怎么管护。'
const FARMER = { name: '扎西多吉', phone: '13800001002' }
const CHAIR_CONTACT = { name: '格桑', phone: '13800001001', note: '白天在乡政府' }
const EXPERT_PHONE = '13912345678'
const MESSAGE = '我做草地补播十多年了，可以先电话了解情况，再安排到甘孜镇现场看看。'

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

test('a chair posts a need for a herder; staff approve it; an expert finds it and responds; the chair accepts and marks it 已解决', async () => {
  const db = e2e.ctx.db
  const chairPhone = await e2e.newPhone()
  const staffPhone = await e2e.newPhone()
  const expertPhone = await e2e.newPhone()
  const chair = chairPhone.page
  const staff = staffPhone.page
  const expert = expertPhone.page

  // ---- 格桑 posts for 扎西多吉 -----------------------------------------------------------------
  await signInAsDemo(chair, CHAIR)
  const tab = await tapTab(chair, '所能所需', '/pages/listings/index')
  await tab.locator('.listings__publish').tap()
  const form = await waitForRoute(chair, '/packages/listings/publish/index')
  await form.locator('.publish__title input').fill(TITLE)
  await form.locator('.chip').filter({ hasText: '生态环保' }).tap()
  await form.locator('.publish__proxy').getByText('为农户代发', { exact: true }).tap()
  await form.locator('.publish__proxy-name input').fill(FARMER.name)
  await form.locator('.publish__proxy-phone input').fill(FARMER.phone)
  await form.locator('.publish__check').tap()
  // A 代发 post is placed in the chair's own township.
  await form.locator('.publish__fixed-region').getByText('甘孜藏族自治州 甘孜县 甘孜镇', { exact: true }).waitFor()
  await form.locator('.publish__description textarea').fill(DESCRIPTION)
  await form.locator('.publish__contact-name input').fill(CHAIR_CONTACT.name)
  await form.locator('.publish__contact-phone input').fill(CHAIR_CONTACT.phone)
  await form.locator('.publish__contact-note input').fill(CHAIR_CONTACT.note)
  expect(await overflowing(chair)).toEqual([])
  await snap(chair, 'listings-1-publish-proxy')
  await form.locator('.publish__submit').tap()
  await form.getByText('已提交，审核通过后公开', { exact: true }).waitFor()
  await snap(chair, 'listings-2-submitted')

  const row = await db.selectFrom('listings').selectAll().where('title', '=', TITLE).executeTakeFirstOrThrow()
  const chairUser = await db.selectFrom('users').select(['id']).where('openid', '=', 'dev:chair-ganzi').executeTakeFirstOrThrow()
  expect(row).toMatchObject({
    status: 'pending',
    side: 'need',
    category: 'ecology',
    author_id: chairUser.id,
    region_code: '513328100',
    proxy_name: FARMER.name,
    proxy_region_code: '513328100',
    proxy_label: '甘孜镇科协',
    contact_name: CHAIR_CONTACT.name,
    contact_note: CHAIR_CONTACT.note,
  })
  expect(row.proxy_consent_at).toBeTruthy()
  // Phones are stored encrypted, never as typed.
  expect(JSON.stringify(row)).not.toContain(FARMER.phone)
  expect(JSON.stringify(row)).not.toContain(CHAIR_CONTACT.phone)

  await tapText(chair, '查看')
  let detail = await waitForRoute(chair, '/packages/listings/detail/index')
  await detail.locator('.detail__head .status-tag').getByText('审核中', { exact: true }).waitFor()
  await detail.locator('.detail__pending').waitFor()
  await snap(chair, 'listings-3-pending')

  // Nobody else can find it yet.
  const hidden = await e2e.ctx.app.inject({ method: 'GET', url: `/api/listings?q=${encodeURIComponent('虫草')}` })
  expect(hidden.json().items.map((l: { id: number }) => l.id)).not.toContain(row.id)

  // ---- 省科协小王 approves it in 内容审核 -------------------------------------------------------
  const staffMine = await signInAsDemo(staff, STAFF)
  await staffMine.locator('.mine__staff').getByText('科协工作台', { exact: true }).waitFor()
  await tapText(staff, '内容审核')
  const queue = await waitForRoute(staff, '/packages/staff/review/index')
  const item = queue.locator('.review-item').filter({ hasText: TITLE })
  await item.waitFor()
  await item.getByText('由 甘孜镇科协 代发', { exact: true }).waitFor()
  await item.getByText(`群众：${FARMER.name}`, { exact: true }).waitFor()
  await item.getByText(DESCRIPTION, { exact: true }).waitFor()
  await item.locator('.review-item__badge').getByText('已认证', { exact: true }).waitFor()
  expect(await item.innerText()).toContain('甘孜藏族自治州 甘孜县 甘孜镇')
  expect(await overflowing(staff)).toEqual([])
  await snap(staff, 'listings-4-review-queue')
  await item.locator('.decision__approve').tap()
  await item.waitFor({ state: 'detached' })
  expect(await db.selectFrom('listings').select('status').where('id', '=', row.id).executeTakeFirstOrThrow()).toEqual({ status: 'published' })

  // ---- 李建国 searches 虫草, reads it (no contact shown) and responds -------------------------------
  await signInAsDemo(expert, EXPERT)
  const feed = await tapTab(expert, '所能所需', '/pages/listings/index')
  await feed.locator('.listings__input input').fill('虫草')
  await feed.locator('.listings__search-btn').tap()
  await feed.getByText('“虫草”的搜索结果', { exact: true }).waitFor()
  const found = cardWithTitle(feed, TITLE)
  await found.waitFor()
  await found.getByText('由 甘孜镇科协 代发', { exact: true }).waitFor()
  // Every result is about 虫草 (the two-character word is found, not its single characters).
  const titles = await feed.locator('.listing-card__title').allInnerTexts()
  expect(titles.length).toBeGreaterThan(0)
  for (const t of titles) expect(t).toContain('虫草')
  await snap(expert, 'listings-5-search')
  await found.getByText(TITLE, { exact: true }).tap()

  const view = await waitForRoute(expert, '/packages/listings/detail/index')
  await view.locator('.detail__title').getByText(TITLE, { exact: true }).waitFor()
  await view.locator('.detail__respond').waitFor()
  await view.getByText(`由 甘孜镇科协 代发，为农户 ${FARMER.name} 发布`, { exact: true }).waitFor()
  // No phone of the chair or the herder before an accepted 对接.
  expect(await view.locator('.detail__contact').count()).toBe(0)
  let text = await pageText(expert)
  expect(text).not.toContain(CHAIR_CONTACT.phone)
  expect(text).not.toContain(FARMER.phone)
  expect(looksEnglish(text)).toBe(false)
  await snap(expert, 'listings-6-detail-before')

  await view.locator('.detail__message textarea').fill(MESSAGE)
  await view.locator('.detail__phone-input input').fill(EXPERT_PHONE)
  await view.locator('.detail__respond-btn').tap()
  await view.locator('.detail__my-response').getByText('等待对方回复', { exact: true }).waitFor()
  expect(await view.locator('.detail__contact').count()).toBe(0)
  await snap(expert, 'listings-7-responded')

  const expertUser = await db.selectFrom('users').select('id').where('openid', '=', 'dev:expert-li').executeTakeFirstOrThrow()
  const response = await db.selectFrom('listing_responses').selectAll().where('listing_id', '=', row.id).executeTakeFirstOrThrow()
  expect(response).toMatchObject({ responder_id: expertUser.id, message: MESSAGE, status: 'pending' })

  // ---- 格桑 opens 我的发布, accepts ----------------------------------------------------------------
  // Back from the post to the tab he came from, then 我的.
  await chair.goBack()
  await waitForRoute(chair, '/pages/listings/index')
  const chairMine = await tapTab(chair, '我的', '/pages/mine/index')
  await chairMine.locator('.mine__my-listings').tap()
  const mine = await waitForRoute(chair, '/packages/listings/mine/index')
  const own = cardWithTitle(mine, TITLE)
  await own.locator('.status-tag').getByText('已发布', { exact: true }).waitFor()
  await snap(chair, 'listings-8-my-listings')
  await own.getByText(TITLE, { exact: true }).tap()

  detail = await waitForRoute(chair, '/packages/listings/detail/index')
  const incoming = detail.locator('.detail__response').filter({ hasText: '李建国' })
  await incoming.getByText(MESSAGE, { exact: true }).waitFor()
  // Not accepted yet: the owner does not see the expert's phone either.
  expect(await incoming.innerText()).not.toContain(EXPERT_PHONE)
  await incoming.locator('.detail__accept').tap()
  await answerModal(chair, '接受')
  await incoming.locator('.detail__response-contact').getByText(EXPERT_PHONE).waitFor()
  await snap(chair, 'listings-9-accepted')
  expect(await db.selectFrom('listing_responses').select('status').where('id', '=', response.id).executeTakeFirstOrThrow()).toEqual({ status: 'accepted' })

  // ---- 李建国 now sees 格桑's contact (and still never the herder's phone) --------------------------
  await expert.reload()
  const after = await waitForRoute(expert, '/packages/listings/detail/index')
  const contact = after.locator('.detail__contact')
  await contact.getByText(CHAIR_CONTACT.phone, { exact: true }).waitFor()
  await contact.getByText(CHAIR_CONTACT.name, { exact: true }).waitFor()
  await after.locator('.detail__my-response').getByText('已接受，可以联系对方了', { exact: true }).waitFor()
  text = await pageText(expert)
  expect(text).not.toContain(FARMER.phone)
  await snap(expert, 'listings-10-expert-sees-contact')

  // ---- 格桑 marks it 已解决 ----------------------------------------------------------------------
  await detail.locator('.detail__owner').getByText('标记已解决', { exact: true }).tap()
  await answerModal(chair, '已解决')
  await detail.locator('.detail__head .status-tag').getByText('已解决', { exact: true }).waitFor()
  const timeline = detail.locator('.timeline__label')
  await timeline.getByText('已解决', { exact: true }).waitFor()
  expect(await timeline.allInnerTexts()).toEqual(['提交审核', '审核通过，已发布', '收到对接申请', '接受对接，已交换联系方式', '已解决'])
  // Still both contacts on the owner's side after resolving.
  await incoming.locator('.detail__response-contact').getByText(EXPERT_PHONE).waitFor()
  expect(await overflowing(chair)).toEqual([])
  await detail.locator('.detail__head').scrollIntoViewIfNeeded()
  await snap(chair, 'listings-11-resolved')
  await detail.locator('.timeline').scrollIntoViewIfNeeded()
  await snap(chair, 'listings-12-timeline')

  // The expert sees it resolved too.
  await expert.reload()
  const final = await waitForRoute(expert, '/packages/listings/detail/index')
  await final.locator('.detail__head .status-tag').getByText('已解决', { exact: true }).waitFor()
  await final.locator('.detail__contact').getByText(CHAIR_CONTACT.phone, { exact: true }).waitFor()
  await snap(expert, 'listings-13-expert-resolved')

  // 我的 → 我的对接 lists the response, accepted, on the post now resolved.
  await open(expert, '/pages/mine/index')
  await tapText(expert, '我的对接')
  const sent = await waitForRoute(expert, '/packages/listings/mine/index')
  await sent.locator('.my-listings__tab--on').getByText('我的对接', { exact: true }).waitFor()
  const mine2 = sent.locator('.my-listings__response').filter({ hasText: TITLE })
  await mine2.getByText('已接受', { exact: true }).waitFor()
  expect(await mine2.innerText()).toContain('已解决')
  await snap(expert, 'listings-14-my-responses')

  // ---- the server's record ----------------------------------------------------------------------
  const done = await db.selectFrom('listings').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow()
  expect(done.status).toBe('resolved')
  const events = await db.selectFrom('listing_events').select(['kind', 'actor_id']).where('listing_id', '=', row.id).orderBy('id').execute()
  const staffUser = await db.selectFrom('users').select('id').where('openid', '=', 'dev:staff-sc').executeTakeFirstOrThrow()
  expect(events.map((e) => e.kind)).toEqual(['submitted', 'approved', 'responded', 'accepted', 'resolved'])
  expect(events.find((e) => e.kind === 'approved')!.actor_id).toBe(staffUser.id)
  const responses = await db.selectFrom('listing_responses').selectAll().where('listing_id', '=', row.id).execute()
  expect(responses).toEqual([expect.objectContaining({ responder_id: expertUser.id, status: 'accepted' })])
  expect(responses[0].decided_at).toBeTruthy()
})

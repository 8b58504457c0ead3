import type { Page } from 'playwright-core'
import { answerModal, current, looksEnglish, open, overflowing, pageText, signInAsDemo, snap, startE2E, tapText, waitForRoute, type E2E } from './harness'

// The 乡土人才 contest story on the H5 build, three people on three phones: 省科协 staff create the
// 8th 大赛 in 大赛管理; 格桑, the verified chair of 甘孜镇, opens it and 举荐 次仁拉姆 of his
// township, who has no account yet, by name and phone; 次仁拉姆 registers, binds that phone (the
// emulator turns the phone code 'phone-138…' into the number), finds the 举荐 under 我的 → 举荐邀请
// and confirms it with her project; staff move the contest and her entry stage by stage to 决赛,
// give her 金奖 and publish the results; she is then in the 乡土人才库 with her award. The server's
// database is checked at each step.
jest.setTimeout(240_000)

const STAFF = '省科协工作人员（成都市锦江区）'
const CHAIR = '格桑（乡镇科协主席，甘孜县甘孜镇，已认证）'
const CONTEST = '第八届四川省乡土人才创新创业大赛'
const NOMINEE = { name: '次仁拉姆', phone: '13800007777' }
const REASON = '次仁拉姆做了十年牦牛奶渣和酥油加工，带着村里十几户妇女一起做，产品卖到了成都。'
const PROJECT = {
  title: '牦牛奶渣酥油合作加工',
  description: '十年来把自家牧场的牦牛奶做成奶渣和酥油，2021年牵头成立加工小组，带动十四户妇女增收，每户一年多挣八千元。',
  years: '10',
}

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

/** The session token the H5 app keeps in localStorage (Taro stores { data } objects). */
async function tokenOf(page: Page): Promise<string> {
  return page.evaluate(() => {
    const raw = JSON.parse(localStorage.getItem('session.token') ?? 'null')
    return raw?.data ?? raw
  })
}

test('staff create a contest; a chair 举荐 a farmer with no account; she registers, binds her phone and confirms; staff take her to 决赛 and 金奖; she is in the 乡土人才库', async () => {
  const db = e2e.ctx.db
  const { page: staff } = await e2e.newPhone()
  const { page: chair } = await e2e.newPhone()
  const { page: farmer } = await e2e.newPhone()

  // ---- staff create the contest -------------------------------------------------------------
  const staffMine = await signInAsDemo(staff, STAFF)
  await staffMine.locator('.mine__staff-contests').tap()
  const list = await waitForRoute(staff, '/packages/staff/contests/index')
  await list.locator('.staff-contests__create').tap()
  let form = await waitForRoute(staff, '/packages/staff/contests/manage/index')
  await form.locator('.staff-form__name input').fill(CONTEST)
  await form.locator('.chips--categories').getByText('养殖', { exact: true }).tap()
  await form.locator('.chips--categories').getByText('加工', { exact: true }).tap()
  await form.locator('.staff-form__description textarea').fill('面向全省土专家、田秀才、种养殖能手和致富带头人，展示乡土人才的创新创业成果。')
  await form.locator('.staff-form__rules textarea').fill('本人线上报名，或由乡镇科协举荐、本人确认；初赛、复赛、决赛逐级评选。')
  // Deadlines come preset (sign-up a month from today, China time); the province level is preset.
  await form.locator('.staff-form__dates').getByText('报名截止', { exact: true }).waitFor()
  expect(await overflowing(staff)).toEqual([])
  await snap(staff, 'contests-1-staff-create')
  await form.locator('.staff-form__submit').tap()
  let manage = await waitForRoute(staff, '/packages/staff/contests/manage/index')
  await manage.locator('.staff-contest__name').getByText(CONTEST, { exact: true }).waitFor()
  await manage.getByText('还没有人报名', { exact: true }).waitFor()
  const contest = await db.selectFrom('contests').selectAll().where('name', '=', CONTEST).executeTakeFirstOrThrow()
  expect(contest).toMatchObject({ kind: 'contest', level: 'province', region_code: '51', stage: 'signup', organiser: '四川省科学技术协会' })
  expect(JSON.parse(contest.categories)).toEqual(['breeding', 'processing'])
  // 23:59 China time, 30 days on.
  expect(new Date(contest.signup_ends_at).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000)
  expect(new Date(new Date(contest.signup_ends_at).getTime() + 8 * 3_600_000).toISOString().slice(11, 16)).toBe('23:59')

  // ---- 格桑 举荐 次仁拉姆 (no account) -----------------------------------------------------------
  await signInAsDemo(chair, CHAIR)
  const detail = await open(chair, `/packages/contests/detail/index?id=${contest.id}`)
  await detail.locator('.contest__name').getByText(CONTEST, { exact: true }).waitFor()
  await detail.locator('.countdown__prefix').getByText('距报名截止还有', { exact: true }).waitFor()
  expect(await detail.locator('.contest__signup').innerText()).toBe('报名参赛')
  expect(await overflowing(chair)).toEqual([])
  await snap(chair, 'contests-2-detail-chair')
  await detail.locator('.contest__nominate').tap()
  const nominate = await waitForRoute(chair, '/packages/contests/nominate/index')
  await nominate.locator('[data-mode="new"]').tap()
  await nominate.locator('.nominate__name input').fill(NOMINEE.name)
  await nominate.locator('.nominate__phone input').fill(NOMINEE.phone)
  await nominate.locator('.nominate__new').getByText('甘孜藏族自治州 甘孜县 甘孜镇', { exact: true }).waitFor()
  await nominate.locator('.nominate__reason textarea').fill(REASON)
  expect(await overflowing(chair)).toEqual([])
  await snap(chair, 'contests-3-nominate')
  await nominate.locator('.nominate__submit').tap()
  await nominate.locator('.nominate__done').getByText(`已举荐 ${NOMINEE.name}`, { exact: true }).waitFor()
  await nominate.getByText(/绑定手机号 138\*\*\*\*7777/).waitFor()
  const nomination = await db.selectFrom('contest_nominations').selectAll().where('contest_id', '=', contest.id).executeTakeFirstOrThrow()
  expect(nomination).toMatchObject({ nominee_name: NOMINEE.name, nominee_user_id: null, region_code: '513328100', status: 'pending', reason: REASON })
  // The chair's 我的举荐: pending, with the masked phone and what to tell her.
  await nominate.locator('.btn').getByText('查看我的举荐', { exact: true }).tap()
  const mineNominations = await waitForRoute(chair, '/packages/contests/nominations/index')
  const card = mineNominations.locator('.nomination').filter({ hasText: NOMINEE.name })
  await card.locator('.nomination__status').getByText('待本人确认', { exact: true }).waitFor()
  await card.getByText(/138\*\*\*\*7777/).waitFor()
  await card.locator('.nomination__hint').getByText(/绑定这个手机号/).waitFor()
  await snap(chair, 'contests-4-my-nominations')

  // ---- 次仁拉姆 registers, binds the phone and confirms --------------------------------------
  await open(farmer, '/pages/mine/index')
  await tapText(farmer, '微信一键登录')
  await waitForRoute(farmer, '/packages/account/login/index')
  await tapText(farmer, '同意并继续')
  await tapText(farmer, '注册新用户')
  const profile = await waitForRoute(farmer, '/packages/account/profile/index')
  await profile.locator('.profile__input input').fill(NOMINEE.name)
  await tapText(farmer, '甘孜藏族自治州')
  await tapText(farmer, '甘孜县')
  await tapText(farmer, '甘孜镇')
  await profile.locator('.region-picker__value').getByText('甘孜藏族自治州 甘孜县 甘孜镇').waitFor()
  await tapText(farmer, '完成注册')
  await waitForRoute(farmer, '/pages/index/index')
  // H5 has no getPhoneNumber button: bind through the same API the weapp button calls, with the
  // code WeChat would hand out (the emulator turns 'phone-<number>' into that number).
  const bound = await farmer.evaluate(
    async ({ token, code }) => {
      const res = await fetch('/api/users/me/phone', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ code }) })
      return { status: res.status, body: await res.json() }
    },
    { token: await tokenOf(farmer), code: `phone-${NOMINEE.phone}` },
  )
  expect(bound).toMatchObject({ status: 200, body: { phoneMasked: '138****7777' } })

  // From 首页 → 人才大赛: the contest is listed with how long sign-up has left; its page asks her
  // to confirm the 举荐 (found by the phone she bound).
  const home = await open(farmer, '/pages/index/index')
  await home.locator('[data-entry="contests"]').tap()
  const contestList = await waitForRoute(farmer, '/packages/contests/index')
  const listed = contestList.locator('.contest-card').filter({ hasText: CONTEST })
  await listed.locator('.countdown__prefix').getByText('距报名截止还有', { exact: true }).waitFor()
  await listed.locator('.countdown__time').getByText(/^(30|29)天$/).waitFor()
  expect(await overflowing(farmer)).toEqual([])
  await snap(farmer, 'contests-5a-list')
  await listed.tap()
  const invited = await waitForRoute(farmer, '/packages/contests/detail/index')
  await invited.locator('.contest__invite').getByText('甘孜镇科协主席 格桑 举荐您参加本次比赛', { exact: true }).waitFor()
  await snap(farmer, 'contests-5b-detail-invite')

  // 我的 shows the invitation too.
  const farmerMine = await open(farmer, '/pages/mine/index')
  const invites = farmerMine.locator('.mine__invites')
  await invites.getByText('举荐邀请（1 条待确认）', { exact: true }).waitFor()
  await farmerMine.locator('.mine__my-contests').getByText('我的参赛', { exact: true }).waitFor()
  await snap(farmer, 'contests-5-mine-invite')
  await invites.tap()
  const received = await waitForRoute(farmer, '/packages/contests/received/index')
  const invite = received.locator('.invite').filter({ hasText: CONTEST })
  await invite.getByText('甘孜镇科协主席 格桑 举荐您参加', { exact: true }).waitFor()
  await invite.getByText(`举荐理由：${REASON}`, { exact: true }).waitFor()
  expect(await overflowing(farmer)).toEqual([])
  await snap(farmer, 'contests-6-received')
  await invite.locator('.invite__confirm').tap()
  const confirm = current(farmer)
  await confirm.locator('.entry-form__title input').fill(PROJECT.title)
  await confirm.locator('[data-category="processing"]').tap()
  await confirm.locator('.entry-form__description textarea').fill(PROJECT.description)
  await confirm.locator('.entry-form__years input').fill(PROJECT.years)
  // The township is the nomination's, not something she picks.
  await confirm.locator('.entry-form__fixed-region').getByText('甘孜藏族自治州 甘孜县 甘孜镇', { exact: true }).waitFor()
  expect(await overflowing(farmer)).toEqual([])
  await snap(farmer, 'contests-7-confirm-form')
  await confirm.locator('.confirm__submit').tap()
  await confirm.locator('.received__done').getByText('已确认参赛', { exact: true }).waitFor()
  const farmerUser = await db.selectFrom('users').selectAll().where('nickname', '=', NOMINEE.name).executeTakeFirstOrThrow()
  const entry = await db.selectFrom('contest_entries').selectAll().where('contest_id', '=', contest.id).executeTakeFirstOrThrow()
  expect(entry).toMatchObject({
    user_id: farmerUser.id,
    source: 'nomination',
    title: PROJECT.title,
    category: 'processing',
    years_experience: 10,
    region_code: '513328100',
    stage_reached: 'signup',
  })
  expect(await db.selectFrom('contest_nominations').select(['status', 'entry_id', 'nominee_user_id']).where('id', '=', nomination.id).executeTakeFirstOrThrow()).toEqual({
    status: 'confirmed',
    entry_id: entry.id,
    nominee_user_id: farmerUser.id,
  })
  // Her contest page: 已报名·修改, her project, the 我 mark on 报名.
  await confirm.locator('.btn').getByText('查看比赛', { exact: true }).tap()
  const hers = await waitForRoute(farmer, '/packages/contests/detail/index')
  await hers.locator('.contest__mine-title').getByText(PROJECT.title, { exact: true }).waitFor()
  expect(await hers.locator('.contest__signup').innerText()).toBe('已报名·修改')
  await hers.locator('.stage-bar__step--mine .stage-bar__mine').getByText('我在这', { exact: true }).waitFor()
  await snap(farmer, 'contests-8-detail-entered')

  // ---- staff: stage by stage to 决赛, 金奖, results -----------------------------------------
  await staff.reload()
  manage = await waitForRoute(staff, '/packages/staff/contests/manage/index')
  const entrant = () => manage.locator('.staff-entrant').filter({ hasText: NOMINEE.name })
  await entrant().getByText('受举荐', { exact: false }).waitFor()
  for (const [stage, label] of [
    ['preliminary', '初赛'],
    ['semifinal', '复赛'],
    ['final', '决赛'],
  ] as const) {
    await manage.locator('.staff-contest__move').getByText(`进入${label}`, { exact: true }).tap()
    await answerModal(staff, '确定')
    await manage.locator('.contest-tag--stage').getByText(`${label}中`, { exact: true }).waitFor()
    await entrant().locator('.staff-entrant__advance').getByText(`晋级${label}`, { exact: true }).tap()
    await entrant().locator('.staff-entrant__reached').getByText(`进入${label}`, { exact: true }).waitFor()
    expect((await db.selectFrom('contest_entries').select('stage_reached').where('id', '=', entry.id).executeTakeFirstOrThrow()).stage_reached).toBe(stage)
  }
  await entrant().locator('.chips--award').getByText('金奖', { exact: true }).tap()
  await entrant().locator('.staff-entrant__award').getByText('金奖', { exact: true }).waitFor()
  expect(await overflowing(staff)).toEqual([])
  await snap(staff, 'contests-9-staff-final-award')
  await manage.locator('.staff-contest__publish').tap()
  await answerModal(staff, '公布')
  await manage.locator('.staff-contest__finished').getByText('结果已公布，比赛已结束', { exact: true }).waitFor()
  expect(await db.selectFrom('contests').select(['stage', 'results_published_at']).where('id', '=', contest.id).executeTakeFirstOrThrow()).toMatchObject({
    stage: 'finished',
    results_published_at: expect.any(String),
  })
  expect((await db.selectFrom('contest_entries').select('award').where('id', '=', entry.id).executeTakeFirstOrThrow()).award).toBe('gold')
  await snap(staff, 'contests-10-staff-published')

  // ---- she is in the 乡土人才库 ---------------------------------------------------------------
  const pool = await open(farmer, '/packages/contests/talents/index')
  await pool.locator('.talents__input input').fill(NOMINEE.name)
  await pool.locator('.talents__search-btn').tap()
  const talent = pool.locator('.talent-card').filter({ hasText: NOMINEE.name })
  await talent.locator('.talent-card__award').getByText('金奖', { exact: true }).waitFor()
  await talent.getByText(PROJECT.title, { exact: true }).waitFor()
  await talent.getByText('甘孜藏族自治州 甘孜县 甘孜镇', { exact: true }).waitFor()
  // The filter chips are sideways-scrolling lines (as on the 所能所需 tab): only they may run past the edge.
  expect((await overflowing(farmer)).filter((el) => !/\.(chip|category-chips__line)\b/.test(el))).toEqual([])
  await snap(farmer, 'contests-11-talent-pool')
  await talent.tap()
  const profilePage = await waitForRoute(farmer, '/packages/contests/talent/index')
  const entryCard = profilePage.locator('.talent-entry').filter({ hasText: CONTEST })
  await entryCard.locator('.talent-entry__award').getByText('金奖', { exact: true }).waitFor()
  await entryCard.getByText(PROJECT.description, { exact: true }).waitFor()
  await snap(farmer, 'contests-12-talent-profile')
  // The published contest page shows the result to everyone.
  const results = await open(chair, `/packages/contests/detail/index?id=${contest.id}`)
  await results.locator('.contest__result').filter({ hasText: NOMINEE.name }).getByText('金奖', { exact: true }).waitFor()
  expect(await results.locator('.contest__signup').innerText()).toBe('报名已截止')
  await snap(chair, 'contests-13-results')

  // Plain Chinese on every screen, no codes or English.
  for (const p of [staff, chair, farmer]) expect(looksEnglish(await pageText(p))).toBe(false)
})

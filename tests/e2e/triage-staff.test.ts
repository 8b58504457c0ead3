import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { FeedCache } from '../../server/src/modules/listings/listings.cache'
import { runEscalations } from '../../server/src/modules/triage/triage.jobs'
import { approve, createPending, devLogin, registerPerson, type Auth, type Person } from '../server/listings-fixtures'
import { answerModal, current, looksEnglish, overflowing, signInAsDemo, snap, startE2E, waitForRoute, type E2E } from './harness'

// 科服保姆 on the H5 build, as those who triage meet it (issue 14). 兰梅, the volunteer staff
// appointed 科服保姆 of 甘孜县 (the demo's appointment), finds 科服保姆分诊 on 我的; the queue shows
// the need of her county nobody answered for 30 hours at the top, marked 超时无人回应, and not the
// need of 炉霍县 next door (which staff of the province do see). On its 保姆单 she ticks the
// verified expert the matching suggests and 指派 — he is told — then records the call in which
// she settled it (代为回复, 已在电话中解决): the record shows who did what, and the need leaves
// her queue. 省科协 staff appoint 格桑 科服保姆 of 甘孜县 on 任命科服保姆 (a phone nobody bound is
// refused in the server's words), which gives him the 分诊 entry, and dismiss him again.
jest.setTimeout(180_000)

const LANMEI = '兰梅（科普志愿者，甘孜县来马镇）'
const GESANG = '格桑（乡镇科协主席，甘孜县甘孜镇，已认证）'
const STAFF = '省科协工作人员（成都市锦江区）'
const GANZI_COUNTY = '513328'
/** 甘孜县呷拉乡, and a township of 炉霍县 (another county of 甘孜州). */
const GALA = '513328200'
const LUHUO_TOWNSHIP = '513327100'
const HOUR = 3_600_000

let e2e: E2E
let staff: Person
beforeAll(async () => {
  e2e = await startE2E()
  staff = await devLogin(e2e.ctx, 'staff-sc')
})
afterAll(async () => {
  await e2e?.close()
})

async function api(method: 'GET' | 'POST' | 'DELETE', url: string, auth: Auth, payload?: object) {
  const res = await e2e.ctx.app.inject({ method, url, headers: auth, ...(payload ? { payload } : {}) })
  return { status: res.statusCode, body: res.json() }
}

/** A herder's need, approved by staff: in its county's queue from now on. */
async function publishedNeed(author: Auth, regionCode: string, title: string, description: string): Promise<number> {
  const id = await createPending(e2e.ctx, author, { regionCode, title, category: 'breeding', description })
  await approve(e2e.ctx, staff.auth, id)
  return id
}

/** The need was published `hours` ago (as if nobody had answered it since). */
async function publishedHoursAgo(id: number, hours: number) {
  const at = new Date(Date.now() - hours * HOUR).toISOString()
  await e2e.ctx.db.updateTable('listings').set({ published_at: at }).where('id', '=', id).execute()
  await e2e.ctx.db.updateTable('triage_cases').set({ published_at: at }).where('listing_id', '=', id).execute()
}

const queueTitles = (page: Page) => current(page).locator('.triage-item .triage-item__title').allInnerTexts()

test('a county 科服保姆 triages: the unanswered need of her county on top, assigned to a suggested expert, then answered by phone', async () => {
  const zhaxi = await devLogin(e2e.ctx, 'farmer-zhaxi')
  const expert = await devLogin(e2e.ctx, 'expert-li')
  const title = '牦牛冬春掉膘，补饲饲料怎么配'
  const id = await publishedNeed(zhaxi.auth, GALA, title, '家里三十头牦牛，冬春草场枯黄掉膘厉害，想请专家讲讲补饲配方和青稞秸秆怎么加工。')
  const luhuoFarmer = await registerPerson(e2e.ctx, 'farmer', LUHUO_TOWNSHIP, '炉霍的牧民')
  const elsewhere = '炉霍县的牦牛补饲求指导'
  await publishedNeed(luhuoFarmer.auth, LUHUO_TOWNSHIP, elsewhere, '牦牛冬天掉膘，想学补饲，请专家指导配方。')
  // Nobody answered for 30 hours: the scheduled sweep sends it to the top of its county's queue.
  await publishedHoursAgo(id, 30)
  // (A cache of its own: the job drops the escalated post's kept pages, which nothing here reads.)
  const swept = await runEscalations({ db: e2e.ctx.db, config: e2e.ctx.config, wechat: e2e.ctx.app.wechat, now: () => new Date(), feedCache: new FeedCache() }, new Date())
  expect(swept).toMatch(/^unanswered [1-9]/)
  // The other county's need is in the system: staff of the province see it in their queue.
  const province = await api('GET', '/api/triage/queue?limit=50', staff.auth)
  expect(province.body.items.map((i: { listing: { title: string } }) => i.listing.title)).toEqual(expect.arrayContaining([title, elsewhere]))
  // The matching suggests the verified expert whose offers are about 牦牛 feeding.
  const record = await api('GET', `/api/triage/cases/${id}`, staff.auth)
  expect(record.body.suggestions.map((s: { expert: { id: number } }) => s.expert.id)).toContain(expert.id)

  const { page } = await e2e.newPhone()
  const mine = await signInAsDemo(page, LANMEI)
  await mine.locator('.mine__triage').getByText('科服保姆分诊', { exact: true }).tap()
  let queue = await waitForRoute(page, '/packages/triage/index')
  const top = queue.locator('.triage-item').first()
  await top.locator('.triage-item__title').getByText(title, { exact: true }).waitFor()
  // Urgent, with why; where; how long it has waited; no one has answered.
  expect(await top.getAttribute('class')).toContain('triage-item--urgent')
  expect(await top.locator('.triage-item__urgent').innerText()).toBe('加急 · 超时无人回应')
  expect(await top.locator('.triage-item__where').innerText()).toContain('甘孜县 呷拉乡')
  expect(await top.locator('.triage-item__hours').innerText()).toBe('30小时')
  expect(await top.locator('.triage-item__unanswered').innerText()).toBe('还没有人回应')
  const titles = await queueTitles(page)
  expect(titles).not.toContain(elsewhere)
  // Her county only: the demo's own needs of 甘孜县 are there, after the urgent one.
  expect(titles).toContain('青稞种植想换新品种，哪里能买到')
  expect(looksEnglish(await queue.innerText())).toBe(false)
  expect(await overflowing(page)).toEqual([])
  await snap(page, 'triage-1-queue')

  await top.tap()
  const record1 = await waitForRoute(page, '/packages/triage/case/index')
  await record1.locator('.triage-case__title').getByText(`${title} ›`, { exact: true }).waitFor()
  expect(await record1.locator('.triage-fact--state .triage-fact__value').innerText()).toBe('分诊中（还没有接受的对接）')
  expect(await record1.locator('.triage-fact--first-response .triage-fact__value').innerText()).toBe('还没有人回应')
  expect(await record1.locator('.triage-event .triage-event__label').allInnerTexts()).toEqual(
    expect.arrayContaining([expect.stringContaining('审核通过，已发布'), expect.stringContaining('超时未答，已提醒科服保姆')]),
  )
  // 指派 with nothing ticked says so, without asking the server.
  await record1.locator('.triage-assign__submit').tap()
  await record1.locator('.triage-assign__error').getByText('请先勾选要指派的专家').waitFor()
  const suggestion = record1.locator(`.triage-suggestion[data-id="${expert.id}"]`)
  expect(await suggestion.locator('.triage-suggestion__name').innerText()).toContain('李建国')
  expect(await suggestion.locator('.triage-suggestion__why').innerText()).toMatch(/^匹配：.*牦牛/)
  expect(await suggestion.locator('.triage-suggestion__load').innerText()).toBe('手上没有待答的指派')
  await suggestion.tap()
  expect(await suggestion.getAttribute('aria-checked')).toBe('true')
  await record1.locator('.triage-assign__submit').getByText('指派（1 位）', { exact: true }).tap()
  const assigned = record1.locator('.triage-case__assignments .triage-case__assignment[data-status="open"]')
  await assigned.waitFor()
  expect(await assigned.locator('.triage-case__expert').innerText()).toBe('李建国')
  expect(await assigned.innerText()).toContain('待回复')
  expect(await assigned.innerText()).toMatch(/\d+月\d+日 \d{2}:\d{2} 截止/)
  // Handled: off the top of the queue; the step says who asked whom.
  await record1.locator('.triage-case__urgent').waitFor({ state: 'detached' })
  const step = record1.locator('.triage-event[data-kind="assigned"]')
  expect(await step.locator('.triage-event__actor').innerText()).toBe('兰梅')
  expect(await step.locator('.triage-event__note').innerText()).toBe('李建国')
  // The expert, and only he, is told in the app.
  const told = await api('GET', '/api/messages', expert.auth)
  expect(told.body.items.filter((m: { kind: string; target: { id: number } }) => m.kind === 'triage.assigned' && m.target.id === id)).toHaveLength(1)
  await snap(page, 'triage-2-assigned')

  // The 保姆单 as a CSV (H5), with the need and the assignment.
  const [download] = await Promise.all([page.waitForEvent('download'), record1.locator('.triage-case__export').click()])
  expect(download.suggestedFilename()).toBe(`保姆单-${id}.csv`)
  const csv = readFileSync((await download.path())!, 'utf8')
  expect(csv).toContain(title)
  expect(csv).toContain('李建国')

  // 代为回复: she phoned 扎西 and settled it.
  const note = '电话联系了扎西，讲了冬春补饲配方：青稞秸秆氨化后加精料，每天每头半公斤'
  const call = record1.locator('.triage-call')
  await call.locator('.triage-call__submit').tap()
  await call.locator('.triage-call__error').getByText('请写下电话里告诉对方的内容（至少 2 个字）').waitFor()
  await call.locator('.triage-call__note textarea').fill(note)
  await call.locator('.triage-call__switch').tap()
  expect(await call.locator('.triage-call__switch input').isChecked()).toBe(true)
  await call.locator('.triage-call__submit').tap()
  await record1.locator('.triage-fact--state .triage-fact__value').getByText('已解决', { exact: true }).waitFor()
  const called = record1.locator('.triage-event[data-kind="called"]')
  expect(await called.locator('.triage-event__label').innerText()).toContain('科服保姆电话回复')
  expect(await called.locator('.triage-event__actor').innerText()).toBe('兰梅')
  expect(await called.locator('.triage-event__note').innerText()).toBe(note)
  expect(await record1.locator('.triage-fact--first-response .triage-fact__value').innerText()).toMatch(/（发布后 30小时(\d+分钟)?）$/)
  // Settled: nothing left to assign or answer here.
  expect(await record1.locator('.triage-assign, .triage-call').count()).toBe(0)
  expect(await overflowing(page)).toEqual([])
  await snap(page, 'triage-3-called')

  // Back in the queue, it is gone; the other needs of her county wait.
  await page.goBack()
  queue = await waitForRoute(page, '/packages/triage/index')
  await page.waitForFunction((t) => {
    const shown = [...document.querySelectorAll('.triage-item__title')].map((el) => el.textContent)
    return shown.length > 0 && !shown.includes(t)
  }, title)
  expect(await queueTitles(page)).toContain('青稞种植想换新品种，哪里能买到')

  // 分诊数据: her county's month, the numbers the server counts, and 甘孜州's ranking.
  await queue.locator('.triage__figures').tap()
  let figures = await waitForRoute(page, '/packages/triage/figures/index')
  await figures.locator('.triage-figures__area').getByText('甘孜县', { exact: true }).waitFor()
  const month = await figures.locator('.triage-figures__month').getAttribute('data-month')
  const lanmei = await devLogin(e2e.ctx, 'volunteer-lan')
  const counted = (await api('GET', `/api/triage/figures?month=${month}`, lanmei.auth)).body
  expect(counted.region.code).toBe(GANZI_COUNTY)
  expect(await figures.locator('.triage-tile--needs .triage-tile__value').innerText()).toBe(String(counted.figures.needs))
  expect(await figures.locator('.triage-tile--answered .triage-tile__value').innerText()).toBe(String(counted.figures.answered))
  expect(await figures.locator(`.triage-rank[data-code="${GANZI_COUNTY}"]`).getAttribute('class')).toContain('triage-rank--self')
  // The counties with needs that month are listed; the quiet ones are counted in one line.
  const quiet = counted.ranking.filter((r: { figures: { needs: number } }) => !r.figures.needs).length
  expect(await figures.locator('.triage-rank').count()).toBe(counted.ranking.length - quiet)
  expect(await figures.locator('.triage-figures__quiet').innerText()).toBe(`另有 ${quiet} 个县区当月没有需求`)
  expect(looksEnglish(await figures.innerText())).toBe(false)
  expect(await overflowing(page)).toEqual([])
  await snap(page, 'triage-5-figures')
  // A township of hers, tapped: its own figures for the same month.
  await figures.locator(`.triage-area[data-code="${GALA}"]`).tap()
  figures = await waitForRoute(page, '/packages/triage/figures/index')
  await figures.locator('.triage-figures__area').getByText('呷拉乡', { exact: true }).waitFor()
  expect(await figures.locator('.triage-figures__month').getAttribute('data-month')).toBe(month)
})

test('staff appoint 格桑 科服保姆 of 甘孜县 on 任命科服保姆 and dismiss him, with a confirm', async () => {
  const gesang = await devLogin(e2e.ctx, 'chair-ganzi')
  const phone = '13800005555'
  expect((await api('POST', '/api/users/me/phone', gesang.auth, { code: `phone-${phone}` })).status).toBe(200)
  // A chair triages nothing until appointed: no 分诊 entry on his 我的.
  const chair = await e2e.newPhone()
  let chairMine = await signInAsDemo(chair.page, GESANG)
  await chairMine.locator('.mine__dashboard').waitFor()
  expect(await chairMine.locator('.mine__triage').count()).toBe(0)

  const { page } = await e2e.newPhone()
  const mine = await signInAsDemo(page, STAFF)
  await mine.locator('.mine__staff-keepers').getByText('任命科服保姆', { exact: true }).tap()
  const keepers = await waitForRoute(page, '/packages/triage/keepers/index')
  // The demo's 科服保姆 of 甘孜县 is listed.
  await keepers.locator('.keeper').filter({ hasText: '兰梅' }).waitFor()
  expect(await keepers.locator(`.keeper[data-user="${gesang.id}"]`).count()).toBe(0)

  // A number nobody registered with: the server's words.
  await keepers.locator('.keepers__phone input').fill('13800009998')
  await keepers.locator('.county-chooser__chip[data-code="5133"]').tap()
  await keepers.locator('.county-chooser__chip[data-code="513328"]').tap()
  expect(await keepers.locator('.county-chooser__chip[data-code="513328"]').getAttribute('aria-pressed')).toBe('true')
  await keepers.locator('.keepers__submit').tap()
  await keepers.locator('.keepers__error').getByText('没有找到用这个手机号注册的用户，请让对方先在小程序里注册并绑定手机号', { exact: true }).waitFor()

  await keepers.locator('.keepers__phone input').fill(phone)
  await keepers.locator('.keepers__submit').tap()
  const row = keepers.locator(`.keeper[data-user="${gesang.id}"][data-county="${GANZI_COUNTY}"]`)
  await row.waitFor()
  expect(await row.innerText()).toContain('格桑')
  expect(await row.innerText()).toContain('甘孜县 · 任命于')
  expect(await keepers.locator('.keepers__error').count()).toBe(0)
  expect(await overflowing(page)).toEqual([])
  await snap(page, 'triage-4-keepers')
  expect((await api('GET', '/api/triage/me', gesang.auth)).body.areas).toEqual([{ code: GANZI_COUNTY, name: '甘孜县' }])

  // 格桑's 我的 now leads to 分诊, which shows his county's queue.
  await chair.page.reload()
  chairMine = await waitForRoute(chair.page, '/pages/mine/index')
  await chairMine.locator('.mine__triage').tap()
  const chairQueue = await waitForRoute(chair.page, '/packages/triage/index')
  await chairQueue.locator('.triage-item').first().waitFor()

  // Dismissed, after a confirm: off the list, and his queue is no longer his.
  await row.locator('.keeper__dismiss').tap()
  await answerModal(page, '解除')
  await row.waitFor({ state: 'detached' })
  await keepers.locator('.keeper').filter({ hasText: '兰梅' }).waitFor()
  expect((await api('GET', '/api/triage/me', gesang.auth)).body.areas).toEqual([])
  await chair.page.reload()
  const refused = await waitForRoute(chair.page, '/packages/triage/index')
  await refused.locator('.state--forbidden').getByText('仅科协工作人员和科服保姆可用').waitFor()
})

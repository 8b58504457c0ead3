import type { Page } from 'playwright-core'
import { answerModal, cardWithTitle, current, hanOutsideUserContent, inTibetan, open, signInAsDemo, snap, startE2E, waitForRoute, type E2E } from './harness'
import { bo } from '../../common/i18n/bo'
import type { MessageKey } from '../../common/i18n/zh'

// 所能所需 in Tibetan (issue 13): 扎西, a herder of 呷拉乡 who reads བོད་ཡིག, posts a need, reads the
// board, his posts and a post with its 对接 — with no Chinese on screen but people's own words and
// place names (marked data-ugc). A bad submission and a missing post answer in Tibetan too. 李建国
// (an expert, on a phone in Chinese) responds to 扎西's seeded post; 扎西 accepts and rates him.
jest.setTimeout(180_000)

const HERDER = '扎西（农牧民，甘孜县呷拉乡）'
const EXPERT = '李教授（科技工作者，成都市锦江区春熙路街道，已认证）'
const OWN_POST = '青稞种植想换新品种，哪里能买到'
const OFFER = '高原牦牛科学养殖与冬春补饲技术服务'
const TITLE = '牦牛拉稀不吃草，求兽医'
const DESCRIPTION = '家里五头牦牛这几天拉稀，不怎么吃草，精神也不好。想请兽医看看是什么病，该用什么药。'
const MESSAGE = '这个品种我们在高海拔试种过，可以电话详细说。'

const tib = (key: MessageKey) => bo[key].bo
const TIBETAN = /[\u0F00-\u0FFF]/
const HAN = /[\u4e00-\u9fa5]/

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

/** The page on screen has no Chinese outside people's words, and shows some Tibetan. */
async function expectTibetan(page: Page, name: string): Promise<void> {
  // Poll: a list or a late part (matches, the timeline) may still be arriving.
  const deadline = Date.now() + 10_000
  let left = await hanOutsideUserContent(page)
  while (left.length && Date.now() < deadline) {
    await page.waitForTimeout(200)
    left = await hanOutsideUserContent(page)
  }
  expect(left).toEqual([])
  expect(await current(page).innerText()).toMatch(TIBETAN)
  await snap(page, name)
}

test('a herder in Tibetan posts a need, reads the board, his posts and a post with its 对接, accepts and rates: no Chinese outside what people wrote', async () => {
  const db = e2e.ctx.db
  // ---- 扎西 signs in (the demo login is Chinese), then his phone is in Tibetan ------------------------
  const herderPhone = await e2e.newPhone()
  const herder = herderPhone.page
  await signInAsDemo(herder, HERDER)
  await inTibetan(e2e, herderPhone.context)

  // ---- the publish form: a bad submission answers in Tibetan -------------------------------------------
  await herder.goto('/#/packages/listings/publish/index?side=need')
  await herder.reload() // a whole load: the app starts in Tibetan from storage
  const form = await waitForRoute(herder, '/packages/listings/publish/index')
  await form.locator('.shell.lang-bo').waitFor()
  await form.getByText(tib('publish.submit'), { exact: true }).waitFor()
  await expectTibetan(herder, 'bo-listings-1-publish')
  // What he types and the placeholders asking for it are drawn in the Tibetan font too: a browser
  // gives form fields a font of their own, and a phone without Tibetan shows empty boxes there.
  const fieldFonts = await form.locator('input, textarea').evaluateAll((els) => els.map((el) => getComputedStyle(el).fontFamily.split(',')[0].replace(/"/g, '').trim()))
  expect(fieldFonts.length).toBeGreaterThan(2)
  expect(new Set(fieldFonts)).toEqual(new Set(['Tibetan']))
  await form.locator('.publish__title input').fill('牦牛')
  await form.locator('.publish__description textarea').fill('拉稀')
  await form.locator('.publish__submit').tap()
  const titleError = form.locator('.publish__error').first()
  await titleError.waitFor()
  // The rule's own message (标题须为 4–40 个字), in Tibetan, and the category the form asks for.
  await form.locator('.publish__error').getByText(tib('rule.title_length'), { exact: true }).waitFor()
  await form.locator('.publish__error').getByText(tib('publish.error.category'), { exact: true }).waitFor()
  await form.locator('.publish__error').getByText(tib('rule.description_length'), { exact: true }).waitFor()
  const notice = await form.locator('.publish__notice').innerText()
  expect(notice).toMatch(TIBETAN)
  expect(notice).not.toMatch(HAN)
  await expectTibetan(herder, 'bo-listings-2-publish-errors')

  await form.locator('.publish__title input').fill(TITLE)
  await form.locator('.chip[data-category="veterinary"]').tap()
  await form.locator('.publish__description textarea').fill(DESCRIPTION)
  const phone = form.locator('.publish__contact-phone input')
  if (!(await phone.inputValue())) await phone.fill('13800001003')
  await form.locator('.publish__submit').tap()
  await form.getByText(tib('publish.done_submitted'), { exact: true }).waitFor()
  await expectTibetan(herder, 'bo-listings-3-submitted')
  expect(await db.selectFrom('listings').select(['status', 'category']).where('title', '=', TITLE).executeTakeFirstOrThrow()).toEqual({
    status: 'pending',
    category: 'veterinary',
  })

  // ---- 所能所需: the board ----------------------------------------------------------------------------
  const board = await open(herder, '/pages/listings/index')
  await cardWithTitle(board, OFFER).waitFor()
  await board.locator('.listings__side').first().getByText(tib('listings.all'), { exact: true }).waitFor()
  await expectTibetan(herder, 'bo-listings-4-board')

  // ---- 李建国 (Chinese) responds to 扎西's seeded post ----------------------------------------------
  const own = await db.selectFrom('listings').select('id').where('title', '=', OWN_POST).executeTakeFirstOrThrow()
  const expertPhone = await e2e.newPhone()
  const expert = expertPhone.page
  await signInAsDemo(expert, EXPERT)
  const seen = await open(expert, `/packages/listings/detail/index?id=${own.id}`)
  await seen.locator('.detail__message textarea').fill(MESSAGE)
  await seen.locator('.detail__phone-input input').fill('13912345678')
  await seen.locator('.detail__respond-btn').tap()
  await seen.locator('.detail__my-response').getByText('等待对方回复', { exact: true }).waitFor()

  // ---- 我的发布 and 我的对接 ----------------------------------------------------------------------------
  const mine = await open(herder, '/packages/listings/mine/index')
  await cardWithTitle(mine, TITLE).locator('.status-tag').getByText(tib('status.listing.pending'), { exact: true }).waitFor()
  await cardWithTitle(mine, OWN_POST).locator('.status-tag').getByText(tib('status.listing.published'), { exact: true }).waitFor()
  await expectTibetan(herder, 'bo-listings-5-my-posts')

  // ---- his post with the expert's 对接: accept, then rate ------------------------------------------------
  await cardWithTitle(mine, OWN_POST).getByText(OWN_POST, { exact: true }).tap()
  const detail = await waitForRoute(herder, '/packages/listings/detail/index')
  const incoming = detail.locator('.detail__response').filter({ hasText: '李建国' })
  await incoming.getByText(MESSAGE, { exact: true }).waitFor()
  await incoming.getByText(tib('owner.status.pending'), { exact: true }).waitFor()
  await expectTibetan(herder, 'bo-listings-6-detail-response')
  await incoming.locator('.detail__accept').tap()
  await answerModal(herder, tib('owner.accept_confirm'))
  await incoming.locator('.detail__response-contact').getByText('13912345678').waitFor()
  await incoming.getByText(tib('owner.status.accepted'), { exact: true }).waitFor()
  // Feedback: no stars is the form's own question, in Tibetan.
  await incoming.locator('.detail__feedback .btn--primary').tap()
  await incoming.locator('.detail__feedback').getByText(tib('feedback.no_stars'), { exact: true }).waitFor()
  await incoming.locator('[data-star="5"]').tap()
  await incoming.locator('.detail__feedback .btn--primary').tap()
  await incoming.locator('.detail__stars-read').waitFor()
  await detail.locator('.timeline__label').getByText(tib('event.accepted'), { exact: true }).waitFor()
  await expectTibetan(herder, 'bo-listings-7-accepted-rated')
  expect(await db.selectFrom('listing_responses').select('status').where('listing_id', '=', own.id).executeTakeFirstOrThrow()).toEqual({ status: 'accepted' })

  // ---- he asks to connect with an expert's offer; a too-short message answers in Tibetan ------------------
  const offer = await db.selectFrom('listings').select('id').where('title', '=', OFFER).executeTakeFirstOrThrow()
  const other = await open(herder, `/packages/listings/detail/index?id=${offer.id}`)
  await other.locator('.detail__message textarea').fill('好')
  await other.locator('.detail__respond-btn').tap()
  await other.locator('.detail__error').getByText(tib('rule.message_length'), { exact: true }).waitFor()
  await other.locator('.detail__message textarea').fill('我家牦牛冬天掉膘，想请您指导补饲。')
  await other.locator('.detail__respond-btn').tap()
  // No phone on his profile: the form asks for one, in Tibetan.
  await other.locator('.detail__respond').getByText(tib('respond.phone_needed'), { exact: true }).waitFor()
  await other.locator('.detail__phone-input input').fill('13800001003')
  await other.locator('.detail__respond-btn').tap()
  await other.locator('.detail__my-response').getByText(tib('listing.response.pending'), { exact: true }).waitFor()
  await expectTibetan(herder, 'bo-listings-8-responded')

  // 我的对接, by its tab (as he would; the router brings back the 我的发布 page opened above).
  const mine2 = await open(herder, '/packages/listings/mine/index')
  await mine2.locator('.my-listings__tab').nth(1).tap()
  await mine2.locator('.my-listings__response').filter({ hasText: OFFER }).waitFor()
  await expectTibetan(herder, 'bo-listings-9-my-responses')
})

test('a post that is not there says so in Tibetan', async () => {
  const { page, context } = await e2e.newPhone()
  await inTibetan(e2e, context)
  const missing = await open(page, '/packages/listings/detail/index?id=987654')
  await missing.locator('.state--notfound').getByText(tib('state.notfound_title'), { exact: true }).waitFor()
  await missing.getByText(tib('state.home'), { exact: true }).waitFor()
  await expectTibetan(page, 'bo-listings-10-not-found')
})

test('offline in Tibetan: a need waits in 待发送, and 我的发布 read from the phone says so and when — no Chinese but his own words', async () => {
  const { page, context } = await e2e.newPhone()
  await signInAsDemo(page, HERDER)
  await inTibetan(e2e, context)
  await page.goto('/#/packages/listings/mine/index')
  await page.reload() // a whole load: the app starts in Tibetan, and 我的发布 is read (and kept) online
  const mine = await waitForRoute(page, '/packages/listings/mine/index')
  await cardWithTitle(mine, OWN_POST).waitFor()
  const form = await open(page, '/packages/listings/publish/index?side=need')
  await form.locator('.shell.lang-bo').waitFor()
  const title = '牦牛冬天掉膘怎么办'
  await form.locator('.publish__title input').fill(title)
  await form.locator('.chip[data-category="breeding"]').tap()
  await form.locator('.publish__description textarea').fill(DESCRIPTION)
  const phone = form.locator('.publish__contact-phone input')
  if (!(await phone.inputValue())) await phone.fill('13800001003')

  // No network: nothing reaches the server, and the page hears it.
  await context.route('**/api/**', (route) => route.abort('internetdisconnected'))
  await context.setOffline(true)
  await form.locator('.publish__submit').tap()
  await form.locator('.publish__queued').getByText(tib('outbox.pending_tag'), { exact: true }).waitFor()
  await expectTibetan(page, 'bo-listings-11-queued')

  const offline = await open(page, '/packages/listings/mine/index')
  await offline.locator('.outbox-item').filter({ hasText: title }).waitFor()
  await offline.locator('.offline-mark').waitFor()
  expect(await offline.locator('.offline-mark').innerText()).toMatch(TIBETAN)
  await expectTibetan(page, 'bo-listings-12-offline-my-posts')
  await context.unroute('**/api/**')
  await context.setOffline(false)
})

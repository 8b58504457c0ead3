import type { BrowserContext, Page } from 'playwright-core'
import { PRIVACY_VERSION } from '../../common/enums'
import { current, open, signInAsDemo, startE2E, tapText, waitForRoute, type E2E } from './harness'

// The privacy guide changed after a person agreed to it (PRIVACY_VERSION moved on): the site shows
// the guide again; agreeing records the new version and they carry on, declining signs them out.
jest.setTimeout(60_000)

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

const ZHAXI = '扎西（农牧民，甘孜县呷拉乡）'
const LANMEI = '兰梅（科普志愿者，甘孜县来马镇）'

async function ageConsent(nickname: string): Promise<number> {
  const user = await e2e.ctx.db.selectFrom('users').select('id').where('nickname', '=', nickname).executeTakeFirstOrThrow()
  await e2e.ctx.db.updateTable('users').set({ consent_version: '2025-01-01' }).where('id', '=', user.id).execute()
  return user.id
}

/**
 * Coming back to the app on 我的, signed in (the session is in the phone's storage), which refreshes
 * the profile that says the guide changed. A new page, not the one that signed in: that one's late
 * requests could answer CONSENT_REQUIRED and open the prompt before a reload.
 */
async function comeBackOnMine(context: BrowserContext, signedIn: Page): Promise<Page> {
  await signedIn.close()
  const page = await context.newPage()
  await page.goto('/#/pages/mine/index')
  return page
}

test('someone signed in on an older guide is asked again, and agreeing lets them carry on', async () => {
  const { context, page: first } = await e2e.newPhone()
  await signInAsDemo(first, ZHAXI)
  const id = await ageConsent('扎西')
  const page = await comeBackOnMine(context, first)
  const renew = await waitForRoute(page, '/packages/account/login/index')
  await renew.getByText('隐私保护指引已更新').waitFor()

  await tapText(page, '同意并继续')
  const mine = await waitForRoute(page, '/pages/mine/index')
  await mine.getByText('扎西', { exact: true }).waitFor()
  const row = await e2e.ctx.db.selectFrom('users').select('consent_version').where('id', '=', id).executeTakeFirstOrThrow()
  expect(row.consent_version).toBe(PRIVACY_VERSION)
  const last = await e2e.ctx.db.selectFrom('consents').select(['version', 'channel']).where('user_id', '=', id).orderBy('id', 'desc').executeTakeFirstOrThrow()
  expect(last).toEqual({ version: PRIVACY_VERSION, channel: 'h5' })
})

test('declining signs them out, back to the home page', async () => {
  const { context, page: first } = await e2e.newPhone()
  await signInAsDemo(first, LANMEI)
  await ageConsent('兰梅')
  const page = await comeBackOnMine(context, first)
  await waitForRoute(page, '/packages/account/login/index')
  await tapText(page, '不同意并退出登录')
  await waitForRoute(page, '/pages/index/index')
  await open(page, '/pages/mine/index')
  await current(page).getByText('微信一键登录').waitFor()
})

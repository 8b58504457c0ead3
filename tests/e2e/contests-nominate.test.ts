import type { Page } from 'playwright-core'
import { login } from '../server/helpers'
import { current, open, overflowing, signInAsDemo, snap, startE2E, type E2E } from './harness'

// 举荐 a registered person (issue 12): 格桑, the verified chair of 甘孜镇, searches the people of
// his township by name. The search box has room beside 查找, and each person shows what tells two
// 扎西 apart — role, place, the phone as the server masked it, when they joined — never the number.
jest.setTimeout(120_000)

const CHAIR = '格桑（乡镇科协主席，甘孜县甘孜镇，已认证）'
const GANZI_TOWN = '513328100' // 甘孜县甘孜镇
const PHONE = '13812345678'

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

/** Registers a person of 甘孜镇 through the API, as the app would, with a phone bound or not. */
async function townPerson(nickname: string, role: string, phone?: string) {
  const { auth } = await login(e2e.ctx.app)
  const made = await e2e.ctx.app.inject({ method: 'PUT', url: '/api/users/me', headers: auth, payload: { nickname, role, regionCode: GANZI_TOWN } })
  expect(made.statusCode).toBe(200)
  if (phone) expect((await e2e.ctx.app.inject({ method: 'POST', url: '/api/users/me/phone', headers: auth, payload: { code: `phone-${phone}` } })).statusCode).toBe(200)
}

async function widthOf(page: Page, selector: string): Promise<number> {
  return current(page).locator(selector).first().evaluate((el) => el.getBoundingClientRect().width)
}

for (const elder of [false, true]) {
  test(`the chair finds a registered person by name and tells two of one name apart${elder ? ' (长辈模式)' : ''}`, async () => {
    const name = elder ? '央宗' : '扎西'
    await townPerson(name, 'farmer', PHONE)
    await townPerson(name, 'expert')
    const { context, page } = await e2e.newPhone()
    if (elder) await context.addInitScript(() => localStorage.setItem('ui.elder', JSON.stringify({ data: true })))
    await signInAsDemo(page, CHAIR)
    const contest = await e2e.ctx.db.selectFrom('contests').select('id').where('stage', '=', 'signup').orderBy('id').executeTakeFirstOrThrow()
    const nominate = await open(page, `/packages/contests/nominate/index?id=${contest.id}`)
    await nominate.locator('.nominate__person').first().waitFor()

    // The box takes the row; 查找 only what its word needs.
    const row = await widthOf(page, '.nominate__search')
    const box = await widthOf(page, '.nominate__q')
    const button = await widthOf(page, '.nominate__search .btn')
    expect(box).toBeGreaterThan(row / 2)
    expect(box + button).toBeLessThanOrEqual(row + 1)
    expect(await overflowing(page)).toEqual([])
    // The two ways to 举荐 keep their names whole (stacked in 长辈模式 rather than broken).
    const modeLines = await nominate.locator('.nominate__mode-name').evaluateAll((els) =>
      els.map((el) => {
        const range = document.createRange()
        range.selectNodeContents(el)
        return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size
      }),
    )
    expect(modeLines).toEqual([1, 1])

    await nominate.locator('.nominate__q input').fill(name)
    await nominate.locator('.nominate__search .btn').tap()
    const people = nominate.locator('.nominate__person')
    // Only people whose nickname holds the words are left (the seeded 扎西3, 扎西19 … too).
    await page.waitForFunction(
      (n) => {
        const names = [...document.querySelectorAll('.nominate__person-name')].filter((e) => e.checkVisibility()).map((e) => e.textContent ?? '')
        return names.filter((t) => t === n).length === 2 && names.every((t) => t.includes(n))
      },
      name,
    )
    const shown = await people.evaluateAll((els) =>
      els.map((el) => ({
        name: el.querySelector('.nominate__person-name')?.textContent ?? '',
        text: (el as HTMLElement).innerText.replace(/\s+/g, ' ').trim(),
      })),
    )
    const same = shown.filter((p) => p.name === name).map((p) => p.text)
    expect(same).toEqual([
      expect.stringMatching(new RegExp(`^${name} 农牧民 甘孜县 甘孜镇 手机 138\\*\\*\\*\\*5678 \\d{4}年\\d{1,2}月注册$`)),
      expect.stringMatching(new RegExp(`^${name} 科技工作者 甘孜县 甘孜镇 未绑定手机号 \\d{4}年\\d{1,2}月注册$`)),
    ])
    // Everyone listed shows a role and the place, not a bare nickname.
    expect(shown.filter((p) => !/(农牧民|乡镇科协主席|科普志愿者|科技工作者|其他) 甘孜县 甘孜镇 /.test(p.text))).toEqual([])
    expect(await current(page).innerText()).not.toContain(PHONE)
    await snap(page, `nominate-people${elder ? '-elder' : ''}`)

    // Picking one marks it and names it under the list.
    const expert = people.filter({ hasText: '科技工作者' }).filter({ has: page.getByText(name, { exact: true }) })
    await expert.tap()
    await nominate.locator('.nominate__person--on').getByText('科技工作者').waitFor()
    await nominate.locator('.nominate__chosen').getByText(`已选择：${name}`).waitFor()
  })
}

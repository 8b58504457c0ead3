// 发布科技成果 on the real weapp build against the real server: the verified demo expert fills the
// achievement form (the same publish page as posts, opened with ?kind=achievement), the patent
// number is checked on the phone by the server's rule and sent normalised, the server holds one
// pending achievement; a farmer is told that only 科技工作者 publish 科技成果.
import { ERROR_MESSAGES } from '../../common/errors'
import { patentNo } from '../../common/schemas/listings'
import { isPatentNo, normalizePatentNo } from '../../common/rules/listings'
import { useWeapp, type PageHandle, signInDemo } from './harness'

const weapp = useWeapp()
jest.setTimeout(20_000)
const PUBLISH = 'packages/listings/publish/index'

beforeAll(() => {
  // WeChat's subscribe dialog: the person declines (changes nothing).
  ;(global as any).wx.requestSubscribeMessage = (opts: any) =>
    setTimeout(() => {
      opts.fail?.({ errMsg: 'requestSubscribeMessage:fail cancel' })
      opts.complete?.({ errMsg: 'requestSubscribeMessage:fail cancel' })
    }, 0)
})
beforeEach(() => weapp.reset())

/** The seeded, verified expert 李建国 (expert-li), signed in on this phone. */
async function demoExpert() {
  const session = await signInDemo(weapp, 'expert-li')
  expect(session.user).toMatchObject({ role: 'expert', verification: 'verified' })
  return session.user as { id: number; nickname: string }
}

const achievementsBy = (authorId: number) =>
  weapp.ctx.db.selectFrom('listings').selectAll().where('author_id', '=', authorId).where('kind', '=', 'achievement').orderBy('id').execute()
const sentPosts = () => weapp.sent.filter((s) => s === 'POST /api/listings')
const tapChip = (page: PageHandle, text: string) => {
  const chip = page.all('chip').find((el) => el.textContent?.trim() === text)
  if (!chip) throw new Error(`no chip ${text}`)
  page.tap(chip)
}

const FORM = {
  title: '青稞秸秆氨化饲料加工技术',
  description: '用尿素氨化处理青稞秸秆，提高消化率和粗蛋白含量，适合高原牧区冬春补饲，已在甘孜示范推广。',
  institution: '四川省草原科学研究院',
  phone: '13900002009',
}

async function fillForm(page: PageHandle, patent: string) {
  await page.waitForText('提交审核')
  tapChip(page, '养殖')
  tapChip(page, '小试')
  tapChip(page, '转让')
  page.type(page.one('publish__title'), FORM.title)
  page.type(page.one('publish__patent'), patent)
  page.type(page.one('publish__institution'), FORM.institution)
  page.type(page.one('publish__description'), FORM.description)
  page.type(page.one('publish__contact-phone'), FORM.phone)
  await page.waitFor(() => page.all('chip--on').length === 3, 'field, stage and transfer mode chosen')
  await page.waitFor(() => page.attr(page.one('publish__contact-phone'), 'value') === FORM.phone, 'form rendered with what was typed')
}

test('the phone checks patent numbers by the same rule as the server', () => {
  const samples = ['ZL202110123456.7', 'zl 2021 1012 3456.7', '202110123456.X', 'ZL20211012.3', 'CNA20211234.5', 'cna 202112345.6', 'ZL2021101234567', 'ZL20211012345.7', 'CNA2021123.4', 'ZL202110123456.77', '12345']
  // An empty field is "no patent" on both sides: the server reads it as null, the form sends null.
  expect(patentNo.parse('  ')).toBeNull()
  for (const s of samples) {
    const server = patentNo.safeParse(s)
    expect({ s, ok: isPatentNo(s) }).toEqual({ s, ok: server.success })
    if (server.success) expect(normalizePatentNo(s)).toBe(server.data)
  }
})

test('the demo expert fills the achievement form, submits, sees the pending state, and the server has one pending achievement', async () => {
  const expert = await demoExpert()
  const before = await achievementsBy(expert.id)
  const page = await weapp.render(PUBLISH, { kind: 'achievement' })
  await page.waitForText('提交审核')
  // Side fixed to 科技所能 (no choice), the achievement's own labels, no 代发.
  expect(page.text()).toContain('发布科技成果')
  expect(page.all('publish__side')).toHaveLength(0)
  for (const label of ['成果名称', '成果简介', '成果阶段', '转化方式', '所属单位']) expect(page.text()).toContain(label)
  expect(page.text()).not.toContain('为农户代发')
  expect(page.one('region-picker__value').textContent?.trim()).toBe('成都市 锦江区 春熙路街道')

  await fillForm(page, 'zl 202110123456.7')
  // Kept on the phone as a draft of its own (a post's draft is another).
  expect(weapp.storage.get('draft.achievement-publish')).toMatchObject({ kind: 'achievement', title: FORM.title, stage: 'small_pilot', transferMode: 'transfer' })

  page.tap(page.byText('提交审核'))
  await page.waitForText('已提交，审核通过后公开')

  const post = weapp.requests.find((r) => r.method === 'POST' && r.path === '/api/listings')!
  expect(post.status).toBe(201)
  expect(post.headers['Idempotency-Key']).toMatch(/^[A-Za-z0-9_-]{32}$/)
  expect(post.data).toMatchObject({
    kind: 'achievement',
    side: 'offer',
    proxy: null,
    achievement: { stage: 'small_pilot', transferMode: 'transfer', patentNo: 'ZL202110123456.7', institution: FORM.institution },
  })
  const rows = await achievementsBy(expert.id)
  expect(rows).toHaveLength(before.length + 1)
  expect(rows[rows.length - 1]).toMatchObject({
    kind: 'achievement',
    side: 'offer',
    status: 'pending',
    title: FORM.title,
    category: 'breeding',
    region_code: '510104022',
    stage: 'small_pilot',
    transfer_mode: 'transfer',
    patent_no: 'ZL202110123456.7',
    institution: FORM.institution,
    description: FORM.description,
  })
  expect(weapp.storage.has('draft.achievement-publish')).toBe(false)

  // 查看 opens it on the listings detail page.
  page.tap(page.byText('查看'))
  await page.waitFor(() => weapp.nav.length > 0, 'navigation')
  expect(weapp.nav).toEqual([{ api: 'redirectTo', url: `/packages/listings/detail/index?id=${rows[rows.length - 1].id}` }])
})

test('a bad patent number shows the Chinese message under the field and sends nothing', async () => {
  const expert = await demoExpert()
  const before = await achievementsBy(expert.id)
  const page = await weapp.render(PUBLISH, { kind: 'achievement' })
  await fillForm(page, 'ZL2021-123')
  page.tap(page.byText('提交审核'))
  await page.waitFor(() => page.all('publish__error').some((el) => el.textContent?.trim() === ERROR_MESSAGES.PATENT_NO_INVALID), 'patent error')
  expect(ERROR_MESSAGES.PATENT_NO_INVALID).toContain('例如 ZL202110123456.7')
  expect(page.text()).not.toContain('已提交')
  expect(sentPosts()).toHaveLength(0)
  expect(await achievementsBy(expert.id)).toHaveLength(before.length)
})

test('a farmer opening the achievement form is told that only 科技工作者 publish 科技成果', async () => {
  const { token } = await weapp.signIn(`achievement-farmer-${Date.now().toString(36)}`)
  const res = await fetch(`${weapp.apiOrigin}/api/users/me`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ nickname: '多吉', role: 'farmer', regionCode: '513328200' }),
  })
  expect(res.status).toBe(200)
  weapp.storage.set('session.user', await res.json())

  const page = await weapp.render(PUBLISH, { kind: 'achievement' })
  await page.waitForText(ERROR_MESSAGES.ACHIEVEMENT_NOT_EXPERT)
  expect(page.text()).not.toContain('提交审核')
  expect(page.all('publish__title')).toHaveLength(0)
  // What they can do instead: offer their skills as an ordinary post.
  page.tap(page.byText('发布科技所能'))
  await page.waitFor(() => weapp.nav.length > 0, 'navigation')
  expect(weapp.nav).toEqual([{ api: 'redirectTo', url: '/packages/listings/publish/index?side=offer' }])
  expect(sentPosts()).toHaveLength(0)
})

// 科创工作室 on the real weapp build against a real server: the demo expert 李建国's studio (verified,
// 四川省草原科学研究院 · 研究员 in the seed) with the badge, fields, counts, his achievement and his
// offers; tapping a card opens the post; sharing names the studio; a farmer has no studio. Read
// with no session at all (a link opened from a chat or from Moments).
import { useWeapp, type Weapp } from './harness'

jest.setTimeout(30_000)
const weapp = useWeapp()
const STUDIO = 'packages/studio/index'
const ACHIEVEMENT = '牦牛冬季全混合日粮（TMR）补饲技术'
const OFFERS = ['高原牦牛科学养殖与冬春补饲技术服务', '虫草采挖后草场保护与生态修复咨询']

async function userId(userKey: string): Promise<number> {
  const row = await weapp.ctx.db.selectFrom('users').select('id').where('openid', '=', `dev:${userKey}`).executeTakeFirstOrThrow()
  return row.id
}

beforeEach(() => weapp.reset())

test('the demo expert’s studio: badge, institution and title, fields, counts, the achievement and the offers', async () => {
  const id = await userId('expert-li')
  // One of his offers has ended in a resolved 对接: it counts, and it no longer counts as open.
  const resolved = await weapp.ctx.db.selectFrom('listings').select('id').where('title', '=', OFFERS[1]).executeTakeFirstOrThrow()
  await weapp.ctx.db.updateTable('listings').set({ status: 'resolved' }).where('id', '=', resolved.id).execute()

  const page = await weapp.render(STUDIO, { id: String(id) })
  await page.waitForText(ACHIEVEMENT)
  expect(page.one('studio__name').textContent?.trim()).toBe('李建国')
  expect(page.one('studio__badge').textContent?.trim()).toBe('已认证')
  expect(page.one('studio__institution').textContent?.trim()).toBe('四川省草原科学研究院')
  expect(page.one('studio__title').textContent?.trim()).toBe('研究员')
  expect(page.one('studio__region').textContent?.trim()).toBe('成都市 锦江区 春熙路街道')
  // Fields: the categories of what he offers, most used first, as chips.
  expect(page.all('studio__field').map((f) => f.textContent?.trim())).toEqual(['养殖', '生态环保'])
  const count = (name: string) => page.one(`studio__count--${name}`).textContent?.replace(/\s+/g, '')
  expect(count('offers')).toBe('1科技所能')
  expect(count('achievements')).toBe('1科技成果')
  expect(count('resolved')).toBe('1成功对接')

  const achievements = page.one('studio__achievements')
  expect(achievements.textContent).toContain('科技成果')
  expect(Array.from(achievements.querySelectorAll('[class*="listing-card__title"]')).map((t) => t.textContent?.trim())).toEqual([ACHIEVEMENT])
  const offers = page.one('studio__offers')
  expect(Array.from(offers.querySelectorAll('[class*="listing-card__title"]')).map((t) => t.textContent?.trim()).sort()).toEqual([...OFFERS].sort())
  expect(page.all('studio__empty')).toEqual([])
  // Nobody's phone on a public page.
  expect(page.text()).not.toContain('13900002001')

  // The share button and what sharing sends.
  expect(page.attr(page.byText('分享给群友'), 'open-type')).toBe('share')
  expect(page.instance.onShareAppMessage({ from: 'button' })).toMatchObject({ title: '李建国的科创工作室', path: `/packages/studio/index?id=${id}` })
  expect(page.instance.onShareTimeline()).toMatchObject({ title: '李建国的科创工作室', query: `id=${id}` })

  // A card opens the post.
  const achievementId = (await weapp.ctx.db.selectFrom('listings').select('id').where('title', '=', ACHIEVEMENT).executeTakeFirstOrThrow()).id
  page.tap(page.byText(ACHIEVEMENT))
  await page.waitFor(() => weapp.nav.length === 1, 'navigation')
  expect(weapp.nav).toEqual([{ api: 'navigateTo', url: `/packages/listings/detail/index?id=${achievementId}` }])

  // Read without a session.
  const get = weapp.requests.find((r) => r.path === `/api/studios/${id}`)
  expect(get).toMatchObject({ method: 'GET', status: 200 })
  expect(get!.headers.Authorization).toBeUndefined()
  await weapp.ctx.db.updateTable('listings').set({ status: 'published' }).where('id', '=', resolved.id).execute()
})

test('an expert with nothing published yet: empty sections, no institution until verified', async () => {
  const { token, user } = await weapp.signIn(`studio-new-${Date.now()}`)
  const res = await fetch(`${weapp.apiOrigin}/api/users/me`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ nickname: '王青', role: 'expert', regionCode: '513328100' }),
  })
  expect(res.status).toBe(200)
  await weapp.reset() // signed out again: a visitor
  const page = await weapp.render(STUDIO, { id: String(user.id) })
  await page.waitForText('王青')
  expect(page.one('studio__badge').textContent?.trim()).toBe('未认证')
  expect(page.all('studio__institution')).toEqual([])
  expect(page.all('studio__field')).toEqual([])
  expect(page.all('studio__empty').map((e) => e.textContent?.trim())).toEqual(['还没有发布科技成果', '还没有发布科技所能'])
  expect(page.instance.onShareAppMessage({ from: 'menu' })).toMatchObject({ title: '王青的科创工作室' })
})

test('a farmer has no studio: a Chinese message, not an error code', async () => {
  const id = await userId('farmer-zhaxi')
  const page = await weapp.render(STUDIO, { id: String(id) })
  await page.waitForText('该用户还没有科创工作室')
  expect(weapp.requests.find((r) => r.path === `/api/studios/${id}`)).toMatchObject({ status: 404, body: expect.objectContaining({ code: 'NOT_A_STUDIO' }) })
  expect(page.text()).not.toContain('NOT_A_STUDIO')
  expect(page.all('studio__head')).toEqual([])

  await weapp.reset()
  const bad = await weapp.render(STUDIO, { id: 'abc' })
  await bad.waitForText('找不到这个科创工作室')
})

/** A registered person made through the API, signed in on the simulated phone. */
async function person(weapp: Weapp, key: string, nickname: string, role: string) {
  const { token, user } = await weapp.signIn(key)
  const res = await fetch(`${weapp.apiOrigin}/api/users/me`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ nickname, role, regionCode: '513328100' }),
  })
  expect(res.status).toBe(200)
  weapp.storage.set('session.user', await res.json())
  return { id: user.id as number, token }
}

test('an expert writes their studio (介绍, 专业领域); a herder reads it and puts a question to them (向专家提问)', async () => {
  const expert = await person(weapp, `studio-edit-${Date.now()}`, '央金', 'expert')
  // On their own studio: 编辑工作室, never 向专家提问.
  const own = await weapp.render(STUDIO, { id: String(expert.id) })
  await own.waitForText('编辑工作室')
  expect(own.text()).not.toContain('向专家提问')

  const edit = await weapp.render('packages/studio/edit/index')
  await edit.waitForText('保存')
  edit.type(edit.one('studio-edit__intro'), '在甘孜做了十年青稞育种，可以到村里讲课。')
  for (const label of ['种植', '生态环保']) edit.tap(edit.all('chip').find((el) => el.textContent?.trim() === label)!)
  await edit.waitFor(() => edit.all('chip--on').length === 2, 'two fields chosen')
  edit.tap(edit.byText('保存'))
  await edit.waitFor(() => weapp.nav.some((n) => n.api === 'navigateBack'), 'back to the studio')
  const saved = weapp.requests.find((r) => r.method === 'PUT' && r.path === '/api/studios/me')
  expect(saved).toMatchObject({ status: 200 })
  expect(saved!.data).toEqual({ intro: '在甘孜做了十年青稞育种，可以到村里讲课。', photoId: null, fields: ['planting', 'ecology'] })

  // A herder opens the studio: the words and fields are there, and 向专家提问 opens the publish form for a need to her.
  await weapp.reset()
  await person(weapp, `studio-asker-${Date.now()}`, '次仁', 'farmer')
  const studio = await weapp.render(STUDIO, { id: String(expert.id) })
  await studio.waitForText('在甘孜做了十年青稞育种，可以到村里讲课。')
  expect(studio.all('studio__field').map((f) => f.textContent?.trim())).toEqual(['种植', '生态环保'])
  studio.tap(studio.byText('向专家提问'))
  await studio.waitFor(() => weapp.nav.length > 0, 'navigation')
  expect(weapp.nav).toEqual([{ api: 'navigateTo', url: `/packages/listings/publish/index?side=need&expert=${expert.id}` }])

  const form = await weapp.render('packages/listings/publish/index', { side: 'need', expert: String(expert.id) })
  await form.waitForText('向央金提问')
  // A question is always a need: no 所需/所能 switch.
  expect(form.all('publish__side-name')).toEqual([])
  form.type(form.one('publish__title'), '青稞倒伏怎么办')
  form.tap(form.all('chip').find((el) => el.textContent?.trim() === '种植')!)
  form.type(form.one('publish__description'), '今年雨水多，青稞成片倒伏，想问问有没有抗倒伏的品种。')
  form.type(form.one('publish__contact-phone'), '13800007777')
  await form.waitFor(() => form.attr(form.one('publish__contact-phone'), 'value') === '13800007777', 'form rendered')
  form.tap(form.byText('提交审核'))
  await form.waitForText('已提交，审核通过后公开')
  const post = weapp.requests.find((r) => r.method === 'POST' && r.path === '/api/listings')
  expect(post).toMatchObject({ status: 201 })
  expect(post!.data).toMatchObject({ side: 'need', expertId: expert.id })
})

// 发布 on the real weapp build against the real server: a registered herder fills the form (side,
// title, category, description, contact; the township comes from the profile), submits, sees the
// pending state, and the server holds exactly one pending post — also when the submit is tapped
// twice or its answer is lost and the request is sent again.
import { useWeapp, type PageHandle } from './harness'

const weapp = useWeapp()
jest.setTimeout(20_000)
const PUBLISH = 'packages/listings/publish/index'
const unique = (name: string) => `${name}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`

/** WeChat's subscribe dialog: recorded, and the person declines (which must change nothing). */
const subscribeAsks: string[][] = []
beforeAll(() => {
  const wx = (global as any).wx
  wx.requestSubscribeMessage = (opts: any) => {
    subscribeAsks.push(opts.tmplIds)
    setTimeout(() => {
      const res = { errMsg: 'requestSubscribeMessage:fail cancel', errCode: 20004 }
      opts.fail?.(res)
      opts.complete?.(res)
    }, 0)
  }
})
beforeEach(async () => {
  await weapp.reset()
  subscribeAsks.length = 0
})

/** A registered farmer in 甘孜县呷拉乡, signed in on this phone. */
async function registeredFarmer(nickname: string) {
  const { token } = await weapp.signIn(unique('publisher'))
  const res = await fetch(`${weapp.apiOrigin}/api/users/me`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ nickname, role: 'farmer', regionCode: '513328200' }),
  })
  expect(res.status).toBe(200)
  const me = await res.json()
  weapp.storage.set('session.user', me)
  return { token, me }
}

const postsBy = (authorId: number) => weapp.ctx.db.selectFrom('listings').selectAll().where('author_id', '=', authorId).execute()
const listingPosts = () => weapp.requests.filter((r) => r.method === 'POST' && r.path === '/api/listings')
const sentPosts = () => weapp.sent.filter((s) => s === 'POST /api/listings')

const FORM = {
  title: '牦牛冬季补饲配方求助',
  description: '家里养了四十头牦牛，冬天草料不够，想请专家指导青稞秸秆怎么加工补饲。',
  phone: '13800002222',
}

/** Fills every field a person must fill; the township and contact name are prefilled. */
async function fillForm(page: PageHandle) {
  await page.waitForText('提交审核')
  // The township comes from the profile, already chosen.
  expect(page.one('region-picker__value').textContent?.trim()).toBe('甘孜藏族自治州 甘孜县 呷拉乡')
  page.tap(page.all('publish__side-name').find((el) => el.textContent?.trim() === '科技所需')!)
  page.type(page.one('publish__title'), FORM.title)
  page.tap(page.all('chip').find((el) => el.textContent?.trim() === '养殖')!)
  page.type(page.one('publish__description'), FORM.description)
  page.type(page.one('publish__contact-phone'), FORM.phone)
  await page.waitFor(() => page.all('chip--on').some((el) => el.textContent?.trim() === '养殖'), 'category chosen')
  await page.waitFor(() => page.attr(page.one('publish__contact-phone'), 'value') === FORM.phone, 'form rendered with what was typed')
}

test('a herder fills the form, submits once, sees 已提交，审核通过后公开, and the server has one pending post', async () => {
  const { me, token } = await registeredFarmer('多吉')
  const page = await weapp.render(PUBLISH, { side: 'need' })
  await fillForm(page)
  // Typed text is kept on the phone while the form is open (a call or a killed app loses nothing).
  expect(weapp.storage.get('draft.listing-publish')).toMatchObject({ title: FORM.title, category: 'breeding', contactName: '多吉' })

  page.tap(page.byText('提交审核'))
  await page.waitForText('已提交，审核通过后公开')
  expect(page.text()).toContain('查看')
  expect(page.text()).toContain('再发一条')

  // Subscribe messages were asked for from the tap; declining did not stop the post.
  expect(subscribeAsks).toEqual([['tpl-review-result', 'tpl-new-response']])

  const posts = await postsBy(me.id)
  expect(posts).toHaveLength(1)
  expect(posts[0]).toMatchObject({
    status: 'pending',
    side: 'need',
    title: FORM.title,
    category: 'breeding',
    region_code: '513328200',
    description: FORM.description,
    contact_name: '多吉',
    contact_note: null,
    proxy_name: null,
  })
  // The phone is stored encrypted; its owner reads it back through the API.
  const own = await (await fetch(`${weapp.apiOrigin}/api/listings/${posts[0].id}`, { headers: { authorization: `Bearer ${token}` } })).json()
  expect(own.contact).toEqual({ name: '多吉', phone: FORM.phone, note: null })
  expect(own.status).toBe('pending')

  // One POST, with a 32-character url-safe idempotency key; the draft is gone once the server has it.
  expect(listingPosts()).toHaveLength(1)
  expect(listingPosts()[0].headers['Idempotency-Key']).toMatch(/^[A-Za-z0-9_-]{32}$/)
  expect(listingPosts()[0].status).toBe(201)
  expect(weapp.storage.has('draft.listing-publish')).toBe(false)

  // Not public yet: the feed does not list it.
  const feed = await (await fetch(`${weapp.apiOrigin}/api/listings`)).json()
  expect(feed.items.map((l: { id: number }) => l.id)).not.toContain(posts[0].id)

  // 查看 opens the post in place of the form.
  page.tap(page.byText('查看'))
  await page.waitFor(() => weapp.nav.length > 0, 'navigation')
  expect(weapp.nav).toEqual([{ api: 'redirectTo', url: `/packages/listings/detail/index?id=${posts[0].id}` }])
})

test('tapping 提交审核 twice quickly creates one post', async () => {
  const { me } = await registeredFarmer('卓玛')
  const page = await weapp.render(PUBLISH)
  await fillForm(page)
  const submit = page.byText('提交审核')
  page.tap(submit)
  page.tap(submit)
  await page.waitForText('已提交，审核通过后公开')
  expect(sentPosts()).toHaveLength(1)
  expect(await postsBy(me.id)).toHaveLength(1)
})

test('a submit whose answer is lost is sent again with the same key and still creates one post', async () => {
  const { me } = await registeredFarmer('次仁')
  const wx = (global as any).wx
  const send = wx.request
  let dropped = 0
  // The first POST reaches the server, which creates the post, but the answer never reaches the phone.
  wx.request = (opts: any) => {
    if (!dropped && String(opts.method).toUpperCase() === 'POST' && /\/api\/listings$/.test(opts.url)) {
      dropped++
      return send({
        ...opts,
        success: () => opts.fail?.({ errMsg: 'request:fail timeout' }),
        complete: () => undefined,
      })
    }
    return send(opts)
  }
  try {
    const page = await weapp.render(PUBLISH, { side: 'need' })
    await fillForm(page)
    page.tap(page.byText('提交审核'))
    await page.waitForText('已提交，审核通过后公开')
  } finally {
    wx.request = send
  }
  expect(dropped).toBe(1)
  const posts = listingPosts()
  expect(posts).toHaveLength(2)
  expect(posts[0].status).toBe(201) // created (the phone never saw this answer)
  expect(posts[1].status).toBe(200) // the same post, found by its key
  expect(posts[1].headers['Idempotency-Key']).toBe(posts[0].headers['Idempotency-Key'])
  expect((posts[1].body as { id: number }).id).toBe((posts[0].body as { id: number }).id)
  const rows = await postsBy(me.id)
  expect(rows).toHaveLength(1)
  expect(rows[0]).toMatchObject({ status: 'pending', title: FORM.title })
})

test('a form with mistakes shows Chinese messages under the fields and sends nothing', async () => {
  await registeredFarmer('拉姆')
  const page = await weapp.render(PUBLISH)
  await page.waitForText('提交审核')
  page.type(page.one('publish__title'), '求助')
  page.type(page.one('publish__contact-phone'), '12345')
  page.tap(page.byText('提交审核'))
  await page.waitForText('标题须为 4–40 个字')
  expect(page.text()).toContain('请选择分类')
  expect(page.text()).toContain('详细说明须为 10–2000 个字')
  expect(page.text()).toContain('请填写正确的 11 位手机号')
  expect(sentPosts()).toHaveLength(0)
  expect(subscribeAsks).toHaveLength(0)
})

test("a draft left on the phone comes back, and the server's field error shows under its field", async () => {
  const { me } = await registeredFarmer('央金')
  // Yesterday's draft, with a photo id the server does not know (e.g. uploaded from another phone).
  weapp.storage.set('draft.listing-publish', {
    side: 'offer',
    title: '青稞抗倒伏品种种植指导',
    category: 'planting',
    description: '种了二十年青稞，可以指导大家选种、播种和防倒伏。',
    contactName: '央金',
    contactPhone: '13800003333',
    photos: [{ id: 987654, url: '/uploads/x.webp', thumbUrl: '/uploads/x-thumb.webp' }],
    key: 'draftKeyDraftKeyDraftKeyDraftKey',
  })
  const page = await weapp.render(PUBLISH)
  await page.waitForText('提交审核')
  expect(page.attr(page.one('publish__title'), 'value')).toBe('青稞抗倒伏品种种植指导')
  page.tap(page.byText('提交审核'))
  const post = await page.waitFor(() => listingPosts()[0], 'POST /api/listings')
  expect(post.headers['Idempotency-Key']).toBe('draftKeyDraftKeyDraftKeyDraftKey')
  expect(post.status).toBe(400)
  const body = post.body as { code: string; message: string; fields: Record<string, string> }
  expect(body.code).toBe('PHOTO_INVALID')
  // The field's message under the photos, the general one above the button.
  await page.waitFor(() => page.all('publish__error').some((el) => el.textContent?.trim() === body.fields.photoIds), 'field error')
  expect(page.one('publish__notice').textContent?.trim()).toBe(body.message)
  expect(await postsBy(me.id)).toHaveLength(0)
  // The draft is still there for the next try.
  expect(weapp.storage.get('draft.listing-publish')).toMatchObject({ title: '青稞抗倒伏品种种植指导' })
})

test("a description WeChat's content check calls risky shows the server's message and publishes nothing", async () => {
  const { me } = await registeredFarmer('达瓦')
  const page = await weapp.render(PUBLISH)
  await fillForm(page)
  page.type(page.one('publish__description'), '违禁词大王，这段说明写得足够长了吧。')
  await page.waitFor(() => page.attr(page.one('publish__description'), 'value') === '违禁词大王，这段说明写得足够长了吧。', 'description typed')
  page.tap(page.byText('提交审核'))
  const post = await page.waitFor(() => listingPosts()[0], 'POST /api/listings')
  expect(post.status).toBe(400)
  await page.waitForText((post.body as { message: string }).message)
  expect(page.text()).not.toContain('已提交')
  expect(await postsBy(me.id)).toHaveLength(0)
})

test('修改 loads the post into the form and sends it back to review with editListing', async () => {
  const { me, token } = await registeredFarmer('桑珠')
  const created = await fetch(`${weapp.apiOrigin}/api/listings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': 'editTestKeyEditTestKeyEditTest01' },
    body: JSON.stringify({
      side: 'offer',
      title: '农机维修上门服务',
      category: 'machinery',
      regionCode: '513328200',
      description: '会修拖拉机和青稞脱粒机，乡里可以上门。',
      contact: { name: '桑珠', phone: '13800004444', note: '晚上打' },
    }),
  })
  expect(created.status).toBe(201)
  const { id } = await created.json()

  const page = await weapp.render(PUBLISH, { id: String(id) })
  await page.waitForText('提交修改')
  expect(page.attr(page.one('publish__title'), 'value')).toBe('农机维修上门服务')
  expect(page.attr(page.one('publish__contact-phone'), 'value')).toBe('13800004444')
  expect(page.all('chip--on').map((el) => el.textContent?.trim())).toEqual(['农机'])
  page.type(page.one('publish__title'), '农机维修上门服务（含脱粒机）')
  await page.waitFor(() => page.attr(page.one('publish__title'), 'value') === '农机维修上门服务（含脱粒机）', 'title typed')
  page.tap(page.byText('提交修改'))
  await page.waitForText('已修改，审核通过后公开')

  expect(weapp.requests.find((r) => r.method === 'PUT' && r.path === `/api/listings/${id}`)?.status).toBe(200)
  const rows = await postsBy(me.id)
  expect(rows).toHaveLength(1)
  expect(rows[0]).toMatchObject({ id, title: '农机维修上门服务（含脱粒机）', status: 'pending', contact_note: '晚上打' })
  const events = await weapp.ctx.db.selectFrom('listing_events').select('kind').where('listing_id', '=', id).orderBy('id').execute()
  expect(events.map((e) => e.kind)).toEqual(['submitted', 'edited'])
  expect(weapp.storage.has(`draft.listing-edit.${id}`)).toBe(false)
})

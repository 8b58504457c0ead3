import sharp from 'sharp'
import { current, looksEnglish, open, overflowing, signInAsDemo, snap, startE2E, tapTab, tapText, waitForRoute, type E2E } from './harness'

// A new 乡镇科协主席 is verified on evidence, on the H5 build in Chromium: 我的 asks for real name,
// post (职务) and a photo of the appointment letter (nothing is sent until all three are there);
// the photo is uploaded to the private proofs route and shown back only through the authorised
// route (a blob: URL made from a request with the session). Staff on a phone see the claim and the
// photo side by side, open it full screen, and reject with a reason the chair then reads. No proof
// photo is ever requested from /uploads/, and without the session the route refuses.
jest.setTimeout(180_000)

const STAFF = '省科协工作人员（成都市锦江区）'
const NICKNAME = '卓玛主席'
const REAL_NAME = '泽仁卓玛'
const POST = '科协主席'
const REASON = '照片上看不清职务，请重新拍摄任命文件'

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

test('a chair sends name, post and the appointment letter; staff see them side by side and reject with a reason', async () => {
  const db = e2e.ctx.db
  const chair = (await e2e.newPhone()).page
  const staff = (await e2e.newPhone()).page

  // ---- registration as 乡镇科协主席 of 甘孜镇 ----------------------------------------------------------
  await open(chair, '/pages/mine/index')
  await tapText(chair, '微信一键登录')
  await waitForRoute(chair, '/packages/account/login/index')
  await tapText(chair, '同意并继续')
  await tapText(chair, '注册新用户')
  const profile = await waitForRoute(chair, '/packages/account/profile/index')
  await profile.locator('.profile__input input').fill(NICKNAME)
  await profile.locator('.profile__role').filter({ hasText: '乡镇科协主席' }).tap()
  await tapText(chair, '甘孜藏族自治州')
  await tapText(chair, '甘孜县')
  await tapText(chair, '甘孜镇')
  await profile.locator('.region-picker__value').getByText('甘孜藏族自治州 甘孜县 甘孜镇').waitFor()
  await tapText(chair, '完成注册')
  await waitForRoute(chair, '/pages/index/index')
  const mine = await open(chair, '/pages/mine/index')

  // ---- the form: three things asked, in Chinese, before anything is sent -------------------------
  const verify = mine.locator('.mine__verify')
  await verify.locator('.mine__verify-state').getByText('未申请', { exact: true }).waitFor()
  await verify.getByText('照片只给审核您申请的科协工作人员看，不会公开；审核结束 30 天后自动删除。', { exact: true }).waitFor()
  e2e.requests.length = 0
  await verify.locator('.mine__verify-apply').tap()
  for (const message of ['请填写真实姓名', '请填写职务，如：科协主席', '请上传任命文件或工作证的照片']) await verify.getByText(message, { exact: true }).waitFor()
  expect(e2e.requests.filter((r) => r.method === 'POST')).toEqual([])
  // Each field is a full-width box under its label (measured: the shared form kit, components/field).
  const card = await verify.boundingBox()
  for (const cls of ['.mine__verify-realname', '.mine__verify-post', '.mine__verify-note']) {
    const box = (await verify.locator(cls).boundingBox())!
    expect(box.width).toBeGreaterThan(card!.width * 0.8)
    expect(box.height).toBeGreaterThanOrEqual(44)
  }

  await verify.locator('.mine__verify-realname input').fill(REAL_NAME)
  await verify.locator('.mine__verify-post input').fill(POST)
  await verify.getByText('请填写真实姓名', { exact: true }).waitFor({ state: 'detached' })
  const letter = await sharp({ create: { width: 900, height: 1200, channels: 3, background: '#f3ecd9' } }).jpeg().toBuffer()
  const [chooser] = await Promise.all([chair.waitForEvent('filechooser'), verify.locator('.proof-picker__pick').tap()])
  await chooser.setFiles({ name: 'appointment.jpg', mimeType: 'image/jpeg', buffer: letter })
  await verify.locator('.proof-picker__pick').getByText('换一张', { exact: true }).waitFor()
  await verify.getByText('请上传任命文件或工作证的照片', { exact: true }).waitFor({ state: 'detached' })
  expect(await overflowing(chair)).toEqual([])
  expect(looksEnglish(await verify.innerText())).toBe(false)
  await snap(chair, 'verification-1-chair-form')

  await verify.locator('.mine__verify-apply').tap()
  await verify.locator('.mine__verify-state').getByText('审核中', { exact: true }).waitFor()
  await verify.locator('.mine__verify-sent').getByText(`姓名：${REAL_NAME}`, { exact: true }).waitFor()
  await verify.locator('.mine__verify-sent').getByText(`职务：${POST}`, { exact: true }).waitFor()
  // Their own photo comes back through the authorised route, as a blob: made from that answer.
  const own = verify.locator('.proof-image__img img')
  await own.waitFor()
  await chair.waitForFunction((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0, await own.elementHandle(), { timeout: 10_000 })
  expect(await own.getAttribute('src')).toMatch(/^blob:/)
  const row = await db.selectFrom('verifications').selectAll().where('real_name', '=', REAL_NAME).executeTakeFirstOrThrow()
  expect(row).toMatchObject({ role: 'chair', status: 'pending', post: POST })
  expect(row.proof_upload_id).toBeTruthy()

  // Without the session the route refuses, from the same browser.
  const anonymous = await chair.evaluate(async (path) => (await fetch(path)).status, `/api/verifications/${row.id}/proof`)
  expect(anonymous).toBe(401)

  // ---- staff: claim and photo side by side ------------------------------------------------------
  await signInAsDemo(staff, STAFF)
  await staff.locator('.mine__staff-verifications').tap()
  const queue = await waitForRoute(staff, '/packages/staff/verifications/index')
  const item = queue.locator('.verification-item').filter({ hasText: NICKNAME })
  await item.locator('.verification-item__real-name').getByText(REAL_NAME, { exact: true }).waitFor()
  await item.locator('.verification-item__post').getByText(POST, { exact: true }).waitFor()
  await item.getByText('甘孜藏族自治州 甘孜县 甘孜镇', { exact: true }).waitFor()
  const photo = item.locator('.verification-item__proof .proof-image__img img')
  await photo.waitFor()
  await staff.waitForFunction((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0, await photo.elementHandle(), { timeout: 10_000 })
  const claimBox = (await item.locator('.verification-item__claim').boundingBox())!
  const proofBox = (await item.locator('.verification-item__proof').boundingBox())!
  // Side by side on a 390 px phone: the photo column starts right of the claim, on the same rows.
  expect(proofBox.x).toBeGreaterThanOrEqual(claimBox.x + claimBox.width - 1)
  expect(proofBox.y).toBeLessThan(claimBox.y + claimBox.height)
  expect(proofBox.width).toBeGreaterThan(120)
  expect(await overflowing(staff)).toEqual([])
  expect(looksEnglish(await item.innerText())).toBe(false)
  await snap(staff, 'verification-2-staff-queue')

  // Tap: the full photo opens full screen.
  await photo.tap()
  const preview = staff.locator('.preview-image img')
  await preview.first().waitFor()
  expect(await preview.first().getAttribute('src')).toMatch(/^blob:/)
  await staff.locator('.preview-image').tap()
  await staff.locator('.preview-image').waitFor({ state: 'detached' })

  // Reject with a reason the applicant reads.
  await item.locator('.decision__reject').tap()
  await current(staff).getByText('驳回理由（申请人会看到，2–200 字）', { exact: true }).waitFor()
  await item.locator('.decision-form__input textarea').fill(REASON)
  await item.locator('.decision__confirm').tap()
  await item.waitFor({ state: 'detached' })
  expect(await db.selectFrom('verifications').select(['status', 'reason']).where('id', '=', row.id).executeTakeFirstOrThrow()).toEqual({ status: 'rejected', reason: REASON })

  // ---- the chair reads the reason; name and post are kept for the next try ------------------------
  // 我的 asks the server again each time it shows: to the home tab and back.
  await tapTab(chair, '首页', '/pages/index/index')
  const again = await tapTab(chair, '我的', '/pages/mine/index')
  await again.locator('.mine__verify-reason').getByText(`未通过原因：${REASON}`, { exact: true }).waitFor()
  expect(await again.locator('.mine__verify-realname input').inputValue()).toBe(REAL_NAME)
  expect(await again.locator('.mine__verify-post input').inputValue()).toBe(POST)

  // No proof photo was ever asked of the public files route; every view went through the claim's route.
  const proofGets = e2e.requests.filter((r) => r.method === 'GET' && /proof/.test(r.url))
  expect(proofGets.length).toBeGreaterThanOrEqual(3)
  for (const r of proofGets) expect(r.url).toMatch(new RegExp(`^/api/verifications/${row.id}/proof(\\?size=thumb)?$`))
  expect(e2e.requests.filter((r) => r.url.startsWith('/uploads/proofs'))).toEqual([])
  const views = await db.selectFrom('audit_log').select('actor_id').where('action', '=', 'verification.proof_view').where('target_id', '=', String(row.id)).execute()
  // Every view the server answered is logged; the anonymous fetch was refused and is not.
  expect(views.length).toBe(proofGets.length - 1)
})

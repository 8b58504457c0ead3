import type { IncomingMessage } from 'node:http'
import { open, signInAsDemo, startE2E, type E2E } from './harness'
import { phonePhoto } from '../fixtures/phone-photo'
import { PHOTO_TARGET_BYTES } from '../../src/utils/photo-size'

// The publish form's photo picker makes a camera photo small on the phone (src/utils/compress-photo.ts,
// a canvas on H5) before it goes up: measured where it arrives, at the HTTP server.
jest.setTimeout(180_000)

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

test('a 12 MP photo is made small on the phone before it is uploaded', async () => {
  const { page } = await e2e.newPhone()
  await signInAsDemo(page, '扎西（农牧民，甘孜县呷拉乡）')
  const form = await open(page, '/packages/listings/publish/index?side=need')
  const original = await phonePhoto()
  // Measured where it arrives: the bytes of the upload's body at the HTTP server.
  const bodies: number[] = []
  const onRequest = (req: IncomingMessage) => {
    if (req.method === 'POST' && req.url === '/api/uploads') bodies.push(Number(req.headers['content-length']))
  }
  e2e.ctx.app.server.on('request', onRequest)
  const t0 = Date.now()
  const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/uploads') && r.request().method() === 'POST', { timeout: 120_000 })
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), form.locator('.photo-picker__add').tap()])
  await chooser.setFiles({ name: 'IMG_20261207_101500.jpg', mimeType: 'image/jpeg', buffer: original })
  expect((await uploaded).status()).toBe(200)
  e2e.ctx.app.server.off('request', onRequest)
  const [sent] = bodies
  console.log(`photo upload: ${original.length} bytes picked (4032×3024 JPEG q92) → ${sent} bytes sent (multipart body), ${Date.now() - t0} ms from pick to answer`)
  expect(bodies).toHaveLength(1)
  expect(sent).toBeGreaterThan(20 * 1024)
  expect(sent).toBeLessThan(PHOTO_TARGET_BYTES + 2048)
  await form.locator('.photo-picker__tile[data-photo]').waitFor()
})

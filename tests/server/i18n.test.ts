// The Tibetan words the app downloads when a herder chooses བོད་ཡིག (GET /api/i18n/bo).
import { bo } from '../../common/i18n/bo'
import { zh } from '../../common/i18n/zh'
import { useTestContext } from './helpers'

const ctx = useTestContext()

test('serves every catalog key in Tibetan, with a version and an ETag that answers 304', async () => {
  const first = await ctx.app.inject({ method: 'GET', url: '/api/i18n/bo' })
  expect(first.statusCode).toBe(200)
  const body = first.json() as { lang: string; version: string; messages: Record<string, string> }
  expect(body.lang).toBe('bo')
  expect(Object.keys(body.messages).sort()).toEqual(Object.keys(zh).sort())
  expect(body.messages['error.NOT_FOUND']).toBe(bo['error.NOT_FOUND'].bo)
  // Only the words travel: no notes, no Chinese sources, no review marks.
  expect(first.body).not.toContain('reviewed')
  expect(first.headers.etag).toBe(`"${body.version}"`)

  const again = await ctx.app.inject({ method: 'GET', url: '/api/i18n/bo', headers: { 'if-none-match': first.headers.etag as string } })
  expect(again.statusCode).toBe(304)
  expect(again.body).toBe('')
})

test('a language we do not have is 404 NOT_FOUND, in Chinese', async () => {
  const res = await ctx.app.inject({ method: 'GET', url: '/api/i18n/en' })
  expect(res.statusCode).toBe(404)
  expect(res.json().code).toBe('NOT_FOUND')
})

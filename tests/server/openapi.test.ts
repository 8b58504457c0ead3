// The OpenAPI document tells the truth about what each operation answers: its error responses
// (ApiError, added by plugins/openapi.ts), the length limits of what people type, the multipart
// bodies of the uploads, the unions behind cross-field rules, an example for every body. The fuzz
// test (fuzz.test.ts) then holds every real answer to it.
import { z } from 'zod'
import { ERROR_MESSAGES } from '../../common/errors'
import { useTestContext } from './helpers'
import { routesOf } from './route-recorder'

// Records the zod schemas each route declares, to check the document's examples against them.
jest.mock('fastify', () => require('./route-recorder').recordingFastify())

let doc: any
const ctx = useTestContext()
beforeAll(async () => {
  doc = ctx.app.swagger()
})

function operations(): Array<{ key: string; method: string; path: string; op: any }> {
  return Object.entries<any>(doc.paths).flatMap(([path, item]) =>
    Object.entries<any>(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, op })),
  )
}

const API_ERROR = { $ref: '#/components/schemas/ApiError' }

it('lists, for every operation, the error statuses it can answer, each an ApiError with a description', () => {
  const ops = operations()
  expect(ops.length).toBeGreaterThan(70)
  for (const { key, method, op } of ops) {
    const params = (op.parameters ?? []) as Array<{ in: string }>
    const takesBody = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)
    const expected = [500, 503]
    if (params.length || op.requestBody || takesBody) expected.push(400)
    if (op.security?.length) expected.push(401, 403)
    if (params.some((p) => p.in === 'path')) expected.push(404)
    if (takesBody) expected.push(413, 415)
    const statuses = Object.keys(op.responses).map(Number)
    expect({ key, missing: expected.filter((s) => !statuses.includes(s)) }).toEqual({ key, missing: [] })
    for (const status of statuses.filter((s) => s >= 400)) {
      const response = op.responses[status]
      expect({ key, status, schema: response.content['application/json'].schema }).toEqual({ key, status, schema: API_ERROR })
      expect(response.description).toMatch(/[\u4e00-\u9fa5]/)
    }
    if (statuses.includes(429)) expect(op.responses[429].headers).toHaveProperty('retry-after')
  }
})

it('names every error code in ApiError', () => {
  expect(doc.components.schemas.ApiError.properties.code.enum.sort()).toEqual(Object.keys(ERROR_MESSAGES).sort())
  expect(doc.components.schemas.ApiError.required.sort()).toEqual(['code', 'message'])
})

it('lists the statuses a route declares beyond the rule: a state conflict (409), WeChat down (502), its own rate limit (429)', () => {
  const responses = (key: string) => {
    const [method, path] = key.split(' ')
    return Object.keys(doc.paths[path][method.toLowerCase()].responses).map(Number)
  }
  expect(responses('PUT /api/listings/{id}')).toEqual(expect.arrayContaining([409, 502]))
  expect(responses('POST /api/auth/login')).toEqual(expect.arrayContaining([502]))
  expect(responses('POST /api/contests/{id}/votes')).toEqual(expect.arrayContaining([409, 429]))
  expect(responses('POST /api/shares/{code}/opens')).toEqual(expect.arrayContaining([429]))
  expect(responses('POST /api/shares/')).toEqual(expect.arrayContaining([404]))
  // A read that takes nothing answers no 400, 404 or 413.
  expect(responses('GET /api/users/me')).toEqual([200, 401, 403, 500, 503])
  expect(responses('GET /api/health/')).toEqual([200, 500, 503])
})

it('describes the two upload routes as multipart/form-data with a binary `file`', () => {
  for (const path of ['/api/uploads/', '/api/users/me/avatar']) {
    const body = doc.paths[path].post.requestBody
    expect(Object.keys(body.content)).toEqual(['multipart/form-data'])
    expect(body.content['multipart/form-data'].schema).toMatchObject({ required: ['file'], properties: { file: { type: 'string', format: 'binary' } } })
  }
})

/** Every string the request can carry (bodies, query, path, headers), with where it is. */
function strings(schema: any, where: string, out: Array<{ where: string; schema: any }> = []) {
  if (!schema || typeof schema !== 'object') return out
  if (schema.type === 'string') out.push({ where, schema })
  for (const [name, child] of Object.entries<any>(schema.properties ?? {})) strings(child, `${where}.${name}`, out)
  if (schema.items) strings(schema.items, `${where}[]`, out)
  for (const [i, branch] of (schema.oneOf ?? schema.anyOf ?? []).entries()) strings(branch, `${where}|${i}`, out)
  return out
}

it('shows a limit on every string a request can carry (maxLength, a pattern, an enum or a format)', () => {
  const unbounded: string[] = []
  for (const { key, op } of operations()) {
    const found = [
      ...Object.entries<any>(op.requestBody?.content ?? {}).flatMap(([type, media]) => strings(media.schema, `${key} body(${type})`)),
      ...(op.parameters ?? []).flatMap((p: any) => strings(p.schema, `${key} ${p.in} ${p.name}`)),
    ]
    for (const { where, schema } of found) {
      if (schema.maxLength === undefined && !schema.pattern && !schema.enum && !schema.format) unbounded.push(where)
    }
  }
  // A newspaper's paragraphs and photos, as staff import them: the importer's own output (which
  // may hold one paragraph as long as the page) is sent back edited, bounded by the body limit.
  expect(unbounded.filter((where) => !/^POST \/api\/staff\/news\/ body\(application\/json\)\.articles\[\]\.(paragraphs\[\]|photos\[\]\.(caption|url))$/.test(where))).toEqual([])
})

it('shows the length limits of what people type: the nickname, a post title, a contest name, a link label', () => {
  const body = (key: string) => {
    const [method, path] = key.split(' ')
    return doc.paths[path][method.toLowerCase()].requestBody.content['application/json'].schema
  }
  expect(body('PUT /api/users/me').properties.nickname).toMatchObject({ type: 'string', minLength: 1, maxLength: 20 })
  for (const branch of body('POST /api/listings/').oneOf) {
    // A need asked by voice (voiceId) may have no title or description: 0 in the schema, the words say when.
    expect(branch.properties.title).toMatchObject({ type: 'string', minLength: 0, maxLength: 40, description: expect.stringMatching(/^4–40 个字；带语音的需求/) })
    expect(branch.properties.description).toMatchObject({ minLength: 0, maxLength: 2000, description: expect.stringMatching(/^10–2000 个字；/) })
    expect(branch.properties.contact.properties.name).toMatchObject({ minLength: 1, maxLength: 20 })
  }
  expect(body('POST /api/staff/contests/').properties.name).toMatchObject({ minLength: 4, maxLength: 60 })
  expect(body('POST /api/listings/{id}/responses').properties.message).toMatchObject({ minLength: 0, maxLength: 200, description: expect.stringMatching(/^2–200 个字；带语音/) })
  expect(body('PUT /api/staff/news/{id}/links').properties.links.items.oneOf[0].properties.label).toMatchObject({ minLength: 2, maxLength: 30 })
})

it('shows cross-field rules as unions: a listing by kind, an article link by target', () => {
  const listing = doc.paths['/api/listings/'].post.requestBody.content['application/json'].schema
  const [post, achievement] = listing.oneOf
  expect(post.properties.kind.enum).toEqual(['post'])
  expect(post.properties.achievement).toMatchObject({ nullable: true, enum: [null] })
  expect(achievement.properties.kind.enum).toEqual(['achievement'])
  expect(achievement.properties.side.enum).toEqual(['offer'])
  expect(achievement.required).toEqual(expect.arrayContaining(['kind', 'achievement']))
  expect(achievement.properties.achievement.properties.institution).toMatchObject({ minLength: 2, maxLength: 50 })

  const link = doc.paths['/api/staff/news/{id}/links'].put.requestBody.content['application/json'].schema.properties.links.items
  const byTarget = Object.fromEntries(link.oneOf.map((b: any) => [b.properties.target.enum.join(','), b.required]))
  expect(byTarget['contest,contest_nominate,studio,listing']).toEqual(['target', 'targetId'])
  expect(byTarget['register,publish_need,publish_offer,talents,achievements']).toEqual(['target'])
})

it('gives every JSON request body an example that its own schema accepts', () => {
  const routes = routesOf(ctx.app)
  let checked = 0
  for (const { key, method, path, op } of operations()) {
    const media = op.requestBody?.content?.['application/json']
    if (!media) continue
    const examples = media.example !== undefined ? [media.example] : Object.values<any>(media.examples ?? {}).map((e) => e.value)
    expect({ key, examples: examples.length > 0 }).toEqual({ key, examples: true })
    const url = path.replace(/\{(\w+)\}/g, ':$1')
    const route = routes.find((r) => r.method === method && (r.url === url || r.url === url.replace(/\/$/, '')))
    const body = (route?.schema as { body?: z.ZodType } | undefined)?.body
    expect({ key, declared: !!body }).toEqual({ key, declared: true })
    for (const example of examples) {
      const parsed = body!.safeParse(example)
      expect({ key, example, issues: parsed.error?.issues ?? [] }).toEqual({ key, example, issues: [] })
      checked++
    }
  }
  expect(checked).toBeGreaterThan(20)
})

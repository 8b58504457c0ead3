import type { RouteOptions } from 'fastify'
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { errorResponse } from '../../../common/schemas/common'

// The OpenAPI document tells the truth about errors. Every error leaves as ApiError
// ({ code, message[, fields] }, plugins/errors.ts); which statuses a route can answer follows
// from what it declares, so they are added here, once, as each route is registered (an onRoute
// hook registered before the routes), instead of in every route file:
//   400  it takes params, a query, headers or a body (validation, bad JSON, values the database refuses)
//   401, 403  it declares `security` (requireUser / requireStaff, and the rules behind them)
//   404  it names something by a path parameter
//   413, 415  its method carries a body (bodyLimit; a content type without a parser)
//   429  it has a quota (`hasQuota`: plugins/quotas.ts)
//   500, 503  every route (a bug; the database unreachable, even for the session lookup)
// What a route answers beyond that (409 for a state conflict, 502 when it calls WeChat, a 404
// without a path parameter…) it declares itself with `alsoAnswers(…)` next to its success
// response. The response serializer checks these answers as it does the success ones.
// tests/server/openapi.test.ts checks the document; tests/server/fuzz.test.ts checks every
// answer of every operation against it.

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** Error responses a route declares beyond what `documentErrors` gives it. */
export function alsoAnswers<S extends number>(...statuses: S[]): Record<S, typeof errorResponse> {
  return Object.fromEntries(statuses.map((status) => [status, errorResponse])) as Record<S, typeof errorResponse>
}

/** Whether a route (method and URL as registered) is metered: it may answer 429. */
export type HasQuota = (method: string, url: string) => boolean

/** The error statuses a route answers by what it declares (see above). */
export function errorStatuses(route: Pick<RouteOptions, 'method' | 'url' | 'schema'>, hasQuota: HasQuota = () => false): number[] {
  const schema = (route.schema ?? {}) as Record<string, unknown> & { security?: unknown[] }
  const methods = [route.method].flat()
  const takesBody = methods.some((m) => BODY_METHODS.has(m))
  const statuses = [500, 503]
  if (schema.params || schema.querystring || schema.headers || schema.body || takesBody) statuses.push(400)
  if (schema.security?.length) statuses.push(401, 403)
  if (schema.params) statuses.push(404)
  if (takesBody) statuses.push(413, 415)
  if (methods.some((m) => hasQuota(m, route.url))) statuses.push(429)
  return statuses.sort((a, b) => a - b)
}

/** An onRoute hook that adds ApiError for every error status the route answers to its response schemas. */
export function documentErrors(hasQuota?: HasQuota): (route: RouteOptions) => void {
  return (route) => {
    const schema = route.schema as { hide?: boolean; response?: Record<string | number, unknown> } | undefined
    // Routes without a schema are not API operations (static files, the documentation's own pages).
    if (!schema || schema.hide) return
    const response = (schema.response ??= {})
    for (const status of errorStatuses(route, hasQuota)) if (!(status in response)) response[status] = errorResponse
  }
}

/** What each error status means, for the document's readers. */
const ERROR_DESCRIPTIONS: Record<string, string> = {
  400: '请求不符合接口要求：code 为 VALIDATION_FAILED 或具体原因，fields 指出哪一项',
  401: '未登录（AUTH_REQUIRED）或登录已过期（SESSION_EXPIRED）',
  403: '无权进行此操作（FORBIDDEN，或 PROFILE_INCOMPLETE、CONSENT_REQUIRED 等具体原因）',
  404: '要找的内容不存在或不公开（NOT_FOUND 等）',
  409: '与当前状态冲突（如已处理、已报名、阶段不符），刷新后再看',
  413: '提交的内容太大（PAYLOAD_TOO_LARGE、IMAGE_TOO_LARGE）',
  415: '不支持的 Content-Type',
  429: '操作太频繁（RATE_LIMITED 等），Retry-After 秒后再试',
  500: '服务器内部错误（INTERNAL_ERROR），不含内部细节',
  502: '微信服务暂时不可用（WECHAT_UNAVAILABLE）',
  503: '服务暂时不可用（数据库正在恢复），Retry-After 秒后再试',
}

const RETRY_AFTER = { 'retry-after': { type: 'integer', minimum: 1, description: '多少秒后可以重试' } }

/** A multipart upload's body: one image in the field `file` (lib/multipart.ts reads it). */
const IMAGE_UPLOAD_BODY = {
  type: 'object',
  required: ['file'],
  properties: { file: { type: 'string', format: 'binary', description: 'JPEG、PNG 或 WebP 图片，不超过 10MB' } },
}

type Transform = typeof jsonSchemaTransform
type JsonSchema = Record<string, unknown>

/**
 * @fastify/swagger's transform: zod → JSON Schema (the provider's), then what zod cannot say.
 * Multipart routes read their file from the stream (@fastify/multipart), so a body schema on the
 * route itself would be validated and fail; their body is described here, for the document only.
 */
export const openapiTransform: Transform = (input) => {
  const out = jsonSchemaTransform(input)
  const schema = out.schema as { hide?: boolean; body?: JsonSchema; response?: Record<string, JsonSchema> } | undefined
  if (!schema || schema.hide) return out
  const declared = input.schema as { consumes?: string[]; body?: unknown } | undefined
  if (declared?.consumes?.includes('multipart/form-data') && !schema.body) schema.body = IMAGE_UPLOAD_BODY
  // zod leaves a body's examples out of its input JSON Schema when anything inside transforms
  // (a patent number normalised, an instant made UTC); they are what a caller sends, so keep them.
  const examples = declared?.body instanceof z.ZodType ? (declared.body.meta() as { examples?: unknown[] } | undefined)?.examples : undefined
  if (examples && schema.body && !schema.body.examples) schema.body.examples = examples
  const response = schema.response ?? {}
  for (const [status, json] of Object.entries(response)) {
    const description = ERROR_DESCRIPTIONS[status]
    if (!description || !String(json.$ref ?? '').endsWith('/ApiError')) continue
    response[status] = {
      description,
      ...(status === '429' || status === '503' ? { headers: RETRY_AFTER } : {}),
      content: { 'application/json': { schema: json } },
    }
  }
  return out
}

type TransformObject = typeof jsonSchemaTransformObject

/** The provider's components (ApiError), less those nothing points to (its unused ApiErrorInput twin). */
export const openapiTransformObject: TransformObject = (input) => {
  const doc = jsonSchemaTransformObject(input) as ReturnType<TransformObject> & { components?: { schemas?: Record<string, unknown> } }
  const schemas = doc.components?.schemas
  if (!schemas) return doc
  const refsIn = (value: unknown) => [...JSON.stringify(value).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1])
  const reached = new Set(refsIn({ ...doc, components: { ...doc.components, schemas: undefined } }))
  for (const name of reached) for (const inner of refsIn(schemas[name] ?? null)) reached.add(inner)
  for (const name of Object.keys(schemas)) if (!reached.has(name)) delete schemas[name]
  return doc
}

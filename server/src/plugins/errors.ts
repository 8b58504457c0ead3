import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify'
import fp from 'fastify-plugin'
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod'
import { ERROR_MESSAGES, isErrorCode, type ApiError, type ErrorCode } from '../../../common/errors'
import { fieldMessage } from '../../../common/rules'
import { AppError } from '../errors'
import { WechatError } from '../wechat/client'

// The one error handler. Every failure leaves as { code, message[, fields] } with a Chinese
// message; 5xx answers never carry the internal text (it is logged with the request instead).

/** Fastify's own error codes that are the caller's fault, with the code we answer. */
const FASTIFY_CLIENT_ERRORS: Record<string, [number, ErrorCode]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'PAYLOAD_TOO_LARGE'],
  FST_REQ_FILE_TOO_LARGE: [413, 'IMAGE_TOO_LARGE'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'VALIDATION_FAILED'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'VALIDATION_FAILED'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'VALIDATION_FAILED'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: [415, 'VALIDATION_FAILED'],
  FST_PARTS_LIMIT: [413, 'PAYLOAD_TOO_LARGE'],
  FST_FILES_LIMIT: [413, 'PAYLOAD_TOO_LARGE'],
  FST_FIELDS_LIMIT: [413, 'PAYLOAD_TOO_LARGE'],
  FST_ERR_VALIDATION: [400, 'VALIDATION_FAILED'],
}

/**
 * PostgreSQL SQLSTATEs that can only come from a value the caller sent, where SQLite would have
 * taken it: 22003 numeric_value_out_of_range (a number beyond the integer columns that no schema
 * caps, e.g. a news issueNo; ids are capped at MAX_ID by dbId/bodyId in common/schemas/common.ts)
 * and 22021 character_not_in_repertoire (a U+0000 inside a JSON string: PostgreSQL text cannot hold it).
 */
const PG_CLIENT_ERRORS = new Set(['22003', '22021'])

function isPgClientError(err: any): boolean {
  // pg's DatabaseError carries the SQLSTATE in `code` and a `severity`; Node and Fastify codes look different.
  return typeof err?.severity === 'string' && PG_CLIENT_ERRORS.has(err.code)
}

/**
 * Errors that mean the database cannot be reached right now, not that the request was wrong:
 * PostgreSQL's admin shutdown / crash / cannot-connect-now (57P01–57P03), its connection
 * exceptions (class 08), the socket errors pg reports while connecting or mid-query, and
 * SQLITE_BUSY (a write lock held past busy_timeout).
 */
function isDatabaseUnavailable(err: any): boolean {
  const code = typeof err?.code === 'string' ? err.code : ''
  if (/^57P0[123]$/.test(code) || /^08/.test(code)) return true
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'SQLITE_BUSY'].includes(code)) return true
  // pg's own messages when the socket closed under a query or the pool could not connect in time.
  return /Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(
    String(err?.message ?? ''),
  )
}

/** WeChat failures that mean the user's input (a code) was bad rather than WeChat being down. */
const WECHAT_CLIENT_CODES = new Set<ErrorCode>(['AUTH_CODE_INVALID', 'PHONE_CODE_INVALID', 'CONTENT_RISKY', 'SUBSCRIBE_REFUSED'])

function body(code: ErrorCode, fields?: Record<string, string>): ApiError {
  return fields && Object.keys(fields).length ? { code, message: ERROR_MESSAGES[code], fields } : { code, message: ERROR_MESSAGES[code] }
}

export default fp(async (app) => {
  app.setErrorHandler((err: any, request, reply) => {
    if (err instanceof AppError) {
      if (err.retryAfter) reply.header('retry-after', String(err.retryAfter))
      return reply.status(err.statusCode).send(body(err.code, err.fields))
    }

    // The database went away under this request (a restart, a failover, a terminated backend):
    // only this request fails, with a 503 the app retries; the pool reconnects by itself.
    if (isDatabaseUnavailable(err)) {
      request.log.warn({ err: { message: err.message, code: err.code } }, 'database unavailable')
      return reply.status(503).header('retry-after', '5').send(body('SERVICE_UNAVAILABLE'))
    }

    if (hasZodFastifySchemaValidationErrors(err)) {
      // A schema may name a domain code as its message (e.g. REGION_INVALID); the first such wins.
      const fields: Record<string, string> = {}
      let code: ErrorCode = 'VALIDATION_FAILED'
      for (const issue of err.validation) {
        const named = isErrorCode(issue.message) ? issue.message : undefined
        if (named && code === 'VALIDATION_FAILED') code = named
        const path = (issue.instancePath || '').replace(/^\//, '').replace(/\//g, '.') || err.validationContext || 'body'
        // A code's message, the schema's own Chinese one ("须为 4–40 个字") or a generic one: the
        // same words the app's validators (common/rules) give before sending.
        fields[path] = fieldMessage(issue.message)
      }
      return reply.status(400).send(body(code, fields))
    }

    if (err instanceof WechatError) {
      const status = WECHAT_CLIENT_CODES.has(err.code) ? 400 : 502
      request.log.warn({ wechatErrcode: err.wechatErrcode }, 'wechat call failed')
      return reply.status(status).send(body(err.code))
    }

    if (err.statusCode === 429) return reply.status(429).send(body('RATE_LIMITED'))

    if (isPgClientError(err)) {
      request.log.info({ sqlState: err.code }, 'database refused a value from the request')
      return reply.status(400).send(body('VALIDATION_FAILED'))
    }

    const known = FASTIFY_CLIENT_ERRORS[err.code as string]
    if (known) return reply.status(known[0]).send(body(known[1]))
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      // Any other client error of Fastify or a plugin: one of the statuses the OpenAPI document
      // lists for every route that takes input (plugins/openapi.ts), never an odd one (406, 408…).
      const [status, code] = CLIENT_STATUS_CODES[err.statusCode] ?? [400, 'VALIDATION_FAILED']
      return reply.status(status).send(body(code))
    }

    if (isResponseSerializationError(err)) request.log.error({ err }, 'response did not match its schema')
    else request.log.error({ err }, 'unhandled error')
    return reply.status(500).send(body('INTERNAL_ERROR'))
  })

  app.setNotFoundHandler((request, reply) => {
    const allow = allowedMethods(app, request.url)
    if (allow.length) return reply.status(405).header('allow', allow.join(', ')).send(body('METHOD_NOT_ALLOWED'))
    return reply.status(404).send(body('NOT_FOUND'))
  })
})

const CLIENT_STATUS_CODES: Record<number, [number, ErrorCode]> = {
  404: [404, 'NOT_FOUND'],
  413: [413, 'PAYLOAD_TOO_LARGE'],
  415: [415, 'VALIDATION_FAILED'],
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']

/**
 * The methods the route table answers for this path, when the request's method is not one of
 * them (405 with Allow instead of 404). A catch-all ('/uploads/*', the H5 site's '/*') matches
 * any path, so it does not make a path known.
 */
function allowedMethods(app: FastifyInstance, url: string): string[] {
  const path = url.split('?')[0]
  return METHODS.filter((method) => {
    try {
      const found = app.findRoute({ method: method as HTTPMethods, url: path })
      return !!found && !('*' in (found.params ?? {}))
    } catch {
      return false
    }
  })
}

/**
 * Fastify's errors before routing (fastify({ frameworkErrors })): a path whose percent-encoding
 * does not decode, a path parameter over maxParamLength. The answer never repeats the URL.
 */
export function frameworkErrors(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (err.code === 'FST_ERR_BAD_URL' || err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    request.log.info({ code: err.code }, 'malformed url')
    reply.status(400).send(body('BAD_REQUEST'))
    return
  }
  request.log.error({ err }, 'router error')
  reply.status(500).send(body('INTERNAL_ERROR'))
}

/**
 * What Node's HTTP parser refuses before Fastify sees a request (fastify({ clientErrorHandler })):
 * a NUL or line break in a header, a malformed request line, headers too large, a request too
 * slow. Answered in JSON like everything else, then the connection is closed: after a parse error
 * the rest of the bytes on it cannot be trusted.
 */
export function clientErrorHandler(this: FastifyInstance, err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return
  const [status, code]: [number, ErrorCode] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'NETWORK_TIMEOUT'] : err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'PAYLOAD_TOO_LARGE'] : [400, 'BAD_REQUEST']
  this.log.info({ code: err.code }, 'client error')
  if (!socket.writable) {
    socket.destroy()
    return
  }
  const payload = JSON.stringify(body(code))
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(payload)}\r\n` +
      'Connection: close\r\n\r\n' +
      payload,
  )
}

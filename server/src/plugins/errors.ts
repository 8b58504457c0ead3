import fp from 'fastify-plugin'
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod'
import { ERROR_MESSAGES, isErrorCode, type ApiError, type ErrorCode } from '../../../common/errors'
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

/** WeChat failures that mean the user's input (a code) was bad rather than WeChat being down. */
const WECHAT_CLIENT_CODES = new Set<ErrorCode>(['AUTH_CODE_INVALID', 'PHONE_CODE_INVALID', 'CONTENT_RISKY', 'SUBSCRIBE_REFUSED'])

function body(code: ErrorCode, fields?: Record<string, string>): ApiError {
  return fields && Object.keys(fields).length ? { code, message: ERROR_MESSAGES[code], fields } : { code, message: ERROR_MESSAGES[code] }
}

export default fp(async (app) => {
  app.setErrorHandler((err: any, request, reply) => {
    if (err instanceof AppError) return reply.status(err.statusCode).send(body(err.code, err.fields))

    if (hasZodFastifySchemaValidationErrors(err)) {
      // A schema may name a domain code as its message (e.g. REGION_INVALID); the first such wins.
      const fields: Record<string, string> = {}
      let code: ErrorCode = 'VALIDATION_FAILED'
      for (const issue of err.validation) {
        const named = isErrorCode(issue.message) ? issue.message : undefined
        if (named && code === 'VALIDATION_FAILED') code = named
        const path = (issue.instancePath || '').replace(/^\//, '').replace(/\//g, '.') || err.validationContext || 'body'
        // A schema's own Chinese message (e.g. "须为 4–40 个字") is more useful than a generic one.
        const own = issue.message ?? ''
        fields[path] = named ? ERROR_MESSAGES[named] : /[\u4e00-\u9fa5]/.test(own) ? own : '格式不正确'
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
      return reply.status(err.statusCode).send(body(err.statusCode === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED'))
    }

    if (isResponseSerializationError(err)) request.log.error({ err }, 'response did not match its schema')
    else request.log.error({ err }, 'unhandled error')
    return reply.status(500).send(body('INTERNAL_ERROR'))
  })

  app.setNotFoundHandler((_request, reply) => reply.status(404).send(body('NOT_FOUND')))
})

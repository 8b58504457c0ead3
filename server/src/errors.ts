import { ERROR_MESSAGES, type ErrorCode } from '../../common/errors'

/** An expected failure: carries a stable code, an HTTP status and optional per-field messages. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly statusCode: number,
    readonly fields?: Record<string, string>,
    /** Seconds after which the same request may succeed (sent as Retry-After with 429 and 503). */
    readonly retryAfter?: number,
  ) {
    super(ERROR_MESSAGES[code])
  }
}

export const badRequest = (code: ErrorCode, fields?: Record<string, string>) => new AppError(code, 400, fields)
export const notFound = () => new AppError('NOT_FOUND', 404)
export const forbidden = (code: ErrorCode = 'FORBIDDEN') => new AppError(code, 403)
export const unauthorized = (code: ErrorCode = 'AUTH_REQUIRED') => new AppError(code, 401)
/** Over a quota or a cap: 429 with Retry-After (at least one second). */
export const rateLimited = (retryAfterSeconds: number, code: ErrorCode = 'RATE_LIMITED') =>
  new AppError(code, 429, undefined, Math.max(1, retryAfterSeconds))

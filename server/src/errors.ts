import { ERROR_MESSAGES, type ErrorCode } from '../../common/errors'

/** An expected failure: carries a stable code, an HTTP status and optional per-field messages. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly statusCode: number,
    readonly fields?: Record<string, string>,
  ) {
    super(ERROR_MESSAGES[code])
  }
}

export const badRequest = (code: ErrorCode, fields?: Record<string, string>) => new AppError(code, 400, fields)
export const notFound = () => new AppError('NOT_FOUND', 404)
export const forbidden = (code: ErrorCode = 'FORBIDDEN') => new AppError(code, 403)
export const unauthorized = (code: ErrorCode = 'AUTH_REQUIRED') => new AppError(code, 401)

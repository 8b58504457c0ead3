import type { FastifyRequest } from 'fastify'
import { AppError, badRequest } from '../errors'

/** The one uploaded file's bytes. A broken multipart body is the upload's fault, never a 500. */
export async function readImage(request: FastifyRequest): Promise<Buffer> {
  try {
    const file = await request.file()
    if (!file) throw badRequest('IMAGE_INVALID')
    return await file.toBuffer()
  } catch (err) {
    // Fastify's and @fastify/multipart's own errors keep their answers (too large → 413, not
    // multipart → 415); what the parser throws besides (no boundary, a body cut short) are plain
    // Errors that would otherwise leave as INTERNAL_ERROR.
    const code = (err as { code?: unknown }).code
    if (err instanceof AppError || (typeof code === 'string' && code.startsWith('FST_'))) throw err
    request.log.info({ err }, 'unreadable multipart upload')
    throw badRequest('IMAGE_INVALID')
  }
}

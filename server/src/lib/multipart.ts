import type { FastifyRequest } from 'fastify'
import { AppError, badRequest } from '../errors'
import type { ErrorCode } from '../../../common/errors'

/** The one uploaded file's bytes. A broken multipart body is the upload's fault, never a 500. */
export async function readImage(request: FastifyRequest): Promise<Buffer> {
  return readFile(request, 'IMAGE_INVALID')
}

/**
 * A voice note's bytes, at most `maxBytes` (the app-wide multipart limit is the photos' 10 MB):
 * 413 VOICE_TOO_LARGE past it, 400 VOICE_INVALID for no file or a broken body.
 */
export async function readVoice(request: FastifyRequest, maxBytes: number): Promise<Buffer> {
  try {
    return await readFile(request, 'VOICE_INVALID', maxBytes)
  } catch (err) {
    if ((err as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('VOICE_TOO_LARGE', 413)
    throw err
  }
}

async function readFile(request: FastifyRequest, invalid: ErrorCode, maxBytes?: number): Promise<Buffer> {
  try {
    const file = await request.file(maxBytes ? { limits: { fileSize: maxBytes } } : undefined)
    if (!file) throw badRequest(invalid)
    return await file.toBuffer()
  } catch (err) {
    // Fastify's and @fastify/multipart's own errors keep their answers (too large → 413, not
    // multipart → 415); what the parser throws besides (no boundary, a body cut short) are plain
    // Errors that would otherwise leave as INTERNAL_ERROR.
    const code = (err as { code?: unknown }).code
    if (err instanceof AppError || (typeof code === 'string' && code.startsWith('FST_'))) throw err
    request.log.info({ err }, 'unreadable multipart upload')
    throw badRequest(invalid)
  }
}

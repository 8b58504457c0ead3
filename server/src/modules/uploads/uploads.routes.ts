import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { upload } from '../../../../common/schemas/listings'
import type { Deps } from '../../deps'
import { badRequest, forbidden } from '../../errors'
import { saveUpload } from './uploads.service'

export const uploadsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.addHook('onRequest', app.requireUser)
  app.post(
    '/',
    { schema: { tags: ['uploads'], security: [{ bearer: [] }], consumes: ['multipart/form-data'], response: { 200: upload } } },
    async (request) => {
      if (!request.user!.registered_at) throw forbidden('PROFILE_INCOMPLETE')
      const file = await request.file()
      if (!file) throw badRequest('IMAGE_INVALID')
      return saveUpload(deps, request.user!, await file.toBuffer())
    },
  )
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { upload } from '../../../../common/schemas/listings'
import type { Deps } from '../../deps'
import { forbidden } from '../../errors'
import { readImage } from '../../lib/multipart'
import { saveUpload } from './uploads.service'
import { alsoAnswers } from '../../plugins/openapi'

export const uploadsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.addHook('onRequest', app.requireUser)
  app.post(
    '/',
    { schema: { tags: ['uploads'], security: [{ bearer: [] }], consumes: ['multipart/form-data'], response: { 200: upload, ...alsoAnswers(502) } } },
    async (request) => {
      if (!request.user!.registered_at) throw forbidden('PROFILE_INCOMPLETE')
      return saveUpload(deps, request.user!, await readImage(request))
    },
  )
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { upload } from '../../../../common/schemas/listings'
import type { Deps } from '../../deps'
import { readImage } from '../../lib/multipart'
import { requireRegistered } from '../users/roles'
import { saveUpload } from './uploads.service'
import { alsoAnswers } from '../../plugins/openapi'

export const uploadsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.addHook('onRequest', app.requireUser)
  app.post(
    '/',
    { schema: { tags: ['uploads'], security: [{ bearer: [] }], consumes: ['multipart/form-data'], response: { 200: upload, ...alsoAnswers(502) } } },
    async (request) => {
      // Before the body is read: an unregistered caller's file is never taken in.
      requireRegistered(request.user!)
      return saveUpload(deps, request.user!, await readImage(request))
    },
  )
}

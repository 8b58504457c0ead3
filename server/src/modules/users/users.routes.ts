import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { okResponse } from '../../../../common/schemas/common'
import { consentBody, phoneBody, profile, profileUpdateBody } from '../../../../common/schemas/users'
import type { Deps } from '../../deps'
import { readImage } from '../../lib/multipart'
import { agreeToPrivacy, deleteAccount, setAvatar, setPhone, toProfile, updateProfile } from './users.service'
import { visitorIdOf } from '../sharing/sharing.service'
import { alsoAnswers } from '../../plugins/openapi'

export const usersRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  // onRequest, not preHandler: a caller without a valid session is told to log in before the body
  // is read or validated (otherwise an expired session filling in the form got 400 field errors).
  // Reading one's profile, agreeing to a changed privacy guide and deleting the account need only a
  // session; everything else also the current consent (requireUser).
  app.addHook('onRequest', app.requireSession)
  const tags = ['users']
  const security = [{ bearer: [] }]

  app.get('/me', { schema: { tags, security, response: { 200: profile } } }, async (request) =>
    toProfile(request.user!, deps),
  )

  app.post('/me/consent', { schema: { tags, security, body: consentBody, response: { 200: profile } } }, async (request) =>
    toProfile(await agreeToPrivacy(deps, request.user!, request.body.consentVersion, request.body.channel), deps),
  )

  app.put('/me', { onRequest: app.requireUser, schema: { tags, security, body: profileUpdateBody, response: { 200: profile, ...alsoAnswers(502) } } }, async (request) => {
    const origin = { visitorId: visitorIdOf(request.headers), log: request.log }
    return toProfile(await updateProfile(deps, request.user!, request.body, origin), deps)
  })

  app.post('/me/avatar', { onRequest: app.requireUser, schema: { tags, security, consumes: ['multipart/form-data'], response: { 200: profile } } }, async (request) => {
    return toProfile(await setAvatar(deps, request.user!, await readImage(request)), deps)
  })

  app.post('/me/phone', { onRequest: app.requireUser, schema: { tags, security, body: phoneBody, response: { 200: profile, ...alsoAnswers(502) } } }, async (request) => {
    return toProfile(await setPhone(deps, request.user!, request.body.code), deps)
  })

  app.delete('/me', { schema: { tags, security, response: { 200: okResponse } } }, async (request) => {
    await deleteAccount(deps, request.user!)
    return { ok: true as const }
  })
}

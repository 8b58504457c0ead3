import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { okResponse } from '../../../../common/schemas/common'
import { consentBody, phoneBody, profile, profileUpdateBody } from '../../../../common/schemas/users'
import type { Deps } from '../../deps'
import { assertNotRisky, SCENE } from '../../lib/content-check'
import { readImage } from '../../lib/multipart'
import { assertTownship } from '../regions/regions.table'
import { agreeToPrivacy, deleteAccount, setAvatar, setPhone, toProfile, updateProfile } from './users.service'
import { creditRegistration, rememberVisitor, visitorIdOf } from '../sharing/sharing.service'
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
    const user = request.user!
    // A wrong township is refused before spending a WeChat call on the nickname.
    assertTownship(request.body.regionCode)
    // Nicknames are public text: WeChat requires them to be checked.
    await assertNotRisky(deps, user.openid, SCENE.profile, request.body.nickname, { nickname: '昵称含有不适宜的内容' })
    const updated = await updateProfile(deps, user, request.body)
    // Completing the profile the first time is registering: credit the volunteer whose share led
    // here. The phone (X-Visitor-Id) is the person's either way.
    const visitorId = visitorIdOf(request.headers)
    const attribution = !user.registered_at ? creditRegistration(deps, updated, visitorId) : rememberVisitor(deps, user.id, visitorId)
    await attribution.catch((err) => request.log.error({ err }, 'share attribution failed'))
    return toProfile(updated, deps)
  })

  app.post('/me/avatar', { onRequest: app.requireUser, schema: { tags, security, consumes: ['multipart/form-data'], response: { 200: profile } } }, async (request) => {
    return toProfile(await setAvatar(deps, request.user!, await readImage(request)), deps)
  })

  app.post('/me/phone', { onRequest: app.requireUser, schema: { tags, security, body: phoneBody, response: { 200: profile, ...alsoAnswers(502) } } }, async (request) => {
    const phone = await app.wechat.getPhoneNumber(request.body.code)
    return toProfile(await setPhone(deps, request.user!, phone.purePhoneNumber), deps)
  })

  app.delete('/me', { schema: { tags, security, response: { 200: okResponse } } }, async (request) => {
    await deleteAccount(deps, request.user!)
    return { ok: true as const }
  })
}

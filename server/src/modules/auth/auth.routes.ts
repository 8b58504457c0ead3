import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { okResponse } from '../../../../common/schemas/common'
import { devLoginBody, devUsersResponse, loginBody, sessionResponse } from '../../../../common/schemas/auth'
import { AppError } from '../../errors'
import { hashToken } from '../../lib/crypto'
import { bearerToken } from '../../plugins/auth'
import { deleteSessionByHash } from './sessions.repository'
import { DEMO_USERS, devOpenid } from '../../seed/demo-users'
import { signIn, toProfile, type UserDeps } from '../users/users.service'
import { rememberVisitor, visitorIdOf } from '../sharing/sharing.service'
import type { Deps } from '../../deps'
import { alsoAnswers } from '../../plugins/openapi'

export const authRoutes: FastifyPluginAsyncZod<{ deps: UserDeps & Pick<Deps, 'now'>; devLogin: boolean }> = async (app, { deps, devLogin }) => {
  const tags = ['auth']
  // The phone signed in on is the person's (X-Visitor-Id): their own share links opened there later,
  // signed out, are not counted for them. Never worth failing a sign-in over.
  const rememberPhone = (request: FastifyRequest, userId: number) =>
    rememberVisitor(deps, userId, visitorIdOf(request.headers)).catch((err) => request.log.error({ err }, 'remembering the phone failed'))

  app.post('/login', { schema: { tags, body: loginBody, response: { 200: sessionResponse, ...alsoAnswers(502) } } }, async (request) => {
    // The code is exchanged server-side; session_key stays inside the WeChat client.
    const { openid, unionid } = await app.wechat.code2Session(request.body.code)
    const session = await signIn(deps, { openid, unionid, consentVersion: request.body.consentVersion, channel: 'weapp' })
    await rememberPhone(request, session.user.id)
    return { token: session.token, expiresAt: session.expiresAt, user: toProfile(session.user, deps) }
  })

  // H5 has no wx.login. Against the emulator only, a browser can sign in as a demo user (or a
  // fresh one) so the site can be tried and tested; against real WeChat these routes do not exist.
  if (devLogin) {
    app.get('/dev-users', { schema: { tags, response: { 200: devUsersResponse } } }, async () => ({
      users: DEMO_USERS.map((u) => ({ userKey: u.userKey, label: u.label })),
    }))
    app.post('/dev-login', { schema: { tags, body: devLoginBody, response: { 200: sessionResponse } } }, async (request) => {
      const session = await signIn(deps, {
        openid: devOpenid(request.body.userKey),
        consentVersion: request.body.consentVersion,
        channel: 'h5',
      })
      await rememberPhone(request, session.user.id)
      return { token: session.token, expiresAt: session.expiresAt, user: toProfile(session.user, deps) }
    })
  } else {
    // Only answers "disabled": hidden from the OpenAPI document, which would otherwise list
    // /api/auth/dev-{*} under every method, without a response schema, in production.
    app.all('/dev-*', { schema: { hide: true } }, async () => {
      throw new AppError('DEV_LOGIN_DISABLED', 404)
    })
  }

  app.post('/logout', { schema: { tags, response: { 200: okResponse } } }, async (request) => {
    const token = bearerToken(request)
    if (token) await deleteSessionByHash(app.db, hashToken(token))
    return { ok: true as const }
  })
}

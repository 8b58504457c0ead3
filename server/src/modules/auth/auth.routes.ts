import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { okResponse } from '../../../../common/schemas/common'
import { devLoginBody, devUsersResponse, loginBody, sessionResponse } from '../../../../common/schemas/auth'
import { AppError } from '../../errors'
import { bearerToken } from '../../plugins/auth'
import { DEMO_USERS } from '../../seed/demo-users'
import { visitorIdOf } from '../sharing/sharing.service'
import type { Deps } from '../../deps'
import { alsoAnswers } from '../../plugins/openapi'
import { devLogin as devSignIn, login, logout } from './auth.service'

export const authRoutes: FastifyPluginAsyncZod<{ deps: Deps; devLogin: boolean }> = async (app, { deps, devLogin }) => {
  const tags = ['auth']
  const origin = (request: FastifyRequest) => ({ visitorId: visitorIdOf(request.headers), log: request.log })

  app.post('/login', { schema: { tags, body: loginBody, response: { 200: sessionResponse, ...alsoAnswers(502) } } }, async (request) =>
    login(deps, request.body, origin(request)),
  )

  // H5 has no wx.login. Against the emulator only, a browser can sign in as a demo user (or a
  // fresh one) so the site can be tried and tested; against real WeChat these routes do not exist.
  if (devLogin) {
    app.get('/dev-users', { schema: { tags, response: { 200: devUsersResponse } } }, async () => ({
      users: DEMO_USERS.map((u) => ({ userKey: u.userKey, label: u.label })),
    }))
    app.post('/dev-login', { schema: { tags, body: devLoginBody, response: { 200: sessionResponse } } }, async (request) =>
      devSignIn(deps, request.body, origin(request)),
    )
  } else {
    // Only answers "disabled": hidden from the OpenAPI document, which would otherwise list
    // /api/auth/dev-{*} under every method, without a response schema, in production.
    app.all('/dev-*', { schema: { hide: true } }, async () => {
      throw new AppError('DEV_LOGIN_DISABLED', 404)
    })
  }

  app.post('/logout', { schema: { tags, response: { 200: okResponse } } }, async (request) => {
    await logout(deps, bearerToken(request))
    return { ok: true as const }
  })
}

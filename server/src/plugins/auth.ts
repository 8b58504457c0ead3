import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { PRIVACY_VERSION } from '../../../common/enums'
import { hashToken } from '../lib/crypto'
import { unauthorized, forbidden } from '../errors'
import type { UserRow } from '../modules/users/users.repository'
import { findSessionUser } from '../modules/auth/sessions.repository'

// Sessions live in the database (only a hash of the token), so any instance can serve any
// request and a session is revoked by deleting its row.
declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, when the request carried a valid token. */
    user: UserRow | null
  }
  interface FastifyInstance {
    /** Signed in, whatever privacy guide they agreed to (their profile, agreeing again, deleting the account). */
    requireSession: (request: FastifyRequest, reply: FastifyReply) => Promise<void>
    /** Signed in and agreed to the current privacy guide (403 CONSENT_REQUIRED otherwise). */
    requireUser: (request: FastifyRequest, reply: FastifyReply) => Promise<void>
    requireStaff: (request: FastifyRequest, reply: FastifyReply) => Promise<void>
  }
}

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization
  if (!header) return null
  const match = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(header)
  return match ? match[1] : null
}

// `now` is the app's clock (deps.now): sessions are created and checked on the same one.
export default fp<{ now: () => Date }>(async (app, { now }) => {
  app.decorateRequest('user', null)

  app.addHook('onRequest', async (request) => {
    const token = bearerToken(request)
    if (!token) return
    // One query on every signed-in request: the session (unexpired) and its person together.
    const user = await findSessionUser(app.db, hashToken(token), now().toISOString())
    if (user && !user.deleted_at) request.user = user
  })

  app.decorate('requireSession', async (request: FastifyRequest) => {
    if (request.user) return
    // A token that no longer maps to a session is an expired login, not a missing one: the app re-logs in.
    throw bearerToken(request) ? unauthorized('SESSION_EXPIRED') : unauthorized('AUTH_REQUIRED')
  })

  app.decorate('requireUser', async (request: FastifyRequest, reply: FastifyReply) => {
    await app.requireSession(request, reply)
    // The privacy guide changed since they agreed to it: nothing is done with their data until
    // they agree again (POST /api/users/me/consent) or leave (DELETE /api/users/me).
    if (request.user!.consent_version !== PRIVACY_VERSION) throw forbidden('CONSENT_REQUIRED')
  })

  app.decorate('requireStaff', async (request: FastifyRequest, reply: FastifyReply) => {
    await app.requireUser(request, reply)
    if (!request.user?.is_staff) throw forbidden()
  })
})

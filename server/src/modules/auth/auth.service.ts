import type { Session } from '../../../../common/schemas/auth'
import type { Deps } from '../../deps'
import { hashToken } from '../../lib/crypto'
import { devOpenid } from '../../seed/demo-users'
import { rememberVisitor } from '../sharing/sharing.service'
import { signIn, toProfile, type Origin, type UserDeps } from '../users/users.service'
import { deleteSessionByHash } from './sessions.repository'

// Signing in and out. A session is created on the app's clock (users.service signIn) and checked
// on the same one (plugins/auth.ts).

type AuthDeps = UserDeps & Pick<Deps, 'now' | 'wechat'>
type SignInInput = { openid: string; unionid?: string | null; consentVersion: string; channel: 'weapp' | 'h5' }

async function startSession(deps: AuthDeps, input: SignInInput, origin: Origin): Promise<Session> {
  const session = await signIn(deps, input)
  // The phone signed in on is the person's (X-Visitor-Id): their own share links opened there
  // later, signed out, are not counted for them. Never worth failing a sign-in over.
  await rememberVisitor(deps, session.user.id, origin.visitorId).catch((err) => origin.log.error({ err }, 'remembering the phone failed'))
  return { token: session.token, expiresAt: session.expiresAt, user: toProfile(session.user, deps) }
}

/** POST /api/auth/login: the wx.login code is exchanged server-side; session_key stays inside the WeChat client. */
export async function login(deps: AuthDeps, input: { code: string; consentVersion: string }, origin: Origin): Promise<Session> {
  const { openid, unionid } = await deps.wechat.code2Session(input.code)
  return startSession(deps, { openid, unionid, consentVersion: input.consentVersion, channel: 'weapp' }, origin)
}

/** POST /api/auth/dev-login (emulator only): a demo user, or a fresh one, by key. */
export async function devLogin(deps: AuthDeps, input: { userKey: string; consentVersion: string }, origin: Origin): Promise<Session> {
  return startSession(deps, { openid: devOpenid(input.userKey), consentVersion: input.consentVersion, channel: 'h5' }, origin)
}

/** Ends the session the token names, if any; signing out twice is not an error. */
export async function logout(deps: Pick<Deps, 'db'>, token: string | null): Promise<void> {
  if (token) await deleteSessionByHash(deps.db, hashToken(token))
}

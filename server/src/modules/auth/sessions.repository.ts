import type { Db } from '../../db/database'
import type { UserRow } from '../users/users.repository'

// Sessions: one row per login, holding only a hash of the bearer token (a leaked database leaks no
// usable tokens). Any instance can serve any request; deleting the row revokes the login.

/** The most sessions one person keeps: a new login beyond it ends their oldest. */
export const MAX_SESSIONS_PER_USER = 10

/** The person a live session belongs to (one query on every signed-in request). */
export function findSessionUser(db: Db, tokenHash: string, at: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', at)
    .executeTakeFirst()
}

/**
 * Adds a session and ends the person's oldest beyond MAX_SESSIONS_PER_USER, so repeated logins
 * (a script, or a phone that keeps re-installing) cannot pile up rows. Run inside the login's
 * transaction, so the cap holds however many logins race.
 */
export async function insertSession(
  db: Db,
  values: { token_hash: string; user_id: number; created_at: string; expires_at: string },
  /** The account was created in this transaction: it has no older sessions to end (a training day's 2,000 first logins skip the statement). */
  firstOfUser = false,
) {
  await db.insertInto('sessions').values(values).execute()
  if (firstOfUser) return
  const keep = db
    .selectFrom('sessions')
    .select('id')
    .where('user_id', '=', values.user_id)
    .orderBy('id', 'desc')
    .limit(MAX_SESSIONS_PER_USER)
  await db.deleteFrom('sessions').where('user_id', '=', values.user_id).where('id', 'not in', keep).execute()
}

export async function deleteSessionByHash(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute()
}

export async function deleteUserSessions(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute()
}

/** The scheduled sweep: every session that expired before `at`; returns how many. */
export async function deleteExpiredSessions(db: Db, at: string): Promise<number> {
  const res = await db.deleteFrom('sessions').where('expires_at', '<', at).executeTakeFirst()
  return Number(res.numDeletedRows)
}

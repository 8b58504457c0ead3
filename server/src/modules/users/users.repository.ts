import type { Insertable, Selectable, Updateable } from 'kysely'
import type { Db, UsersTable } from '../../db/database'
import { isPostgres } from '../../db/database'

export type UserRow = Selectable<UsersTable>

export function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Many people at once, by id (one query for a page of posts). */
export async function findUsersByIds(db: Db, ids: number[]): Promise<UserRow[]> {
  const unique = [...new Set(ids)]
  if (!unique.length) return []
  return db.selectFrom('users').selectAll().where('id', 'in', unique).execute()
}

export function findUserByOpenid(db: Db, openid: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('openid', '=', openid).executeTakeFirst()
}

export async function insertUser(db: Db, values: Insertable<UsersTable>): Promise<UserRow> {
  return db.insertInto('users').values(values).returningAll().executeTakeFirstOrThrow()
}

/** Writes `values` and stamps updated_at with `at` (the service's clock). */
export async function updateUser(db: Db, id: number, values: Updateable<UsersTable>, at: string): Promise<UserRow> {
  return db
    .updateTable('users')
    .set({ ...values, updated_at: at })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function insertConsent(db: Db, userId: number, version: string, channel: string, at: string) {
  await db.insertInto('consents').values({ user_id: userId, version, channel, agreed_at: at }).execute()
}

/**
 * Marks a person's role claim pending, guarded by the state the caller read: of two requests at
 * once (a double tap on submit) only one finds the person not yet pending or verified. False for
 * the other, or when the role changed meanwhile.
 */
export async function claimVerificationPending(db: Db, userId: number, role: string, at: string): Promise<boolean> {
  const res = await db
    .updateTable('users')
    .set({ verification: 'pending', updated_at: at })
    .where('id', '=', userId)
    .where('role', '=', role)
    .where('verification', 'not in', ['pending', 'verified'])
    .executeTakeFirst()
  return Number(res.numUpdatedRows) > 0
}

/**
 * Mirrors a staff decision on users.verification, only if the person still claims `role` (they may
 * have changed it since) and, with `area` (a LIKE pattern), still lives inside it.
 */
export async function setVerification(db: Db, userId: number, role: string, status: string, area: string | null, at: string): Promise<void> {
  let q = db.updateTable('users').set({ verification: status, updated_at: at }).where('id', '=', userId).where('role', '=', role)
  if (area) q = q.where('region_code', 'like', area)
  await q.execute()
}

/**
 * The avatar a profile holds now, read under a row lock on PostgreSQL (SQLite writes one
 * transaction at a time), so that replacing or deleting it cannot race another write.
 */
export function lockAvatar(db: Db, userId: number): Promise<Pick<UserRow, 'avatar_path' | 'deleted_at'>> {
  let q = db.selectFrom('users').select(['avatar_path', 'deleted_at']).where('id', '=', userId)
  if (isPostgres(db)) q = q.forUpdate()
  return q.executeTakeFirstOrThrow()
}

/** Account deletion: the consent records go with the person. */
export async function deleteConsents(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('consents').where('user_id', '=', userId).execute()
}

import type { Insertable, Selectable, Updateable } from 'kysely'
import type { Db, UsersTable } from '../../db/database'

export type UserRow = Selectable<UsersTable>

export function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
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

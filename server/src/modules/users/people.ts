import type { Person } from '../../../../common/schemas/listings'
import type { Role } from '../../../../common/enums'
import type { Db } from '../../db/database'
import type { UserRow } from './users.repository'

/** How a person appears next to what they posted: never their phone or openid. */
export function toPerson(row: UserRow, uploadUrl: (path: string) => string): Person {
  return {
    id: row.id,
    nickname: row.deleted_at ? '已注销用户' : (row.nickname ?? '微信用户'),
    avatarUrl: row.avatar_path ? uploadUrl(row.avatar_path) : null,
    role: (row.role as Role | null) ?? null,
    verified: row.verification === 'verified',
  }
}

/** Loads many people at once (one query for a page of posts). */
export async function findPeople(db: Db, ids: number[]): Promise<Map<number, UserRow>> {
  const unique = [...new Set(ids)]
  if (!unique.length) return new Map()
  const rows = await db.selectFrom('users').selectAll().where('id', 'in', unique).execute()
  return new Map(rows.map((r) => [r.id, r]))
}

import type { Person } from '../../../../common/schemas/listings'
import type { Role } from '../../../../common/enums'
import type { Db } from '../../db/database'
import { findUsersByIds, type UserRow } from './users.repository'

/** The name a person is shown by: their nickname; '已注销用户' once deleted (or not found). */
export function displayName(user: Pick<UserRow, 'nickname' | 'deleted_at'> | undefined): string {
  if (!user || user.deleted_at) return '已注销用户'
  return user.nickname ?? '微信用户'
}

/** A person's avatar URL; none once they deleted their account (or when not found). */
export function avatarOf(deps: { uploadUrl: (path: string) => string }, user: Pick<UserRow, 'avatar_path' | 'deleted_at'> | undefined): string | null {
  return user?.avatar_path && !user.deleted_at ? deps.uploadUrl(user.avatar_path) : null
}

/** The columns of a person that toPerson shows. */
export type PersonRow = Pick<UserRow, 'id' | 'nickname' | 'avatar_path' | 'role' | 'verification' | 'deleted_at'>

/** How a person appears next to what they posted: never their phone or openid. */
export function toPerson(row: PersonRow, uploadUrl: (path: string) => string): Person {
  return {
    id: row.id,
    nickname: displayName(row),
    avatarUrl: row.avatar_path ? uploadUrl(row.avatar_path) : null,
    role: (row.role as Role | null) ?? null,
    verified: row.verification === 'verified',
  }
}

/** Loads many people at once (one query for a page of posts). */
export async function findPeople(db: Db, ids: number[]): Promise<Map<number, UserRow>> {
  const rows = await findUsersByIds(db, ids)
  return new Map(rows.map((r) => [r.id, r]))
}

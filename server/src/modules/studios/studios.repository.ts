import type { Selectable } from 'kysely'
import type { Db, StudioProfilesTable } from '../../db/database'

export type StudioProfileRow = Selectable<StudioProfilesTable>

export function findStudioProfile(db: Db, userId: number): Promise<StudioProfileRow | undefined> {
  return db.selectFrom('studio_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst()
}

/** The studio's words with its photo's stored keys and WeChat's verdict on it (null when it has none). */
export function findStudioPage(db: Db, userId: number) {
  return db
    .selectFrom('studio_profiles as s')
    .leftJoin('uploads as u', 'u.id', 's.photo_upload_id')
    .select(['s.intro', 's.fields', 's.photo_upload_id', 'u.path', 'u.thumb_path', 'u.check_status'])
    .where('s.user_id', '=', userId)
    .executeTakeFirst()
}

/** Whose studio shows the upload `uploadId` as its photo, if any. */
export async function studioWithPhoto(db: Db, uploadId: number): Promise<number | null> {
  const row = await db.selectFrom('studio_profiles').select('user_id').where('photo_upload_id', '=', uploadId).executeTakeFirst()
  return row?.user_id ?? null
}

export async function saveStudioProfile(db: Db, row: StudioProfileRow): Promise<void> {
  await db
    .insertInto('studio_profiles')
    .values(row)
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ intro: row.intro, photo_upload_id: row.photo_upload_id, fields: row.fields, updated_at: row.updated_at }))
    .execute()
}

export async function deleteStudioProfile(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('studio_profiles').where('user_id', '=', userId).execute()
}

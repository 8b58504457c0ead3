import type { Insertable } from 'kysely'
import type { Db, NotificationsTable } from '../../db/database'

// The notifications log: one row per subscribe message tried, whatever WeChat answered.

export async function insertNotification(db: Db, values: Insertable<NotificationsTable>): Promise<void> {
  await db.insertInto('notifications').values(values).execute()
}

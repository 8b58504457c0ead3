import type { Kysely } from 'kysely'

// A contact phone a person keeps in their profile (issue 12): herders and chairs on H5 cannot bind
// their phone through WeChat, and typed the same number into every post and every 对接. It is only
// ever a contact: unlike `phone_encrypted` (the number WeChat vouches for, which finds 举荐 made by
// phone) nobody is matched by it, so it needs no lookup hash. Encrypted like every phone.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('contact_phone_encrypted', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('contact_phone_encrypted').execute()
}

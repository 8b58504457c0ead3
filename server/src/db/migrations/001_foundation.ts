import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Frozen in time: a migration never imports app code, so later changes to the app cannot
// change what an old migration did. Small dialect branches keep one file for both databases.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const ts = pg ? sql`timestamptz` : sql`text`
  const id = (col: any) =>
    pg ? col.generatedByDefaultAsIdentity().primaryKey() : col.autoIncrement().primaryKey()

  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', id)
    .addColumn('openid', 'text', (c) => c.notNull().unique())
    .addColumn('unionid', 'text')
    .addColumn('nickname', 'text')
    .addColumn('avatar_path', 'text')
    .addColumn('role', 'text')
    .addColumn('verification', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('is_staff', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('region_code', 'text')
    .addColumn('phone_encrypted', 'text')
    .addColumn('phone_lookup', 'text')
    .addColumn('consent_version', 'text')
    .addColumn('consent_at', ts)
    .addColumn('registered_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('deleted_at', ts)
    .execute()
  await db.schema.createIndex('users_region_idx').on('users').column('region_code').execute()
  await db.schema.createIndex('users_phone_lookup_idx').on('users').column('phone_lookup').execute()

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'integer', id)
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute()

  await db.schema
    .createTable('consents')
    .addColumn('id', 'integer', id)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('agreed_at', ts, (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('articles')
    .addColumn('id', 'integer', id)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('subtitle', 'text')
    .addColumn('byline', 'text')
    .addColumn('paragraphs', 'text', (c) => c.notNull())
    .addColumn('photos', 'text', (c) => c.notNull())
    .addColumn('published_on', 'text')
    .addColumn('issue_no', 'integer')
    .addColumn('page_no', 'integer')
    .addColumn('page_name', 'text')
    .addColumn('original_url', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['articles', 'consents', 'sessions', 'users']) await db.schema.dropTable(t).execute()
}

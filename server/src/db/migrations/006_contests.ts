import { PostgresAdapter, sql, type Kysely } from 'kysely'

// 乡土人才 contests (大赛 and 科创会): the contest and its stage dates, entries (self sign-up or
// a confirmed nomination), chairs' nominations (举荐) — possibly of someone with no account yet,
// found again by the keyed hash of their phone when they register — the popular vote, and a
// database-backed rate-limit counter shared by every server instance.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const ts = pg ? sql`timestamptz` : sql`text`
  const id = (col: any) => (pg ? col.generatedByDefaultAsIdentity().primaryKey() : col.autoIncrement().primaryKey())
  const user = (col: any) => col.references('users.id')

  await db.schema
    .createTable('contests')
    .addColumn('id', 'integer', id)
    /** 'contest' (乡土人才创新创业大赛) or 'fair' (科创会). */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('organiser', 'text', (c) => c.notNull())
    /** 'province' | 'prefecture' | 'county'; region_code is '51' for the province. */
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    /** JSON array of CONTEST_CATEGORIES values. */
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull())
    /** The stage staff have moved the contest to: signup | preliminary | semifinal | final | finished. */
    .addColumn('stage', 'text', (c) => c.notNull())
    /** Deadlines (instants; the app shows them in China time). Sign-up closes at signup_ends_at. */
    .addColumn('signup_ends_at', ts, (c) => c.notNull())
    .addColumn('preliminary_ends_at', ts, (c) => c.notNull())
    .addColumn('semifinal_ends_at', ts, (c) => c.notNull())
    .addColumn('final_ends_at', ts, (c) => c.notNull())
    /** Set when staff publish the results (awards become public; the vote closes). */
    .addColumn('results_published_at', ts)
    .addColumn('created_by', 'integer', (c) => user(c).notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('contests_stage_idx').on('contests').columns(['stage', 'id']).execute()

  await db.schema
    .createTable('contest_entries')
    .addColumn('id', 'integer', id)
    .addColumn('contest_id', 'integer', (c) => c.references('contests.id').notNull())
    .addColumn('user_id', 'integer', (c) => user(c).notNull())
    /** 'self' (signed up) or 'nomination' (a chair's 举荐, confirmed by the nominee). */
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('years_experience', 'integer', (c) => c.notNull())
    /** The entrant's township (the talent pool filters by it). */
    .addColumn('region_code', 'text', (c) => c.notNull())
    /** JSON array of upload ids (photos checked and resized by /api/uploads). */
    .addColumn('photo_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    /** The furthest stage reached: signup (entered) | preliminary | semifinal | final. */
    .addColumn('stage_reached', 'text', (c) => c.notNull())
    /** gold | silver | bronze | excellence | other (with award_name); null: none. */
    .addColumn('award', 'text')
    .addColumn('award_name', 'text')
    /** The popular-vote award (最受欢迎), decided when results are published. */
    .addColumn('popular_award', 'integer', (c) => c.notNull().defaultTo(0))
    /** Exact: incremented in the same transaction as the vote row it counts. */
    .addColumn('vote_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('check_suggest', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('contest_entries_person_idx').on('contest_entries').columns(['contest_id', 'user_id']).unique().execute()
  await db.schema.createIndex('contest_entries_stage_idx').on('contest_entries').columns(['contest_id', 'stage_reached']).execute()
  await db.schema.createIndex('contest_entries_user_idx').on('contest_entries').column('user_id').execute()

  await db.schema
    .createTable('contest_nominations')
    .addColumn('id', 'integer', id)
    .addColumn('contest_id', 'integer', (c) => c.references('contests.id').notNull())
    .addColumn('nominator_id', 'integer', (c) => user(c).notNull())
    /** Set when the nominee has an account (at nomination, or when they register with the phone). */
    .addColumn('nominee_user_id', 'integer', (c) => user(c))
    .addColumn('nominee_name', 'text', (c) => c.notNull())
    .addColumn('nominee_phone_encrypted', 'text')
    /** Keyed hash of the phone (as users.phone_lookup): how a nominee without an account is found. */
    .addColumn('nominee_phone_lookup', 'text')
    /** Who the nominee is (format: nominations.service.ts): one nomination per person per contest. */
    .addColumn('nominee_key', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    /** pending | confirmed | declined | withdrawn */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'integer', (c) => c.references('contest_entries.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('decided_at', ts)
    .execute()
  await db.schema.createIndex('contest_nominations_key_idx').on('contest_nominations').columns(['contest_id', 'nominee_key']).unique().execute()
  await db.schema.createIndex('contest_nominations_nominator_idx').on('contest_nominations').columns(['nominator_id', 'id']).execute()
  await db.schema.createIndex('contest_nominations_lookup_idx').on('contest_nominations').column('nominee_phone_lookup').execute()
  await db.schema.createIndex('contest_nominations_user_idx').on('contest_nominations').column('nominee_user_id').execute()

  await db.schema
    .createTable('contest_votes')
    .addColumn('id', 'integer', id)
    .addColumn('contest_id', 'integer', (c) => c.references('contests.id').notNull())
    .addColumn('entry_id', 'integer', (c) => c.references('contest_entries.id').notNull())
    .addColumn('voter_id', 'integer', (c) => user(c).notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  // One vote per person per contest, enforced by the database (50 concurrent taps make one vote).
  await db.schema.createIndex('contest_votes_voter_idx').on('contest_votes').columns(['contest_id', 'voter_id']).unique().execute()

  // Fixed-window counters keyed by what is limited (e.g. 'vote:user:12'): shared by all instances.
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', ts, (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['rate_limits', 'contest_votes', 'contest_nominations', 'contest_entries', 'contests']) await db.schema.dropTable(t).execute()
}

import { PostgresAdapter, sql, type Kysely } from 'kysely'
import { chinaMonthOf } from '../../../../common/china-time'

// 科服保姆 (issue 14): every need is a triage case from the moment it is published, so that none
// waits unseen. `triage_cases` holds one row per need — its place in the queue and the figures the
// dashboard reads (first response, acceptance, resolution, follow-up outcome), kept on write so
// that a month of a province is one indexed range, not a join over responses. `triage_assignments`
// are the experts triage put a need to, each with its deadline; `triage_keepers` the volunteers
// staff appointed 科服保姆 of a county; `triage_followups` the farmers' answers to 问题解决了吗.
// What happened to a case (assigned, declined, escalated, 代为回复, reopened) is in listing_events,
// with the post's own timeline: the 保姆单 reads both.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const ts = pg ? sql`timestamptz` : sql`text`
  const id = (col: any) => (pg ? col.generatedByDefaultAsIdentity().primaryKey() : col.autoIncrement().primaryKey())

  await db.schema
    .createTable('triage_cases')
    .addColumn('listing_id', 'integer', (c) => c.primaryKey().references('listings.id'))
    /** The need's township (copied: the queue and the figures never join listings for it). */
    .addColumn('region_code', 'text', (c) => c.notNull())
    /** The China-time month it was published in ('2026-12'): the figures' period. */
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('published_at', ts, (c) => c.notNull())
    /** open (in the queue) | accepted | resolved | closed */
    .addColumn('state', 'text', (c) => c.notNull())
    /** Set when it came (back) to the top of the queue; cleared when triage acts or someone answers. */
    .addColumn('urgent_at', ts)
    /**
     * Its place in the queue, kept with state and urgent_at so the queue is read in index order:
     * 0 at the top (urgent), 1 waiting, null not in the queue (accepted, resolved, closed).
     */
    .addColumn('queue_rank', 'integer')
    /** unanswered | overdue | declined | reopened */
    .addColumn('urgent_reason', 'text')
    .addColumn('first_response_at', ts)
    /** Minutes from publication to the first answer (a response, or triage's 代为回复). */
    .addColumn('first_response_minutes', 'integer')
    .addColumn('accepted_at', ts)
    .addColumn('resolved_at', ts)
    /** When the 7-day and the 30-day 问题解决了吗 went out for the current resolution. */
    .addColumn('followup7_at', ts)
    .addColumn('followup30_at', ts)
    /** The farmer's latest answer: solved | partial | unsolved. */
    .addColumn('outcome', 'text')
    .execute()
  // The queue, urgent first then oldest: the province's first page reads its rows in index order;
  // an area's open cases are one range per rank, sorted (a county holds a few thousand).
  await db.schema.createIndex('triage_cases_queue_idx').on('triage_cases').columns(['queue_rank', 'published_at', 'listing_id']).execute()
  await db.schema.createIndex('triage_cases_area_idx').on('triage_cases').columns(['queue_rank', 'region_code', 'published_at']).execute()
  // The figures: one month of an area, read from the index alone.
  await db.schema
    .createIndex('triage_cases_figures_idx')
    .on('triage_cases')
    .columns(['month', 'region_code', 'published_at', 'first_response_minutes', 'resolved_at', 'outcome'])
    .execute()
  // The jobs read only what is due: unanswered needs not yet escalated, by age; resolved needs not
  // yet asked, by resolution date (a scan of every resolved need cost 0.3 s a run at 1,000,000).
  await db.schema.createIndex('triage_cases_unanswered_idx').on('triage_cases').columns(['state', 'first_response_at', 'urgent_at', 'published_at']).execute()
  await db.schema.createIndex('triage_cases_followup7_idx').on('triage_cases').columns(['state', 'followup7_at', 'resolved_at']).execute()
  await db.schema.createIndex('triage_cases_followup30_idx').on('triage_cases').columns(['state', 'followup30_at', 'resolved_at']).execute()
  // Who is told when a county has no 科服保姆: the staff of the county or prefecture (without this,
  // a walk over every user per escalation: 0.55 s each at 320,000 users on SQLite).
  await db.schema.createIndex('users_staff_area_idx').on('users').columns(['is_staff', 'staff_region_code']).execute()

  await db.schema
    .createTable('triage_assignments')
    .addColumn('id', 'integer', id)
    .addColumn('listing_id', 'integer', (c) => c.notNull().references('listings.id'))
    .addColumn('expert_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('assigned_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('assigned_at', ts, (c) => c.notNull())
    .addColumn('due_at', ts, (c) => c.notNull())
    /** open | answered | declined | overdue */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decline_reason', 'text')
    .addColumn('decided_at', ts)
    .execute()
  await db.schema.createIndex('triage_assignments_listing_idx').on('triage_assignments').columns(['listing_id', 'id']).execute()
  await db.schema.createIndex('triage_assignments_expert_idx').on('triage_assignments').columns(['expert_id', 'status', 'id']).execute()
  await db.schema.createIndex('triage_assignments_due_idx').on('triage_assignments').columns(['status', 'due_at']).execute()

  await db.schema
    .createTable('triage_keepers')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('appointed_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('appointed_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('triage_keepers_pk', ['user_id', 'county_code'])
    .execute()
  await db.schema.createIndex('triage_keepers_county_idx').on('triage_keepers').column('county_code').execute()

  await db.schema
    .createTable('triage_followups')
    .addColumn('id', 'integer', id)
    .addColumn('listing_id', 'integer', (c) => c.notNull().references('listings.id'))
    /** 7 or 30: which question this answers. */
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('voice_id', 'integer', (c) => c.references('uploads.id'))
    /** The resolution it answers for (a need reopened and resolved again is asked again). */
    .addColumn('resolved_at', ts, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('triage_followups_once_idx')
    .on('triage_followups')
    .columns(['listing_id', 'round', 'resolved_at'])
    .unique()
    .execute()
  await db.schema.createIndex('triage_followups_author_idx').on('triage_followups').column('author_id').execute()

  // Needs already public become cases, with what is known of them. Those resolved before today are
  // not asked 问题解决了吗 out of the blue (their follow-ups count as done).
  await sql`
    insert into triage_cases (listing_id, region_code, month, published_at, state, queue_rank, first_response_at, accepted_at, resolved_at, followup7_at, followup30_at)
    select l.id, l.region_code, '', coalesce(l.published_at, l.created_at),
      case l.status when 'published' then 'open' when 'resolved' then 'resolved' else 'closed' end,
      case l.status when 'published' then 1 end,
      (select min(r.created_at) from listing_responses r where r.listing_id = l.id),
      (select min(r.decided_at) from listing_responses r where r.listing_id = l.id and r.status = 'accepted'),
      case l.status when 'resolved' then l.updated_at end,
      case l.status when 'resolved' then l.updated_at end,
      case l.status when 'resolved' then l.updated_at end
    from listings l
    where l.side = 'need' and l.kind = 'post' and l.status in ('published', 'resolved', 'closed') and l.published_at is not null`.execute(db)
  const rows = await db.selectFrom('triage_cases').select(['listing_id', 'published_at', 'first_response_at', 'accepted_at']).execute()
  for (const r of rows) {
    const published = new Date(r.published_at).getTime()
    const first = r.first_response_at ? Math.max(0, Math.round((new Date(r.first_response_at).getTime() - published) / 60_000)) : null
    const month = chinaMonthOf(published)
    await db
      .updateTable('triage_cases')
      .set({
        month,
        first_response_minutes: first,
        ...(r.accepted_at ? { state: sql`case when state = 'open' then 'accepted' else state end`, queue_rank: null } : {}),
      })
      .where('listing_id', '=', r.listing_id)
      .execute()
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['triage_followups', 'triage_keepers', 'triage_assignments', 'triage_cases']) await db.schema.dropTable(t).execute()
  await db.schema.dropIndex('users_staff_area_idx').execute()
}

import { PostgresAdapter, sql, type Kysely } from 'kysely'

// The dashboard's counts kept on write (issue 15): the province's dashboard counted every person
// of Sichuan per request (~1 s at 1,000,000 people, the SQLite process stalled for half of it).
// `dashboard_counts` holds, per area (province, prefecture, county, township — the code prefixes
// of length 2, 4, 6 and 9), China-time month ('2026-12'), metric and part (the role for
// registrations, '' otherwise), the number the dashboard's from-scratch query gives
// (server/src/modules/dashboard/dashboard.live.ts). So a dashboard of any area is a handful of
// rows read by primary key.
//
// Kept by triggers, in the same transaction as the write that changes a count, on both
// databases: the counts depend on columns other features own (a person's role, township or
// deletion, a post's status, a nomination's withdrawal, …), and a trigger sees every such
// change however it is made — no feature has to remember the dashboard, and nothing is ever
// stale. Each trigger adds the row's new contribution and takes away its old one, netted per
// key (an update that changes nothing counted writes nothing), in key order.
//
// The codes: a count is filed under each prefix of the row's code, and under the township only
// when the code is a township's (9 digits) — exactly what the live query's area test does (a
// township is `code = x`, a wider area the range [x, x+1)).
//
// `dashboard_resolved` counts, per post and China month, its 'resolved' events: 解决 counts a
// post once in each month it was marked resolved while it is resolved now, and the triggers keep
// that without reading listing_events (whose indexes a bulk load may have dropped).
//
// Months: China is UTC+8 all year. SQLite stores ISO strings (strftime reads them, 'Z' and all);
// PostgreSQL timestamptz is shifted from UTC by 8 hours — no time-zone database involved.
//
// Frozen in time: this file never imports app code; the SQL below is its own.

type Row = 'NEW' | 'OLD'

interface Trigger {
  name: string
  table: string
  event: 'insert' | 'update' | 'delete'
  /** update: the columns whose change may change a count. */
  columns?: string[]
  /** A condition on NEW / OLD (the trigger does nothing otherwise). */
  when?: string
  body: string[]
}

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const month = (col: string) => (pg ? `to_char((${col} at time zone 'UTC') + interval '8 hours', 'YYYY-MM')` : `strftime('%Y-%m', ${col}, '+8 hours')`)

  // On SQLite both are WITHOUT ROWID: the rows live in primary-key order, so an area's months (and a
  // province's 21 prefectures × 24 months × roles) are read in one pass, with no lookup per row
  // (bench/dashboard.mjs: 2,400 rows took 14 ms through the rowid table, on a busy machine).
  const clustered = (q: { modifyEnd(s: any): any }) => (pg ? q : q.modifyEnd(sql`without rowid`))
  await clustered(
    db.schema
      .createTable('dashboard_counts')
      .addColumn('area', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('metric', 'text', (c) => c.notNull())
      .addColumn('part', 'text', (c) => c.notNull())
      .addColumn('n', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('dashboard_counts_pk', ['area', 'month', 'metric', 'part']),
  ).execute()
  await clustered(
    db.schema
      .createTable('dashboard_resolved')
      .addColumn('listing_id', 'integer', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('events', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('dashboard_resolved_pk', ['listing_id', 'month']),
  ).execute()

  // Rows (r township code, m month, metric, part, d amount) → dashboard_counts, under every level.
  const levels = `(select 2 as len union all select 4 union all select 6 union all select 9) l`
  const expand = (rows: string[]) =>
    `select substr(c.r, 1, l.len), c.m, c.metric, c.part, sum(c.d) from (${rows.join(' union all ')}) c
     join ${levels} on length(c.r) >= l.len and (l.len < 9 or length(c.r) = 9)
     group by 1, 2, 3, 4 having sum(c.d) <> 0`
  const add = (rows: string[]) =>
    `insert into dashboard_counts (area, month, metric, part, n) ${expand(rows)} order by 1, 2, 3, 4
     on conflict (area, month, metric, part) do update set n = dashboard_counts.n + excluded.n`

  // What one row contributes (d = +1 for NEW, -1 for OLD). Column aliases come from the first part.
  const sign = (p: Row) => (p === 'NEW' ? '1' : '-1')
  const registration = (p: Row) =>
    `select ${p}.region_code as r, ${month(`${p}.registered_at`)} as m, 'registrations' as metric, coalesce(${p}.role, '') as part, ${sign(p)} as d
     where ${p}.registered_at is not null and ${p}.deleted_at is null`
  // A person who moves takes the registration credited to a share with them (counted by their township).
  const movedShareRegistration = (p: Row) =>
    `select ${p}.region_code, ${month('sr.created_at')}, 'share_registrations', '', ${sign(p)} from share_registrations sr
     where sr.user_id = ${p}.id and OLD.region_code is distinct from NEW.region_code`
  const post = (p: Row) =>
    `select ${p}.region_code as r, ${month(`${p}.published_at`)} as m, 'posts' as metric, '' as part, ${sign(p)} as d
     where ${p}.kind = 'post' and ${p}.published_at is not null`
  const resolvedOf = (p: Row) =>
    `select ${p}.region_code, dr.month, 'resolved', '', ${sign(p)} from dashboard_resolved dr
     where dr.listing_id = ${p}.id and dr.events > 0 and ${p}.status = 'resolved'`
  const responsesOf = (p: Row, onlyMoved: boolean) =>
    `select ${p}.region_code, ${month('lr.created_at')}, 'responses', '', ${sign(p)} from listing_responses lr
     where lr.listing_id = ${p}.id${onlyMoved ? ' and OLD.region_code is distinct from NEW.region_code' : ''}`
  const response = (p: Row) =>
    `select l.region_code as r, ${month(`${p}.created_at`)} as m, 'responses' as metric, '' as part, ${sign(p)} as d
     from listings l where l.id = ${p}.listing_id`
  const own = (metric: string, where = '') => (p: Row) =>
    `select ${p}.region_code as r, ${month(`${p}.created_at`)} as m, '${metric}' as metric, '' as part, ${sign(p)} as d
     where ${p}.region_code is not null${where ? ` and ${where.split('$').join(p)}` : ''}`
  const entry = own('contest_entries')
  const nomination = own('nominations', `$.status <> 'withdrawn'`)
  const share = own('shares')
  const shareRegistration = (p: Row) =>
    `select u.region_code as r, ${month(`${p}.created_at`)} as m, 'share_registrations' as metric, '' as part, ${sign(p)} as d
     from users u where u.id = ${p}.user_id`
  // A resolved event: the post counts in its month when it is resolved and had no such event there yet.
  const resolvedEventAdded = [
    add([
      `select l.region_code as r, ${month('NEW.created_at')} as m, 'resolved' as metric, '' as part, 1 as d from listings l
       where l.id = NEW.listing_id and l.status = 'resolved' and NEW.kind = 'resolved' and not exists (select 1 from dashboard_resolved dr
         where dr.listing_id = NEW.listing_id and dr.month = ${month('NEW.created_at')} and dr.events > 0)`,
    ]),
    `insert into dashboard_resolved (listing_id, month, events) select NEW.listing_id, ${month('NEW.created_at')}, 1 where NEW.kind = 'resolved'
     on conflict (listing_id, month) do update set events = dashboard_resolved.events + 1`,
  ]
  const resolvedEventRemoved = [
    `update dashboard_resolved set events = events - 1 where OLD.kind = 'resolved' and listing_id = OLD.listing_id and month = ${month('OLD.created_at')}`,
    add([
      `select l.region_code as r, ${month('OLD.created_at')} as m, 'resolved' as metric, '' as part, -1 as d from listings l
       where l.id = OLD.listing_id and l.status = 'resolved' and OLD.kind = 'resolved' and exists (select 1 from dashboard_resolved dr
         where dr.listing_id = OLD.listing_id and dr.month = ${month('OLD.created_at')} and dr.events = 0)`,
    ]),
  ]
  const changed = (cols: string[]) => cols.map((c) => `OLD.${c} is distinct from NEW.${c}`).join(' or ')

  // Inserts count only the row itself: rows that point at it (responses, events, credited
  // registrations) come after it (foreign keys). Deletes of people, posts and shares are refused
  // while rows point at them, and never made by the app; their triggers keep the count right anyway.
  const simple = (name: string, table: string, columns: string[], rows: (p: Row) => string): Trigger[] => [
    { name: `${name}_ins`, table, event: 'insert', body: [add([rows('NEW')])] },
    { name: `${name}_upd`, table, event: 'update', columns, when: changed(columns), body: [add([rows('OLD'), rows('NEW')])] },
    { name: `${name}_del`, table, event: 'delete', body: [add([rows('OLD')])] },
  ]
  const userCols = ['registered_at', 'deleted_at', 'role', 'region_code']
  const listingCols = ['region_code', 'kind', 'published_at', 'status']
  const eventCols = ['kind', 'listing_id', 'created_at']
  const triggers: Trigger[] = [
    { name: 'dash_users_ins', table: 'users', event: 'insert', body: [add([registration('NEW')])] },
    {
      name: 'dash_users_upd',
      table: 'users',
      event: 'update',
      columns: userCols,
      when: changed(userCols),
      body: [add([registration('OLD'), registration('NEW'), movedShareRegistration('OLD'), movedShareRegistration('NEW')])],
    },
    { name: 'dash_users_del', table: 'users', event: 'delete', body: [add([registration('OLD')])] },
    { name: 'dash_listings_ins', table: 'listings', event: 'insert', body: [add([post('NEW'), resolvedOf('NEW')])] },
    {
      name: 'dash_listings_upd',
      table: 'listings',
      event: 'update',
      columns: listingCols,
      when: changed(listingCols),
      body: [add([post('OLD'), post('NEW'), resolvedOf('OLD'), resolvedOf('NEW'), responsesOf('OLD', true), responsesOf('NEW', true)])],
    },
    { name: 'dash_listings_del', table: 'listings', event: 'delete', body: [add([post('OLD'), resolvedOf('OLD'), responsesOf('OLD', false)])] },
    ...simple('dash_responses', 'listing_responses', ['listing_id', 'created_at'], response),
    { name: 'dash_events_ins', table: 'listing_events', event: 'insert', when: `NEW.kind = 'resolved'`, body: resolvedEventAdded },
    {
      name: 'dash_events_upd',
      table: 'listing_events',
      event: 'update',
      columns: eventCols,
      when: `(${changed(eventCols)}) and (OLD.kind = 'resolved' or NEW.kind = 'resolved')`,
      body: [...resolvedEventRemoved, ...resolvedEventAdded],
    },
    { name: 'dash_events_del', table: 'listing_events', event: 'delete', when: `OLD.kind = 'resolved'`, body: resolvedEventRemoved },
    ...simple('dash_entries', 'contest_entries', ['region_code', 'created_at'], entry),
    ...simple('dash_nominations', 'contest_nominations', ['status', 'region_code', 'created_at'], nomination),
    ...simple('dash_shares', 'shares', ['region_code', 'created_at'], share),
    ...simple('dash_share_regs', 'share_registrations', ['user_id', 'created_at'], shareRegistration),
  ]

  // What is there already, counted once (the same rows, grouped by township first).
  await sql
    .raw(
      `insert into dashboard_resolved (listing_id, month, events)
       select listing_id, ${month('created_at')}, count(*) from listing_events where kind = 'resolved' group by 1, 2`,
    )
    .execute(db)
  await sql
    .raw(
      `insert into dashboard_counts (area, month, metric, part, n) ${expand([
        `select region_code as r, ${month('registered_at')} as m, 'registrations' as metric, coalesce(role, '') as part, count(*) as d
         from users where registered_at is not null and deleted_at is null and region_code is not null group by 1, 2, 4`,
        `select region_code, ${month('published_at')}, 'posts', '', count(*) from listings where kind = 'post' and published_at is not null group by 1, 2`,
        `select l.region_code, ${month('lr.created_at')}, 'responses', '', count(*) from listing_responses lr join listings l on l.id = lr.listing_id group by 1, 2`,
        `select l.region_code, dr.month, 'resolved', '', count(*) from dashboard_resolved dr join listings l on l.id = dr.listing_id
         where l.status = 'resolved' and dr.events > 0 group by 1, 2`,
        `select region_code, ${month('created_at')}, 'contest_entries', '', count(*) from contest_entries where region_code is not null group by 1, 2`,
        `select region_code, ${month('created_at')}, 'nominations', '', count(*) from contest_nominations
         where region_code is not null and status <> 'withdrawn' group by 1, 2`,
        `select region_code, ${month('created_at')}, 'shares', '', count(*) from shares where region_code is not null group by 1, 2`,
        `select u.region_code, ${month('s.created_at')}, 'share_registrations', '', count(*) from share_registrations s join users u on u.id = s.user_id group by 1, 2`,
      ])}`,
    )
    .execute(db)

  // The people list (GET /api/dashboard/people) of a province, prefecture or county, newest first:
  // walked in this order from the first row of the area, 50 rows a page, where the (region_code,
  // registered_at) index read every person of the area in the period and sorted them (the province:
  // 20 ms at 100,000 people, linear in people; the busiest county 14 ms at 1,000,000). A township
  // is one region_code: users_dashboard_idx walks it in order.
  for (const len of [2, 4, 6]) {
    await sql
      .raw(`create index users_people_${len}_idx on users (substr(region_code, 1, ${len}), registered_at, id) where deleted_at is null`)
      .execute(db)
  }

  for (const t of triggers) {
    const on = `after ${t.event}${t.columns ? ` of ${t.columns.join(', ')}` : ''} on ${t.table} for each row${t.when ? ` when (${t.when})` : ''}`
    if (pg) {
      await sql.raw(`create function ${t.name}() returns trigger language plpgsql as $$ begin ${t.body.join('; ')}; return null; end $$`).execute(db)
      await sql.raw(`create trigger ${t.name} ${on} execute function ${t.name}()`).execute(db)
    } else await sql.raw(`create trigger ${t.name} ${on} begin ${t.body.join('; ')}; end`).execute(db)
  }
}

const TRIGGERS = [
  'dash_users_ins', 'dash_users_upd', 'dash_users_del',
  'dash_listings_ins', 'dash_listings_upd', 'dash_listings_del',
  'dash_responses_ins', 'dash_responses_upd', 'dash_responses_del',
  'dash_events_ins', 'dash_events_upd', 'dash_events_del',
  'dash_entries_ins', 'dash_entries_upd', 'dash_entries_del',
  'dash_nominations_ins', 'dash_nominations_upd', 'dash_nominations_del',
  'dash_shares_ins', 'dash_shares_upd', 'dash_shares_del',
  'dash_share_regs_ins', 'dash_share_regs_upd', 'dash_share_regs_del',
]
const TABLE_OF: Record<string, string> = {
  users: 'users', listings: 'listings', responses: 'listing_responses', events: 'listing_events', entries: 'contest_entries',
  nominations: 'contest_nominations', shares: 'shares', share: 'share_registrations',
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  for (const name of TRIGGERS) {
    if (pg) {
      const table = TABLE_OF[name.split('_')[1]]
      await sql.raw(`drop trigger if exists ${name} on ${table}`).execute(db)
      await sql.raw(`drop function if exists ${name}()`).execute(db)
    } else await sql.raw(`drop trigger if exists ${name}`).execute(db)
  }
  for (const len of [2, 4, 6]) await sql.raw(`drop index if exists users_people_${len}_idx`).execute(db)
  await db.schema.dropTable('dashboard_resolved').execute()
  await db.schema.dropTable('dashboard_counts').execute()
}

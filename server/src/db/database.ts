import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, PostgresAdapter, sql, PostgresDialect, SqliteDialect, type ColumnType, type Generated } from 'kysely'
import pg from 'pg'
import { checkpointInBackground } from './sqlite-checkpoints'
import { reusingStatements } from './sqlite-statements'

// Every table, in one place. Conventions that keep SQLite and PostgreSQL interchangeable:
// - timestamps are ISO-8601 strings in UTC (text on SQLite, timestamptz on PostgreSQL read back as ISO strings);
// - booleans are integers 0/1 (better-sqlite3 cannot bind booleans);
// - small JSON documents are text (they are never queried inside).
type Timestamp = string

export interface UsersTable {
  id: Generated<number>
  /** WeChat openid; after deletion replaced by 'deleted:<id>' so the person can start afresh. */
  openid: string
  unionid: string | null
  nickname: string | null
  avatar_path: string | null
  role: string | null
  verification: ColumnType<string, string | undefined, string>
  is_staff: ColumnType<number, number | undefined, number>
  region_code: string | null
  /** AES-256-GCM ciphertext (base64) of the phone number. */
  phone_encrypted: string | null
  /** Keyed hash of the phone number, to find a person by phone without decrypting every row. */
  phone_lookup: string | null
  /** A contact phone typed in the profile (ciphertext), offered on their posts and 对接; never matched on. */
  contact_phone_encrypted: ColumnType<string | null, string | null | undefined, string | null>
  consent_version: string | null
  consent_at: Timestamp | null
  registered_at: Timestamp | null
  created_at: Timestamp
  updated_at: Timestamp
  deleted_at: Timestamp | null
  /** Staff only: the county or prefecture whose dashboard they see; null = the whole province. */
  staff_region_code: ColumnType<string | null, string | null | undefined, string | null>
}

export interface SessionsTable {
  id: Generated<number>
  /** sha256 of the bearer token: a leaked database does not leak usable tokens. */
  token_hash: string
  user_id: number
  created_at: Timestamp
  expires_at: Timestamp
}

export interface ConsentsTable {
  id: Generated<number>
  user_id: number
  version: string
  channel: string
  agreed_at: Timestamp
}

export interface ArticlesTable {
  id: Generated<number>
  kind: string
  title: string
  subtitle: string | null
  byline: string | null
  /** JSON array of strings. */
  paragraphs: string
  /** JSON array of { url, caption }. */
  photos: string
  published_on: string | null
  issue_no: number | null
  page_no: number | null
  page_name: string | null
  original_url: string | null
  created_at: Timestamp
  /** The importer's articleKey: a page imported twice adds nothing (unique). */
  source_key: string | null
}

/** An uploaded photo: resized copies on disk, WeChat's image check, and the post it belongs to. */
export interface UploadsTable {
  id: Generated<number>
  owner_id: number
  path: string
  thumb_path: string
  /** pending until WeChat's media_check_async push arrives; then pass or risky. */
  check_status: ColumnType<string, string | undefined, string>
  trace_id: string | null
  listing_id: number | null
  position: ColumnType<number, number | undefined, number>
  created_at: Timestamp
  /** When it became part of a post, an entry or a verification; never attached → swept after a day. */
  attached_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>
  /** 'photo' (public once checked) or 'proof' (a verification's evidence: never public; migration 016), or 'voice' (an MP3 note, migration 019: `thumb_path` = `path`). */
  kind: ColumnType<string, string | undefined, string>
  /** A voice note's length as the server measured it; null for images. */
  duration_ms: ColumnType<number | null, number | null | undefined, number | null>
}

/** Stored keys to remove from the store (retried until it confirms); see migration 013. */
export interface FileDeletionsTable {
  key: string
  not_before: Timestamp
}

export interface ListingsTable {
  id: Generated<number>
  side: string
  title: string
  category: string
  region_code: string
  description: string
  author_id: number
  proxy_name: string | null
  proxy_phone_encrypted: string | null
  proxy_region_code: string | null
  proxy_consent_at: Timestamp | null
  proxy_label: string | null
  contact_name: string
  contact_phone_encrypted: string
  contact_note: string | null
  status: string
  check_suggest: string
  reject_reason: string | null
  search_tokens: string
  idempotency_key: string
  response_count: ColumnType<number, number | undefined, number>
  created_at: Timestamp
  updated_at: Timestamp
  published_at: Timestamp | null
  /** 'post' (所能所需) or 'achievement' (科技成果, whose extra fields follow; null for posts). */
  kind: ColumnType<string, string | undefined, string>
  stage: string | null
  transfer_mode: string | null
  patent_no: string | null
  institution: string | null
  /** 向专家提问: the expert (a user id) a need is put to; null for every other post. */
  addressed_to: ColumnType<number | null, number | null | undefined, number | null>
  /** A voice note (uploads, kind 'voice'; migration 019). A need with one may have an empty title and description. */
  voice_id: ColumnType<number | null, number | null | undefined, number | null>
}

/** An expert's own words for their 科创工作室 (migration 018). */
export interface StudioProfilesTable {
  user_id: number
  intro: string
  photo_upload_id: number | null
  /** JSON array of categories. */
  fields: string
  updated_at: Timestamp
}

/**
 * SQLite only: the FTS5 index of listings.search_tokens (rowid = listing id), kept by triggers on
 * listings (migration 022): the app never writes it.
 */
export interface ListingsFtsTable {
  rowid: number
  tokens: string
  /** Region and category words of the post (listings.search.ts: facetWords). */
  facets: string
}

export interface ListingResponsesTable {
  id: Generated<number>
  listing_id: number
  responder_id: number
  message: string
  phone_encrypted: string | null
  status: string
  created_at: Timestamp
  decided_at: Timestamp | null
  /** A voice note (uploads, kind 'voice'; migration 019); the message may then be empty. */
  voice_id: ColumnType<number | null, number | null | undefined, number | null>
}

export interface ListingFeedbackTable {
  id: Generated<number>
  response_id: number
  author_id: number
  rating: number
  text: string
  created_at: Timestamp
}

export interface ListingEventsTable {
  id: Generated<number>
  listing_id: number
  kind: string
  actor_id: number | null
  note: string | null
  created_at: Timestamp
}

/** A person's request that staff confirm a claimed role (chair, expert). */
export interface VerificationsTable {
  id: Generated<number>
  user_id: number
  role: string
  note: string | null
  status: string
  reason: string | null
  reviewer_id: number | null
  created_at: Timestamp
  decided_at: Timestamp | null
  /** An expert's institution and title. */
  institution: string | null
  title: string | null
  /** A chair's real name and post (职务). */
  real_name: string | null
  post: string | null
  /** The proof photo (an upload of kind 'proof'): appointment letter, work card or certificate. */
  proof_upload_id: number | null
  /** When the retention job (or account deletion) erased the proof; the decision stays. */
  proof_erased_at: Timestamp | null
}

export interface NotificationsTable {
  id: Generated<number>
  user_id: number
  template: string
  page: string | null
  /** sent | refused (43101: the person did not subscribe) | failed */
  result: string
  created_at: Timestamp
}

export interface ContestsTable {
  id: Generated<number>
  kind: string
  name: string
  organiser: string
  level: string
  region_code: string
  /** JSON array of CONTEST_CATEGORIES. */
  categories: string
  description: string
  rules: string
  stage: string
  signup_ends_at: Timestamp
  preliminary_ends_at: Timestamp
  semifinal_ends_at: Timestamp
  final_ends_at: Timestamp
  results_published_at: Timestamp | null
  created_by: number
  created_at: Timestamp
  updated_at: Timestamp
}

export interface ContestEntriesTable {
  id: Generated<number>
  contest_id: number
  user_id: number
  source: string
  title: string
  category: string
  description: string
  years_experience: number
  region_code: string
  /** JSON array of upload ids. */
  photo_ids: ColumnType<string, string | undefined, string>
  stage_reached: string
  award: string | null
  award_name: string | null
  popular_award: ColumnType<number, number | undefined, number>
  vote_count: ColumnType<number, number | undefined, number>
  check_suggest: string
  created_at: Timestamp
  updated_at: Timestamp
}

export interface ContestNominationsTable {
  id: Generated<number>
  contest_id: number
  nominator_id: number
  nominee_user_id: number | null
  nominee_name: string
  nominee_phone_encrypted: string | null
  nominee_phone_lookup: string | null
  nominee_key: string
  region_code: string
  reason: string
  status: string
  entry_id: number | null
  created_at: Timestamp
  decided_at: Timestamp | null
}

export interface ContestVotesTable {
  id: Generated<number>
  contest_id: number
  entry_id: number
  voter_id: number
  created_at: Timestamp
}

export interface RateLimitsTable {
  key: string
  window_start: Timestamp
  hits: number
}

/** One scheduled job (server/src/jobs): when it is due next and who holds it now. */
export interface JobLeasesTable {
  name: string
  next_run_at: Timestamp
  locked_by: string | null
  locked_until: Timestamp | null
  last_started_at: Timestamp | null
  last_finished_at: Timestamp | null
  last_result: string | null
  last_ms: number | null
  runs: ColumnType<number, number | undefined, number>
  failures: ColumnType<number, number | undefined, number>
}

export interface ArticleLinksTable {
  id: Generated<number>
  article_id: number
  target: string
  target_id: ColumnType<number, number | undefined, number>
  label: string
  position: ColumnType<number, number | undefined, number>
  created_at: Timestamp
}

export interface SharesTable {
  id: Generated<number>
  code: string
  sharer_id: number
  target: string
  target_id: number
  channel: string
  region_code: string | null
  created_at: Timestamp
}

export interface ShareOpensTable {
  id: Generated<number>
  share_id: number
  sharer_id: number
  /** The person: 'u:<user id>' when known, else 'v:<visitor id>'; 'x:<row id>' once they deleted their account. */
  viewer_key: string
  viewer_id: number | null
  /** When the person first counted for the sharer. */
  created_at: Timestamp
  /** Their latest open of any of the sharer's codes (the registration window runs from it). */
  last_opened_at: Timestamp
  /** 0: kept for a later registration only, beyond what one address may credit a sharer in a day. */
  credited: ColumnType<number, number | undefined, number>
}

/** Whose phone a visitor id is: the first account signed in on it. */
export interface VisitorsTable {
  visitor_id: string
  user_id: number
  created_at: Timestamp
}

export interface ShareRegistrationsTable {
  id: Generated<number>
  user_id: number
  sharer_id: number
  share_id: number
  created_at: Timestamp
}

export interface TargetsTable {
  id: Generated<number>
  region_code: string
  metric: string
  month: string
  value: number
  set_by: number
  updated_at: Timestamp
}

/** One staff decision (migration 014, server/src/modules/audit). */
export interface AuditLogTable {
  id: Generated<number>
  /** null: an operator at the server's shell (grant-staff, import-newspaper). */
  actor_id: number | null
  action: string
  target_type: string
  target_id: string | null
  /** JSON object. */
  details: string
  reason: string | null
  created_at: Timestamp
}

/** A message in 我的消息 (migration 015, server/src/modules/messages). */
export interface MessagesTable {
  id: Generated<number>
  recipient_id: number
  kind: string
  target_type: string
  target_id: number
  actor_id: number | null
  subject: string
  actor_name: string | null
  reason: string | null
  dedupe_key: string | null
  created_at: Timestamp
  read_at: Timestamp | null
}

export interface Database {
  users: UsersTable
  sessions: SessionsTable
  consents: ConsentsTable
  articles: ArticlesTable
  uploads: UploadsTable
  file_deletions: FileDeletionsTable
  listings: ListingsTable
  studio_profiles: StudioProfilesTable
  listings_fts: ListingsFtsTable
  listing_responses: ListingResponsesTable
  listing_feedback: ListingFeedbackTable
  listing_events: ListingEventsTable
  verifications: VerificationsTable
  notifications: NotificationsTable
  contests: ContestsTable
  contest_entries: ContestEntriesTable
  contest_nominations: ContestNominationsTable
  contest_votes: ContestVotesTable
  rate_limits: RateLimitsTable
  job_leases: JobLeasesTable
  article_links: ArticleLinksTable
  shares: SharesTable
  share_opens: ShareOpensTable
  share_registrations: ShareRegistrationsTable
  visitors: VisitorsTable
  targets: TargetsTable
  audit_log: AuditLogTable
  messages: MessagesTable
  triage_cases: TriageCasesTable
  triage_assignments: TriageAssignmentsTable
  triage_keepers: TriageKeepersTable
  triage_followups: TriageFollowupsTable
  dashboard_counts: DashboardCountsTable
  dashboard_resolved: DashboardResolvedTable
}

/** 科服保姆 (migration 020): one row per published need — its place in the queue and its figures. */
export interface TriageCasesTable {
  listing_id: number
  region_code: string
  /** China-time month of publication, 'YYYY-MM'. */
  month: string
  published_at: Timestamp
  /** open | accepted | resolved | closed */
  state: string
  urgent_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>
  /** unanswered | overdue | declined | reopened */
  urgent_reason: ColumnType<string | null, string | null | undefined, string | null>
  /** 0 at the top of the queue (urgent), 1 waiting, null not in it (kept with state and urgent_at). */
  queue_rank: ColumnType<number | null, number | null | undefined, number | null>
  first_response_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>
  first_response_minutes: ColumnType<number | null, number | null | undefined, number | null>
  accepted_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>
  resolved_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>
  followup7_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>
  followup30_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>
  /** solved | partial | unsolved: the farmer's latest answer to 问题解决了吗. */
  outcome: ColumnType<string | null, string | null | undefined, string | null>
}

/** An expert triage put a need to, with the deadline to answer or decline. */
export interface TriageAssignmentsTable {
  id: Generated<number>
  listing_id: number
  expert_id: number
  assigned_by: number
  assigned_at: Timestamp
  due_at: Timestamp
  /** open | answered | declined | overdue */
  status: string
  decline_reason: string | null
  decided_at: Timestamp | null
}

/** A volunteer staff appointed 科服保姆 of a county. */
export interface TriageKeepersTable {
  user_id: number
  county_code: string
  appointed_by: number
  appointed_at: Timestamp
}

/** A farmer's answer to 问题解决了吗 (round 7 or 30 days after `resolved_at`). */
export interface TriageFollowupsTable {
  id: Generated<number>
  listing_id: number
  round: number
  author_id: number
  outcome: string
  note: string | null
  voice_id: number | null
  resolved_at: Timestamp
  created_at: Timestamp
}

export type Db = Kysely<Database>
export type Dialect = 'sqlite' | 'postgres'

export function dialectOf(url: string): Dialect {
  return url.startsWith('sqlite:') ? 'sqlite' : 'postgres'
}

export interface DbOptions {
  /** SQLite file: WAL checkpoints in a worker thread, not inside a commit (the server; sqlite-checkpoints.ts). */
  backgroundCheckpoints?: boolean
}

/**
 * SQLite: gives the query planner the tables' statistics (PRAGMA optimize runs ANALYZE where the
 * tables grew; analysis_limit samples each index: ~0.1 s at 1,000,000 posts). Without them it
 * chooses between indexes that look alike by rule, and a township's feed walked every post of its
 * kind (23 ms at 1,000,000) instead of the township's posts (0.02 ms). Run before the server
 * listens (server.ts); until then, and on an empty database, the plans are the rule's. PostgreSQL
 * keeps its own statistics (autovacuum).
 */
export async function analyzeForPlanner(db: Db): Promise<void> {
  if (isPostgres(db)) return
  await sql`pragma analysis_limit = 1000`.execute(db)
  await sql`pragma optimize = 0x10002`.execute(db)
}

/** `sqlite:data/x.db` (relative to the working directory), `sqlite::memory:` or a postgres:// URL. */
export function createDb(url: string, options: DbOptions = {}): Db {
  if (dialectOf(url) === 'sqlite') {
    const file = url.slice('sqlite:'.length)
    const path = file === ':memory:' ? file : resolve(file)
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
    const database = new SQLite(path)
    // WAL lets readers continue while one writer commits; foreign keys are off by default in SQLite.
    database.pragma('journal_mode = WAL')
    database.pragma('foreign_keys = ON')
    database.pragma('busy_timeout = 5000')
    // WAL's own recommendation: sync at checkpoints, not on every commit. better-sqlite3 runs on the
    // event loop, so a commit's fsync stalls every request (5 ms each on a busy disk: a training
    // day's 2,000 registrations stalled the server ~40 s, bench/burst.mjs). Still atomic and never
    // corrupt; a power cut (not a process crash) may lose the last commits.
    database.pragma('synchronous = NORMAL')
    const stop = options.backgroundCheckpoints && path !== ':memory:' ? checkpointInBackground(database, path) : undefined
    return new Kysely<Database>({ dialect: new SqliteDialect({ database: reusingStatements(database, stop) }) })
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // While the server is down a request waits at most this long for a connection, then fails
    // (503) instead of piling up behind the outage.
    connectionTimeoutMillis: 5000,
    types: {
      getTypeParser: (oid: number, format?: any) => {
        // int8 (count(*), sums) as numbers and timestamptz as ISO strings, like on SQLite.
        if (oid === 20) return (v: string) => Number(v)
        if (oid === 1184 || oid === 1114) return (v: string) => new Date(v).toISOString()
        return pg.types.getTypeParser(oid, format)
      },
    } as any,
  })
  // A connection dropped by the server (a restart, a failover, pg_terminate_backend) makes its
  // client emit 'error'. Idle clients report it through the pool's 'error' event; a client checked
  // out by a request (between two statements of a transaction, say) emits it on itself, and an
  // 'error' event nobody listens to kills the process. So every client gets a listener: the request
  // using it fails with its query's own error (a 503, see plugins/errors.ts), pg-pool discards the
  // broken client on release, and the next request connects afresh once the server is back.
  pool.on('connect', (client) => {
    client.on('error', (err) => {
      if (!(pool as { ending?: boolean }).ending) console.error(`PostgreSQL: connection in use lost (${err.message})`)
    })
  })
  pool.on('error', (err) => {
    if (!(pool as { ending?: boolean }).ending) console.error(`PostgreSQL pool: idle connection lost (${err.message})`)
  })
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
}

const UNIQUE_VIOLATION = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY', '23505'])

/** True when a write failed on a unique index, on either database. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && UNIQUE_VIOLATION.has(String((err as { code?: unknown }).code))
}

/**
 * True on PostgreSQL (also for a transaction), for the few run-time dialect branches: search, and
 * row locks (`for update` / `for share`), which SQLite neither has nor needs — it runs one write
 * transaction at a time.
 */
export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

/** One round trip to the database (health's readiness check); throws when it does not answer. */
export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db)
}

/**
 * The dashboard's counts per area (code prefix of 2, 4, 6 or 9 digits), China-time month, metric
 * and part (the role for registrations, '' otherwise), kept by migration 021's triggers.
 */
export interface DashboardCountsTable {
  area: string
  month: string
  metric: string
  part: string
  n: number
}

/** 'resolved' events per post and China-time month (021's triggers: 解决 counts a post once a month). */
export interface DashboardResolvedTable {
  listing_id: number
  month: string
  events: number
}

import { markAnswered, openCase, setCaseState } from '../modules/triage/triage.repository'
import { addMonths, chinaMonthOf, monthStartUtc } from '../../../common/china-time'
import type { Db } from '../db/database'
import { createPhoneCipher } from '../lib/crypto'
import { findUserByOpenid } from '../modules/users/users.repository'
import { devOpenid } from './demo-users'

// Half a year of history for the township dashboard in the demo, so 格桑 (chair-ganzi, 甘孜镇) and
// 省科协小王 (staff-sc) open a dashboard with something to read: villagers of four 甘孜县 townships
// registering month by month, a few 所能所需 posts of theirs answered and resolved, and targets.
//
// Kept apart from what other features show: the villagers cannot sign in (their openids are not
// 'dev:' ones), their posts are already resolved or closed (never in the public feed or search),
// and the responses are between villagers (no demo person's numbers change). Contest and sharing
// rows are left to those features' own demo data. Dates are relative to the day of seeding.
// Idempotent: villagers and posts are added once; targets only where none is set (staff edits stay).

const TOWNSHIPS = {
  ganzi: '513328100', // 甘孜镇 (chair-ganzi)
  chalong: '513328101', // 查龙镇
  laima: '513328102', // 来马镇
  gala: '513328200', // 呷拉乡
} as const

/** Registrations per month, oldest first (five months ago … this month). */
const REGISTRATIONS: Record<keyof typeof TOWNSHIPS, number[]> = {
  ganzi: [3, 5, 4, 8, 6, 4],
  chalong: [1, 2, 2, 3, 2, 1],
  laima: [2, 1, 3, 2, 4, 2],
  gala: [0, 2, 1, 1, 3, 1],
}
/** Mostly farmers and herders, some volunteers, the odd expert, as in the field. */
const ROLE_CYCLE = ['farmer', 'farmer', 'volunteer', 'farmer', 'farmer', 'other', 'farmer', 'expert'] as const
const NAMES = ['次仁', '卓玛', '拉姆', '扎西', '多吉', '央金', '格勒', '泽仁', '曲珍', '旺姆', '尼玛', '达瓦', '贡布', '益西', '白玛', '洛桑']

/** Posts of 甘孜镇 villagers: [months ago published, resolved months later (null: closed unresolved), title, category]. */
const POSTS: Array<[number, number | null, string, string]> = [
  [5, 1, '青稞条锈病怎么防治', 'planting'],
  [4, 0, '牦牛犊冬季腹泻求兽医指导', 'veterinary'],
  [3, 1, '想学酥油加工卫生标准', 'processing'],
  [2, null, '藏香猪散养需要办什么手续', 'breeding'],
  [1, 0, '虫草季草场补播草种哪里买', 'ecology'],
  [0, null, '合作社想在网上卖牦牛肉干', 'ecommerce'],
]

/** Targets the county sets for 甘孜镇 and the province for 甘孜县 (registrations a month), and one for posts. */
const TARGETS: Array<{ region: string; metric: string; value: number; months: number[] }> = [
  { region: TOWNSHIPS.ganzi, metric: 'registrations', value: 6, months: [5, 4, 3, 2, 1, 0] },
  { region: TOWNSHIPS.laima, metric: 'registrations', value: 3, months: [2, 1, 0] },
  { region: TOWNSHIPS.ganzi, metric: 'posts', value: 2, months: [1, 0] },
  { region: '513328', metric: 'registrations', value: 20, months: [2, 1, 0] },
]

export const DEMO_VILLAGER_PREFIX = 'demo:villager-'

/** An instant inside China-time month `monthsAgo` (never in the future): the k-th of n evenly spread. */
function instantIn(monthsAgo: number, k: number, n: number, now: Date): string {
  const month = addMonths(chinaMonthOf(now), -monthsAgo)
  const start = Date.parse(monthStartUtc(month))
  const end = Math.min(Date.parse(monthStartUtc(addMonths(month, 1))), now.getTime())
  return new Date(start + Math.floor(((end - start) * (k + 1)) / (n + 1))).toISOString()
}

/** `phoneKey` encrypts the demo posts' contact numbers (the server's key), as in seedDemoData. */
export async function seedDemoDashboard(db: Db, phoneKey: string, now: Date): Promise<void> {
  // One transaction: a seed that fails halfway leaves nothing behind to be skipped next time.
  await db.transaction().execute((trx) => seed(trx, phoneKey, now))
}

async function seed(db: Db, phoneKey: string, now: Date): Promise<void> {
  const staff = await findUserByOpenid(db, devOpenid('staff-sc'))
  if (!staff) return
  if (!(await findUserByOpenid(db, `${DEMO_VILLAGER_PREFIX}1`))) {
    let seq = 0
    const villagers: number[] = []
    for (const [town, counts] of Object.entries(REGISTRATIONS) as Array<[keyof typeof TOWNSHIPS, number[]]>) {
      for (const [i, n] of counts.entries()) {
        for (let k = 0; k < n; k++) {
          seq++
          const at = instantIn(counts.length - 1 - i, k, n, now)
          const row = await db
            .insertInto('users')
            .values({
              openid: `${DEMO_VILLAGER_PREFIX}${seq}`,
              nickname: `${NAMES[seq % NAMES.length]}${seq}`,
              role: ROLE_CYCLE[seq % ROLE_CYCLE.length],
              region_code: TOWNSHIPS[town],
              consent_version: null,
              registered_at: at,
              created_at: at,
              updated_at: at,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
          if (town === 'ganzi') villagers.push(row.id)
        }
      }
    }
    const cipher = createPhoneCipher(phoneKey)
    for (const [i, [ago, resolvedAfter, title, category]] of POSTS.entries()) {
      const author = villagers[i * 2]
      const helper = villagers[i * 2 + 1]
      const published = instantIn(ago, 0, 3, now)
      const answered = instantIn(ago, 1, 3, now)
      const resolved = resolvedAfter === null ? null : instantIn(ago - resolvedAfter, 2, 3, now)
      const end = resolved ?? answered
      const listing = await db
        .insertInto('listings')
        .values({
          side: 'need',
          title,
          category,
          region_code: TOWNSHIPS.ganzi,
          description: `${title}。村里好几户都有这个问题，想请懂行的人指点。`,
          author_id: author,
          contact_name: NAMES[i],
          contact_phone_encrypted: cipher.encrypt(`1380000${String(2001 + i)}`),
          status: resolved ? 'resolved' : 'closed',
          check_suggest: 'pass',
          search_tokens: '',
          idempotency_key: `demo-dashboard-${i}`,
          created_at: published,
          updated_at: end,
          published_at: published,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await db
        .insertInto('listing_responses')
        .values({ listing_id: listing.id, responder_id: helper, message: '我家也遇到过，可以来看看', phone_encrypted: null, status: resolved ? 'accepted' : 'pending', created_at: answered, decided_at: resolved })
        .execute()
      const events: Array<[string, string]> = [
        ['submitted', published],
        ['approved', published],
        ['responded', answered],
        ...(resolved ? ([['accepted', resolved], ['resolved', resolved]] as Array<[string, string]>) : [['closed', end] as [string, string]]),
      ]
      for (const [kind, at] of events) await db.insertInto('listing_events').values({ listing_id: listing.id, kind, actor_id: author, note: null, created_at: at }).execute()
      // Their 科服保姆 cases, as the events made them: 分诊数据 agrees with the dashboard. Long past:
      // their 问题解决了吗 counts as asked (the villagers cannot sign in to answer).
      await openCase(db, { id: listing.id, region_code: TOWNSHIPS.ganzi }, published)
      await markAnswered(db, listing.id, answered)
      if (resolved) {
        await setCaseState(db, listing.id, 'accepted', resolved)
        await setCaseState(db, listing.id, 'resolved', resolved)
        await db.updateTable('triage_cases').set({ followup7_at: resolved, followup30_at: resolved }).where('listing_id', '=', listing.id).execute()
      } else await setCaseState(db, listing.id, 'closed', end)
    }
  }
  const month = chinaMonthOf(now)
  for (const t of TARGETS) {
    for (const ago of t.months) {
      await db
        .insertInto('targets')
        .values({ region_code: t.region, metric: t.metric, month: addMonths(month, -ago), value: t.value, set_by: staff.id, updated_at: now.toISOString() })
        .onConflict((oc) => oc.columns(['region_code', 'metric', 'month']).doNothing())
        .execute()
    }
  }
}

import { openCase } from '../modules/triage/triage.repository'
import type { Db } from '../db/database'
import { createArticle } from '../modules/news/news.service'
import { countArticles } from '../modules/news/news.repository'
import { findUserByOpenid, insertUser } from '../modules/users/users.repository'
import { SEED_ARTICLES } from './articles'
import { seedArticleLinks } from './article-links'
import { seedDemoContests } from './demo-contests'
import { seedDemoDashboard } from './demo-dashboard'
import { DEMO_USERS, devOpenid } from './demo-users'
import { DEMO_LISTINGS } from './demo-listings'
import { createPhoneCipher } from '../lib/crypto'
import { getRegion } from '../modules/regions/regions.data'
import { searchTokens } from '../modules/listings/listings.search'
import { PRIVACY_VERSION } from '../../../common/enums'

/**
 * Fills an empty database with the newspaper page's articles, the demo people and their posts.
 * Idempotent. `phoneKey` encrypts the demo posts' contact numbers (the server's key). `now` is
 * the instant the demo stands at: people join and posts go up then, and the contests and the
 * dashboard's months are laid out around it. Both are required so that no caller seeds on a
 * clock other than its app's (tests pass their context's clock and config key).
 */
export async function seedDemoData(
  db: Db,
  phoneKey: string,
  now: Date,
): Promise<{ articles: number; users: number; listings: number; contests: number }> {
  const at = now.toISOString()
  let articles = 0
  let users = 0
  let listings = 0
  const cipher = createPhoneCipher(phoneKey)
  await db.transaction().execute(async (trx) => {
    if ((await countArticles(trx)) === 0) {
      // Insert the page bottom-up so its lead article gets the highest id and lists first.
      for (const article of [...SEED_ARTICLES].reverse()) {
        await createArticle(trx, article, now)
        articles++
      }
    }
    for (const demo of DEMO_USERS) {
      if (await findUserByOpenid(trx, devOpenid(demo.userKey))) continue
      const created = await insertUser(trx, {
        openid: devOpenid(demo.userKey),
        nickname: demo.nickname,
        role: demo.role,
        region_code: demo.regionCode,
        verification: demo.verification ?? 'none',
        is_staff: demo.isStaff ? 1 : 0,
        phone_encrypted: demo.phone ? cipher.encrypt(demo.phone) : null,
        phone_lookup: demo.phone ? cipher.lookup(demo.phone) : null,
        consent_version: PRIVACY_VERSION,
        consent_at: at,
        registered_at: at,
        created_at: at,
        updated_at: at,
      })
      if (demo.verification === 'verified') {
        await trx
          .insertInto('verifications')
          .values({ user_id: created.id, role: demo.role, note: null, institution: demo.institution ?? null, title: demo.title ?? null, status: 'verified', created_at: at, decided_at: at })
          .execute()
      }
      users++
    }
    const hasListings = await trx.selectFrom('listings').select('id').limit(1).executeTakeFirst()
    if (!hasListings) {
      for (const [i, demo] of DEMO_LISTINGS.entries()) {
        const author = (await findUserByOpenid(trx, devOpenid(demo.author)))!
        const tokens = searchTokens(demo.title, demo.description)
        const row = await trx
          .insertInto('listings')
          .values({
            side: demo.side,
            title: demo.title,
            category: demo.category,
            region_code: demo.regionCode,
            description: demo.description,
            author_id: author.id,
            proxy_name: demo.proxy?.name ?? null,
            proxy_phone_encrypted: demo.proxy ? cipher.encrypt(demo.proxy.phone) : null,
            proxy_region_code: demo.proxy ? author.region_code : null,
            proxy_consent_at: demo.proxy ? at : null,
            proxy_label: demo.proxy ? `${getRegion(author.region_code!)!.name}科协` : null,
            contact_name: demo.contact.name,
            contact_phone_encrypted: cipher.encrypt(demo.contact.phone),
            contact_note: demo.contact.note ?? null,
            status: 'published',
            check_suggest: 'pass',
            search_tokens: tokens,
            idempotency_key: `demo-listing-${i}`,
            created_at: at,
            updated_at: at,
            published_at: at,
            kind: demo.achievement ? 'achievement' : 'post',
            stage: demo.achievement?.stage ?? null,
            transfer_mode: demo.achievement?.transferMode ?? null,
            patent_no: demo.achievement?.patentNo ?? null,
            institution: demo.achievement?.institution ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        // Published needs are 科服保姆 cases, as review makes them.
        if (demo.side === 'need' && !demo.achievement) await openCase(trx, { id: row.id, region_code: demo.regionCode }, at)
        for (const kind of ['submitted', 'approved']) {
          await trx.insertInto('listing_events').values({ listing_id: row.id, kind, actor_id: null, note: null, created_at: at }).execute()
        }
        listings++
      }
    }
  })
  await seedDemoKeeper(db, at)
  const contests = await seedDemoContests(db, now)
  await seedArticleLinks(db, now) // after the contests: the 甘孜 article links to the seeded 大赛
  await seedDemoDashboard(db, phoneKey, now)
  return { articles, users, listings, contests }
}

/** 兰梅 (volunteer-lan) is 科服保姆 of 甘孜县, appointed by 省科协小王: the demo's 分诊 queue has a keeper. */
async function seedDemoKeeper(db: Db, at: string): Promise<void> {
  const [keeper, staff] = await Promise.all([findUserByOpenid(db, devOpenid('volunteer-lan')), findUserByOpenid(db, devOpenid('staff-sc'))])
  if (!keeper?.region_code || !staff) return
  await db
    .insertInto('triage_keepers')
    .values({ user_id: keeper.id, county_code: keeper.region_code.slice(0, 6), appointed_by: staff.id, appointed_at: at })
    .onConflict((oc) => oc.columns(['user_id', 'county_code']).doNothing())
    .execute()
}

import { nowIso, type Db } from '../db/database'
import { createArticle } from '../modules/news/news.service'
import { countArticles } from '../modules/news/news.repository'
import { findUserByOpenid, insertUser } from '../modules/users/users.repository'
import { SEED_ARTICLES } from './articles'
import { DEMO_USERS, devOpenid } from './demo-users'
import { PRIVACY_VERSION } from '../../../common/enums'

/** Fills an empty database with the newspaper page's articles and the demo people. Idempotent. */
export async function seedDemoData(db: Db): Promise<{ articles: number; users: number }> {
  let articles = 0
  let users = 0
  await db.transaction().execute(async (trx) => {
    if ((await countArticles(trx)) === 0) {
      // Insert the page bottom-up so its lead article gets the highest id and lists first.
      for (const article of [...SEED_ARTICLES].reverse()) {
        await createArticle(trx, article)
        articles++
      }
    }
    for (const demo of DEMO_USERS) {
      if (await findUserByOpenid(trx, devOpenid(demo.userKey))) continue
      const at = nowIso()
      await insertUser(trx, {
        openid: devOpenid(demo.userKey),
        nickname: demo.nickname,
        role: demo.role,
        region_code: demo.regionCode,
        verification: demo.verification ?? 'none',
        is_staff: demo.isStaff ? 1 : 0,
        consent_version: PRIVACY_VERSION,
        consent_at: at,
        registered_at: at,
        created_at: at,
        updated_at: at,
      })
      users++
    }
  })
  return { articles, users }
}

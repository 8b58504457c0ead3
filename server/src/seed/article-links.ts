import { isUniqueViolation, type Db } from '../db/database'
import { defaultLabel } from '../modules/article-links/link-suggestions'
import { SEED_CONTEST_NAME } from './demo-contests'

export { SEED_CONTEST_NAME }

// The seed page's 甘孜 training article asks chairs to get farmers and herders to register, to
// publish 科技所能所需, and to nominate local talents for the 乡土人才大赛: its buttons say so.
export const GANZI_ARTICLE_TITLE = '甘孜县科协举办“天府科技云”智慧科普工作培训会'

/**
 * Idempotent: adds whichever of the links is missing. The contest link needs the seeded contest,
 * so this runs after the contest seed (a run before it adds the other two; the next run adds it).
 */
export async function seedArticleLinks(db: Db, now: Date): Promise<number> {
  const article = await db.selectFrom('articles').select('id').where('title', '=', GANZI_ARTICLE_TITLE).executeTakeFirst()
  if (!article) return 0
  const contest = await db.selectFrom('contests').select('id').where('name', '=', SEED_CONTEST_NAME).orderBy('id').executeTakeFirst()
  const links = [
    { target: 'register', target_id: 0, label: defaultLabel('register', '') },
    { target: 'publish_need', target_id: 0, label: defaultLabel('publish_need', '') },
    ...(contest ? [{ target: 'contest_nominate', target_id: contest.id, label: defaultLabel('contest_nominate', '') }] : []),
  ]
  let added = 0
  for (const [position, link] of links.entries()) {
    try {
      await db.insertInto('article_links').values({ article_id: article.id, ...link, position, created_at: now.toISOString() }).execute()
      added++
    } catch (err) {
      if (!isUniqueViolation(err)) throw err
    }
  }
  return added
}

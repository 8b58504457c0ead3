// Migration 011 on data the earlier rules wrote: phones they had tied to an account (a 'v:' open
// with viewer_id) become visitors, and their opens the person's, one row per sharer and person,
// none for the person's own shares. Runs on SQLite and PostgreSQL.
import * as m011 from '../../server/src/db/migrations/011_share_visitors'
import { useTestContext } from './helpers'

const ctx = useTestContext()

test('phones tied to accounts become visitors; their opens fold into the person’s, once per sharer', async () => {
  const db = ctx.db as any
  await m011.down(db)
  const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 0, minutes)).toISOString()
  const person = async (openid: string) =>
    (await db.insertInto('users').values({ openid, created_at: at(0), updated_at: at(0) }).returning('id').executeTakeFirstOrThrow()).id as number
  const [sharer, p, q] = [await person('m-sharer'), await person('m-p'), await person('m-q')]
  const share = (await db
    .insertInto('shares')
    .values({ code: 'migrationcode1', sharer_id: sharer, target: 'article', target_id: 1, channel: 'chat', region_code: null, created_at: at(0) })
    .returning('id')
    .executeTakeFirstOrThrow()).id as number
  const open = (viewer_key: string, viewer_id: number | null, minutes: number) =>
    db.insertInto('share_opens').values({ share_id: share, sharer_id: sharer, viewer_key, viewer_id, created_at: at(minutes) }).execute()
  await open('v:phoneAphoneAphoneA', p, 1) // p's phone, claimed when p signed in…
  await open(`u:${p}`, p, 2) // …and p signed in: the old rules' double count
  await open('v:phoneBphoneBphoneB', q, 3) // q's phone
  await open('v:phoneCphoneCphoneC', q, 4) // q's other phone: q again
  await open('v:phoneDphoneDphoneD', null, 5) // nobody known
  await open('v:phoneEphoneEphoneE', sharer, 6) // the sharer's own phone

  await m011.up(db)

  const visitors = await ctx.db.selectFrom('visitors').select(['visitor_id', 'user_id']).orderBy('visitor_id').execute()
  expect(visitors).toEqual([
    { visitor_id: 'phoneAphoneAphoneA', user_id: p },
    { visitor_id: 'phoneBphoneBphoneB', user_id: q },
    { visitor_id: 'phoneCphoneCphoneC', user_id: q },
    { visitor_id: 'phoneEphoneEphoneE', user_id: sharer },
  ])
  const opens = await ctx.db.selectFrom('share_opens').selectAll().where('sharer_id', '=', sharer).orderBy('id').execute()
  expect(opens.map((o) => [o.viewer_key, o.viewer_id, Date.parse(o.created_at), Date.parse(o.last_opened_at), o.credited])).toEqual([
    [`u:${p}`, p, Date.parse(at(2)), Date.parse(at(2)), 1],
    // q's two phones are one person, first counted at 3, last opened at 4 (the window runs from 4).
    [`u:${q}`, q, Date.parse(at(3)), Date.parse(at(4)), 1],
    ['v:phoneDphoneDphoneD', null, Date.parse(at(5)), Date.parse(at(5)), 1],
  ])
})

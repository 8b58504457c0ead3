import { sql, type Kysely } from 'kysely'

// Indexes for reads at a province's scale (issue 15).
//
// The feed of a prefecture or a county, newest first. Posts name their township, so
// an area was a range of region codes: walking the (status, region_code, id) index gave them in
// code order, to sort; walking newest posts of the kind checked each one's township, and 甘孜州
// is one post in eleven (need + 甘孜州 answered at half the rate of the unfiltered feed at
// 1,000,000 posts, bench/reads.mjs). These indexes hold the area itself, so a feed page reads its
// 20 rows in order. The expressions must be written the same way in the queries
// (listings.repository.ts: feed) for either database to use them.
//
// And the posts holding a voice note: WeChat's audio check answers for a note, and the posts that
// hold it were found by reading every post (their kept pages drop, or a voice-only need goes back
// to review).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index listings_prefecture_idx on listings (status, (substr(region_code, 1, 4)), id)`.execute(db)
  await sql`create index listings_county_idx on listings (status, (substr(region_code, 1, 6)), id)`.execute(db)
  await db.schema.createIndex('listings_voice_idx').on('listings').column('voice_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('listings_voice_idx').execute()
  await db.schema.dropIndex('listings_county_idx').execute()
  await db.schema.dropIndex('listings_prefecture_idx').execute()
}

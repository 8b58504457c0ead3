import type { Config } from './config'
import type { Db } from './db/database'
import type { PhoneCipher } from './lib/crypto'
import type { Storage } from './storage'
import type { FeedCache } from './modules/listings/listings.cache'
import type { ArticleCache } from './modules/news/news.cache'
import type { ContestCache } from './modules/contests/contests.cache'
import type { WechatClient } from './wechat/client'

/** What services need from the app, built once in app.ts and passed to each route plugin. */
export interface Deps {
  db: Db
  config: Config
  wechat: WechatClient
  phoneCipher: PhoneCipher
  /** Where uploaded files live (local disk or object storage); keys are what the database stores. */
  storage: Storage
  /** Turns a stored upload key into the URL the app loads (the store's public URL, or /uploads/<key>). */
  uploadUrl: (path: string) => string
  sessionDays: number
  /** What the listings feed's answers are made of (per app instance; listings.cache.ts). */
  feedCache: FeedCache
  /** Articles' pages (per app instance; news.cache.ts). */
  articleCache: ArticleCache
  /** Contests' pages as visitors not signed in see them (per app instance; contests.cache.ts). */
  contestCache: ContestCache
  /** The current instant for time rules (contest deadlines, rate-limit windows); tests pass a controllable clock. */
  now: () => Date
}

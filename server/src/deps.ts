import type { Config } from './config'
import type { Db } from './db/database'
import type { PhoneCipher } from './lib/crypto'
import type { FeedCache } from './modules/listings/listings.cache'
import type { WechatClient } from './wechat/client'

/** What services need from the app, built once in app.ts and passed to each route plugin. */
export interface Deps {
  db: Db
  config: Config
  wechat: WechatClient
  phoneCipher: PhoneCipher
  uploadDir: string
  /** Turns a stored upload path into the URL the app loads. */
  uploadUrl: (path: string) => string
  sessionDays: number
  /** First pages of the listings feed (per app instance; cleared on every listings write). */
  feedCache: FeedCache
  /** The current instant for time rules (contest deadlines, rate-limit windows); tests pass a controllable clock. */
  now: () => Date
}

import { z } from 'zod'
import type { S3Settings } from './storage/s3'

// All configuration comes from the environment and is validated once at start-up, so a wrong
// setting stops the server with a message naming the variable instead of failing at 3 a.m.
// Defaults are the embedded development setup: SQLite under data/, the local WeChat emulator.
const EMULATOR_BASE = 'http://127.0.0.1:3100'
const WECHAT_BASE = /^https:\/\/api\.weixin\.qq\.com\/?$/
const DEV_PHONE_KEY = 'dev-only-phone-key-change-me-in-production'

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATABASE_URL: z
      .string()
      .default('sqlite:data/tianfu.db')
      .refine((v) => /^(sqlite:|postgres(ql)?:\/\/)/.test(v), 'must start with sqlite: or postgres://'),
    WECHAT_API_BASE: z.string().url().default(EMULATOR_BASE),
    WECHAT_APPID: z.string().min(1).default('wx00000000emulator'),
    WECHAT_SECRET: z.string().min(1).default('emulator-secret'),
    /** Key for encrypting phone numbers at rest (AES-256-GCM, derived with scrypt). */
    PHONE_ENCRYPTION_KEY: z.string().min(16).default(DEV_PHONE_KEY),
    /**
     * Where uploaded images are kept: `local` (a folder, UPLOAD_DIR; the default) or `s3`
     * (S3-compatible object storage such as Tencent COS, for several instances on several machines).
     */
    STORAGE: z.enum(['local', 's3']).default('local'),
    /** STORAGE=local: the folder; the API serves it at /uploads/<key>. */
    UPLOAD_DIR: z.string().default('data/uploads'),
    /** STORAGE=s3: the service's endpoint, e.g. https://cos.ap-chengdu.myqcloud.com (unset: AWS). */
    S3_ENDPOINT: z.string().url().optional(),
    S3_REGION: z.string().min(1).optional(),
    S3_BUCKET: z.string().min(3).optional(),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    /** true for stores that want the bucket in the path (MinIO, s3rver); COS and AWS take it in the host. */
    S3_FORCE_PATH_STYLE: z.enum(['true', 'false', '1', '0']).default('false'),
    /**
     * The public origin of the bucket (or of a CDN in front of it): the app then loads images from
     * there. Unset: the API streams them at /uploads/<key> from the bucket, which may stay private.
     */
    S3_PUBLIC_URL: z.string().url().optional(),
    /** Public origin of this API, used to build absolute image URLs for the app. */
    PUBLIC_URL: z.string().url().optional(),
    /** Token configured for WeChat's message push (消息推送); signs media-check results. */
    WECHAT_PUSH_TOKEN: z.string().min(3).default('emulator-push-token'),
    /** Subscribe-message template ids (订阅消息模板): review result, and a new response (对接申请). */
    WECHAT_TEMPLATE_REVIEW: z.string().min(1).default('tpl-review-result'),
    WECHAT_TEMPLATE_RESPONSE: z.string().min(1).default('tpl-new-response'),
    /** …an expert asked by 科服保姆 to answer a need, and 问题解决了吗 (the follow-up). */
    WECHAT_TEMPLATE_TRIAGE: z.string().min(1).default('tpl-triage-assigned'),
    WECHAT_TEMPLATE_FOLLOWUP: z.string().min(1).default('tpl-followup'),
    /**
     * 科服保姆 (triage) clock: a need with no answer after TRIAGE_UNANSWERED_HOURS comes to the top of
     * its county's queue; an expert asked to answer has TRIAGE_ANSWER_HOURS; the farmer is asked
     * 问题解决了吗 TRIAGE_FOLLOWUP_DAYS after resolution. Clock hours, nights and weekends included.
     */
    TRIAGE_UNANSWERED_HOURS: z.coerce.number().min(1).max(24 * 14).default(24),
    TRIAGE_ANSWER_HOURS: z.coerce.number().min(1).max(24 * 14).default(48),
    SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /**
     * How many proxies in front of the server append to X-Forwarded-For (0: none, the peer is the
     * client). Client addresses feed rate limits, so trusting more hops than there are proxies lets
     * a client choose its own address. Defaults to 0, and to 1 in production (one reverse proxy).
     */
    TRUST_PROXY: z.coerce.number().int().min(0).max(5).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /**
     * Multiplies every quota of server/src/plugins/quotas.ts, e.g. 2 for a province-wide campaign
     * day when chairs post for whole villages. Caps (pending posts, sessions) stay as they are.
     */
    QUOTA_MULTIPLIER: z.coerce.number().min(0.1).max(100).default(1),
  })
  .superRefine((c, ctx) => {
    // Object storage needs all of its settings in every environment; each missing one is named.
    if (c.STORAGE === 's3') {
      for (const name of ['S3_REGION', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
        if (!c[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is required when STORAGE=s3' })
      }
    }
    // Production must talk to WeChat itself with real credentials and a real key.
    if (c.NODE_ENV !== 'production') return
    // Anything but WeChat itself would switch on emulator-only features such as the demo login.
    if (!WECHAT_BASE.test(c.WECHAT_API_BASE))
      ctx.addIssue({ code: 'custom', path: ['WECHAT_API_BASE'], message: 'must be https://api.weixin.qq.com in production' })
    if (c.WECHAT_APPID === 'wx00000000emulator')
      ctx.addIssue({ code: 'custom', path: ['WECHAT_APPID'], message: 'is required in production' })
    if (c.WECHAT_SECRET === 'emulator-secret')
      ctx.addIssue({ code: 'custom', path: ['WECHAT_SECRET'], message: 'is required in production' })
    if (c.WECHAT_PUSH_TOKEN === 'emulator-push-token')
      ctx.addIssue({ code: 'custom', path: ['WECHAT_PUSH_TOKEN'], message: 'must be set to the token configured in the admin console' })
    if (c.PHONE_ENCRYPTION_KEY === DEV_PHONE_KEY)
      ctx.addIssue({ code: 'custom', path: ['PHONE_ENCRYPTION_KEY'], message: 'must be set to a secret in production' })
  })

export type Env = z.infer<typeof schema>

export interface Config {
  env: Env['NODE_ENV']
  host: string
  port: number
  databaseUrl: string
  wechat: {
    baseUrl: string
    appid: string
    secret: string
    /** true when pointed at the local emulator */
    emulator: boolean
    pushToken: string
    templates: { review: string; response: string; triage: string; followup: string }
  }
  triage: { unansweredHours: number; answerHours: number }
  phoneEncryptionKey: string
  /** Where uploads are kept (storage/index.ts picks the store from this). */
  storage: StorageConfig
  publicUrl: string | undefined
  sessionDays: number
  /** Proxy hops trusted for the client's address (X-Forwarded-For); 0 = the peer is the client. */
  trustProxy: number
  logLevel: Env['LOG_LEVEL']
  quotaMultiplier: number
}

export type StorageConfig = { kind: 'local'; dir: string } | ({ kind: 's3' } & S3Settings)

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(env)'}: ${i.message}`)
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
  }
  const c = parsed.data
  const emulator = !WECHAT_BASE.test(c.WECHAT_API_BASE)
  return {
    env: c.NODE_ENV,
    host: c.HOST,
    port: c.PORT,
    databaseUrl: c.DATABASE_URL,
    wechat: {
      baseUrl: c.WECHAT_API_BASE.replace(/\/$/, ''),
      appid: c.WECHAT_APPID,
      secret: c.WECHAT_SECRET,
      emulator,
      pushToken: c.WECHAT_PUSH_TOKEN,
      templates: {
        review: c.WECHAT_TEMPLATE_REVIEW,
        response: c.WECHAT_TEMPLATE_RESPONSE,
        triage: c.WECHAT_TEMPLATE_TRIAGE,
        followup: c.WECHAT_TEMPLATE_FOLLOWUP,
      },
    },
    triage: { unansweredHours: c.TRIAGE_UNANSWERED_HOURS, answerHours: c.TRIAGE_ANSWER_HOURS },
    phoneEncryptionKey: c.PHONE_ENCRYPTION_KEY,
    storage:
      c.STORAGE === 's3'
        ? {
            kind: 's3',
            endpoint: c.S3_ENDPOINT,
            region: c.S3_REGION!,
            bucket: c.S3_BUCKET!,
            accessKeyId: c.S3_ACCESS_KEY_ID!,
            secretAccessKey: c.S3_SECRET_ACCESS_KEY!,
            forcePathStyle: c.S3_FORCE_PATH_STYLE === 'true' || c.S3_FORCE_PATH_STYLE === '1',
            publicUrl: c.S3_PUBLIC_URL?.replace(/\/$/, ''),
          }
        : { kind: 'local', dir: c.UPLOAD_DIR },
    publicUrl: c.PUBLIC_URL?.replace(/\/$/, ''),
    sessionDays: c.SESSION_DAYS,
    trustProxy: c.TRUST_PROXY ?? (c.NODE_ENV === 'production' ? 1 : 0),
    logLevel: c.LOG_LEVEL,
    quotaMultiplier: c.QUOTA_MULTIPLIER,
  }
}

import { existsSync } from 'node:fs'
import { join } from 'node:path'
import Fastify, { type FastifyInstance } from 'fastify'
import multipart from '@fastify/multipart'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Config } from './config'
import type { Db } from './db/database'
import { createPhoneCipher } from './lib/crypto'
import authPlugin from './plugins/auth'
import dbPlugin from './plugins/db'
import errorsPlugin, { clientErrorHandler, frameworkErrors } from './plugins/errors'
import { documentErrors, openapiTransform, openapiTransformObject } from './plugins/openapi'
import wechatPlugin from './plugins/wechat'
import securityPlugin from './plugins/security'
import { authRoutes } from './modules/auth/auth.routes'
import { contestsRoutes, talentsRoutes } from './modules/contests/contests.routes'
import { staffContestsRoutes } from './modules/contests/contests.staff.routes'
import { contestsMeRoutes, nominationsRoutes } from './modules/contests/nominations.routes'
import { dashboardRoutes, staffTargetsRoutes } from './modules/dashboard/dashboard.routes'
import { h5Routes } from './modules/h5/h5.routes'
import { fontsDir, fontsRoutes } from './modules/fonts/fonts.routes'
import { healthRoutes } from './modules/health/health.routes'
import { i18nRoutes } from './modules/i18n/i18n.routes'
import { listingsRoutes } from './modules/listings/listings.routes'
import { messagesRoutes } from './modules/messages/messages.routes'
import { expertRecordRoutes, staffKeepersRoutes, triageRoutes } from './modules/triage/triage.routes'
import { newsRoutes } from './modules/news/news.routes'
import { newsStaffRoutes } from './modules/news/news.staff.routes'
import { articleLinksRoutes, articleLinksStaffRoutes } from './modules/article-links/article-links.routes'
import { auditRoutes } from './modules/audit/audit.routes'
import { sharingRoutes } from './modules/sharing/sharing.routes'
import { reviewRoutes } from './modules/review/review.routes'
import { studiosRoutes } from './modules/studios/studios.routes'
import { pushRoutes } from './modules/uploads/push.routes'
import { filesRoutes } from './modules/uploads/files.routes'
import { uploadsRoutes } from './modules/uploads/uploads.routes'
import { staffVerificationsRoutes, verificationsRoutes } from './modules/verifications/verifications.routes'
import { regionsRoutes } from './modules/regions/regions.routes'
import { usersRoutes } from './modules/users/users.routes'
import type { Deps } from './deps'
import { FeedCache } from './modules/listings/listings.cache'
import { ArticleCache } from './modules/news/news.cache'
import { ContestCache } from './modules/contests/contests.cache'
import { createWechatClient, type WechatClient } from './wechat/client'
import { createStorage, type Storage } from './storage'
import { scheduledJobs } from './jobs/jobs'
import { Scheduler } from './jobs/scheduler'
import quotasPlugin, { ROUTE_QUOTAS, routeKey } from './plugins/quotas'

export interface AppOptions {
  config: Config
  db: Db
  /** Defaults to a client for config.wechat; tests may pass one pointed at their own emulator. */
  wechat?: WechatClient
  /** Serve a built H5 app (dist/h5) at / from the same origin as the API. */
  h5Dir?: string
  /** Whether closing the app also closes the database (false when the caller owns it). */
  closeDb?: boolean
  /** The clock for time rules (deadlines, rate limits); tests pass their own. Defaults to the system clock. */
  now?: () => Date
  /** Defaults to the store config.storage names; tests pass their own to look inside it. Closed with the app. */
  storage?: Storage
  /**
   * Start the scheduled jobs when the app is ready (server.ts: from config). Tests leave it off
   * and call `app.scheduler.tick()` themselves.
   */
  runJobs?: boolean
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The scheduled jobs of this instance (server/src/jobs). */
    scheduler: Scheduler
  }
}

const MAX_IMAGE_BYTES = 10 * 1024 * 1024

// Plugins load in the order external → app → routes, as in fastify/demo.
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { config } = opts
  const app = Fastify({
    logger: { level: config.logLevel, redact: ['req.headers.authorization'] },
    // Behind TRUST_PROXY proxies: the client's address is the one the outermost of them saw, whatever
    // else a client puts into X-Forwarded-For (addresses feed the rate limits). Hop 0 is the peer.
    // (Fastify no longer takes a hop count: it cannot tell a proxy from a client that connects
    // directly, so the API must be reachable only through the proxies, as it is in production.)
    trustProxy: config.trustProxy > 0 ? (_address: string, hop: number) => hop < config.trustProxy : false,
    bodyLimit: 256 * 1024,
    // Fastify's own answers before routing (a URL that does not decode, a header Node's parser
    // refuses) leave as { code, message } in Chinese too.
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>()
  // Before any route: each route's error responses go into its schema (and the document).
  app.addHook('onRoute', documentErrors((method, url) => routeKey(method, url) in ROUTE_QUOTAS))
  // wx.request sends an empty body with content-type application/json when a POST or DELETE has
  // no data; treat that as no body instead of refusing it.
  const parseJson = app.getDefaultJsonParser('error', 'error')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') return done(null, undefined)
    return parseJson(request, body as string, done)
  })
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)

  // External plugins.
  // First, so its headers reach every route registered after it (the docs, the H5 site, the API).
  await app.register(securityPlugin, { config })
  await app.register(multipart, { limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 5 }, throwFileSizeLimit: true })
  await app.register(swagger, {
    openapi: {
      info: { title: '天府科技云 API', version: '0.1.0', description: '天府科技云小程序与 H5 的服务端接口' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: openapiTransform,
    transformObject: openapiTransformObject,
  })
  // The document's browsable form lists every route, staff ones included: for developers only.
  if (config.env !== 'production') await app.register(swaggerUi, { routePrefix: '/api/docs' })

  // App plugins.
  await app.register(errorsPlugin)
  await app.register(dbPlugin, { db: opts.db, closeOnShutdown: opts.closeDb ?? true })
  const wechat =
    opts.wechat ?? createWechatClient({ baseUrl: config.wechat.baseUrl, appid: config.wechat.appid, secret: config.wechat.secret })
  await app.register(wechatPlugin, { wechat })
  const now = opts.now ?? (() => new Date())
  await app.register(authPlugin, { now })

  const storage = opts.storage ?? createStorage(config)
  app.addHook('onClose', async () => storage.close())
  const deps: Deps = {
    db: opts.db,
    config,
    wechat,
    phoneCipher: createPhoneCipher(config.phoneEncryptionKey),
    sessionDays: config.sessionDays,
    feedCache: new FeedCache(),
    articleCache: new ArticleCache(),
    contestCache: new ContestCache(),
    storage,
    // The one way to make an image URL: the bucket's public origin, or this API's /uploads/.
    uploadUrl: (key) => storage.publicUrl(key) ?? `${config.publicUrl ?? ''}/uploads/${key}`,
    now,
  }

  // Quotas hook into every write route as it is registered, so they load before the routes.
  await app.register(quotasPlugin, { now: deps.now, multiplier: config.quotaMultiplier })
  const scheduler = new Scheduler(opts.db, scheduledJobs(deps), { now: deps.now, log: app.log })
  app.decorate('scheduler', scheduler)
  if (opts.runJobs) app.addHook('onReady', async () => scheduler.start())
  // A tick in progress finishes (or fails, logged) before close resolves.
  app.addHook('onClose', async () => scheduler.stop())

  // Routes.
  await app.register(filesRoutes, { prefix: '/uploads', deps })
  await app.register(healthRoutes, { prefix: '/api/health' })
  await app.register(authRoutes, { prefix: '/api/auth', deps, devLogin: config.wechat.emulator })
  await app.register(usersRoutes, { prefix: '/api/users', deps })
  await app.register(regionsRoutes, { prefix: '/api/regions' })
  await app.register(i18nRoutes, { prefix: '/api/i18n' })
  await app.register(newsRoutes, { prefix: '/api/news', deps })
  await app.register(newsStaffRoutes, { prefix: '/api/staff/news', deps })
  await app.register(articleLinksRoutes, { prefix: '/api/news', deps })
  await app.register(articleLinksStaffRoutes, { prefix: '/api/staff/news', deps })
  await app.register(sharingRoutes, { prefix: '/api/shares', deps })
  await app.register(uploadsRoutes, { prefix: '/api/uploads', deps })
  await app.register(pushRoutes, { prefix: '/api/wechat/push', deps })
  await app.register(listingsRoutes, { prefix: '/api/listings', deps })
  await app.register(verificationsRoutes, { prefix: '/api/verifications', deps })
  await app.register(studiosRoutes, { prefix: '/api/studios', deps })
  await app.register(reviewRoutes, { prefix: '/api/staff/review', deps })
  await app.register(staffVerificationsRoutes, { prefix: '/api/staff/verifications', deps })
  await app.register(contestsRoutes, { prefix: '/api/contests', deps })
  await app.register(staffContestsRoutes, { prefix: '/api/staff/contests', deps })
  await app.register(talentsRoutes, { prefix: '/api/talents', deps })
  await app.register(nominationsRoutes, { prefix: '/api/nominations', deps })
  await app.register(contestsMeRoutes, { prefix: '/api/me', deps })
  await app.register(dashboardRoutes, { prefix: '/api/dashboard', deps })
  await app.register(staffTargetsRoutes, { prefix: '/api/staff/targets', deps })
  await app.register(auditRoutes, { prefix: '/api/staff/audit', deps })
  await app.register(messagesRoutes, { prefix: '/api/messages', deps })
  await app.register(triageRoutes, { prefix: '/api/triage', deps })
  await app.register(expertRecordRoutes, { prefix: '/api/experts', deps })
  await app.register(staffKeepersRoutes, { prefix: '/api/staff/triage/keepers', deps })

  const fonts = fontsDir()
  if (fonts) await app.register(fontsRoutes, { dir: fonts })
  if (opts.h5Dir && existsSync(join(opts.h5Dir, 'index.html'))) await app.register(h5Routes, { dir: opts.h5Dir, deps })
  return app
}

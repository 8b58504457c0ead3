import fp from 'fastify-plugin'
import type { Db } from '../db/database'

declare module 'fastify' {
  interface FastifyInstance {
    db: Db
  }
}

/** Shares one Kysely instance; the app that created it decides whether closing the app closes it. */
export default fp<{ db: Db; closeOnShutdown: boolean }>(async (app, { db, closeOnShutdown }) => {
  app.decorate('db', db)
  if (closeOnShutdown) app.addHook('onClose', async () => db.destroy())
})

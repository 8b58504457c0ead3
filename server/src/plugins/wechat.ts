import fp from 'fastify-plugin'
import type { WechatClient } from '../wechat/client'

declare module 'fastify' {
  interface FastifyInstance {
    /** The one way the server talks to WeChat (the local emulator in development and tests). */
    wechat: WechatClient
  }
}

export default fp<{ wechat: WechatClient }>(async (app, { wechat }) => {
  app.decorate('wechat', wechat)
})

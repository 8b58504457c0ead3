// Runs the WeChat emulator on its own port for local development and the demo:
//   WECHAT_EMULATOR_PORT (default 3100), WECHAT_PUSH_URL (where media-check results are pushed),
//   WECHAT_APPID / WECHAT_SECRET (what it accepts; default EMULATOR_APPID / EMULATOR_SECRET).
// Point the API server's WeChat base URL at the printed address.
import { buildEmulator } from './emulator'

async function main(): Promise<void> {
  const port = Number(process.env.WECHAT_EMULATOR_PORT ?? 3100)
  const app = buildEmulator({
    pushUrl: process.env.WECHAT_PUSH_URL || undefined,
    pushToken: process.env.WECHAT_PUSH_TOKEN || undefined,
    appid: process.env.WECHAT_APPID || undefined,
    secret: process.env.WECHAT_SECRET || undefined,
    logger: true,
  })
  const address = await app.listen({ port, host: '127.0.0.1' })
  app.log.info(`WeChat emulator listening on ${address}` + (process.env.WECHAT_PUSH_URL ? `, pushing to ${process.env.WECHAT_PUSH_URL}` : ''))

  let closing = false
  const shutdown = (signal: string) => {
    if (closing) return
    closing = true
    app.log.info(`${signal}: closing WeChat emulator`)
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', () => shutdown('SIGINT'))
  process.once('SIGTERM', () => shutdown('SIGTERM'))
}

main().catch((e) => {
  console.error('WeChat emulator failed to start:', e)
  process.exit(1)
})

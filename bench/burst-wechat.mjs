// WeChat for bench/burst.mjs: the emulator in its own process, as api.weixin.qq.com is another
// machine; in the server's process it would take the server's CPU and hide where time goes.
// Prints its port on the first line of stdout, then serves until killed.
import { buildEmulator } from '../server/src/wechat/emulator.ts'

const app = buildEmulator()
await app.listen({ port: 0, host: '127.0.0.1' })
process.stdout.write(`${app.server.address().port}\n`)
process.on('SIGTERM', () => app.close().then(() => process.exit(0)))
// The bench holds our stdin: when it ends (the bench exited, however), so do we.
process.stdin.on('end', () => process.exit(0)).resume()

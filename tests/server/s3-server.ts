import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import S3rver from 's3rver'

// A real S3-protocol server (s3rver: the S3 REST API over a folder) on a free port, with one
// bucket: the object-storage tests talk to it through the real AWS SDK, as production talks to
// Tencent COS.
export interface S3TestServer {
  /** The settings that point the app at it (STORAGE=s3 …), for createTestContext's env. */
  env: Record<string, string>
  /** An outage: the port stops answering until start(); the bucket's contents stay. */
  stop(): Promise<void>
  start(): Promise<void>
  close(): Promise<void>
}

export async function startS3Server(bucket = 'tianfu-test'): Promise<S3TestServer> {
  const directory = mkdtempSync(join(tmpdir(), 'tianfu-s3-'))
  const serve = async (port: number) => {
    const server = new S3rver({ port, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] })
    const address = await server.run()
    return { server, port: address.port }
  }
  let running: Awaited<ReturnType<typeof serve>> | null = await serve(0)
  const port = running.port
  const stop = async () => {
    if (!running) return
    // Idle keep-alive sockets of the app's client would hold close() open.
    ;(running.server as unknown as { httpServer?: { closeAllConnections(): void } }).httpServer?.closeAllConnections()
    await running.server.close()
    running = null
  }
  return {
    env: {
      STORAGE: 's3',
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_REGION: 'us-east-1',
      S3_BUCKET: bucket,
      // s3rver's own credentials (it does not enforce V4 signatures; the SDK still signs every request).
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
    },
    stop,
    async start() {
      running ??= await serve(port)
    },
    async close() {
      await stop()
      rmSync(directory, { recursive: true, force: true })
    },
  }
}

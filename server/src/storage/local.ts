import { randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { assertValidKey, contentTypeOf, type Storage, type StoredObject } from './storage'

/**
 * Files under one folder (UPLOAD_DIR). Several instances on one machine may share the folder;
 * instances on several machines need object storage (or a shared file system).
 */
export function createLocalStorage(dir: string): Storage {
  const root = resolve(dir)
  const pathOf = (key: string) => {
    assertValidKey(key)
    return join(root, ...key.split('/'))
  }
  return {
    kind: 'local',
    async put(key, bytes) {
      const path = pathOf(key)
      await mkdir(dirname(path), { recursive: true })
      // Written beside the target and renamed over it: a reader sees the old file or the whole new one.
      const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`
      try {
        await writeFile(temp, bytes)
        await rename(temp, path)
      } catch (err) {
        await unlink(temp).catch(() => undefined)
        throw err
      }
    },
    async get(key): Promise<StoredObject | null> {
      const path = pathOf(key)
      try {
        const info = await stat(path)
        if (!info.isFile()) return null
        return {
          body: createReadStream(path),
          contentType: contentTypeOf(key),
          size: info.size,
          etag: `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`,
        }
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw err
      }
    },
    async delete(key) {
      await unlink(pathOf(key)).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err
      })
    },
    async list(prefix) {
      const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return []
        throw err
      })
      return entries
        .filter((e) => e.isFile() && !e.name.endsWith('.tmp'))
        .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
        .filter((key) => key.startsWith(prefix))
        .sort()
    },
    publicUrl: () => null,
    async close() {},
  }
}

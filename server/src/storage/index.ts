import type { Config } from '../config'
import { createLocalStorage } from './local'
import { createS3Storage } from './s3'
import type { Storage } from './storage'

export type { Storage, StoredObject } from './storage'

/** The one place that picks the store from the configuration (STORAGE=local|s3). */
export function createStorage(config: Pick<Config, 'storage'>): Storage {
  const s = config.storage
  return s.kind === 's3' ? createS3Storage(s) : createLocalStorage(s.dir)
}

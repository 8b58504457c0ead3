import type { Readable } from 'node:stream'
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3'
import { AppError } from '../errors'
import { assertValidKey, contentTypeOf, IMMUTABLE_CACHE, isPrivateKey, PRIVATE_CACHE, type Storage, type StoredObject } from './storage'

export interface S3Settings {
  /** e.g. https://cos.ap-chengdu.myqcloud.com for Tencent COS; unset = AWS itself. */
  endpoint?: string
  region: string
  bucket: string
  accessKeyId: string
  secretAccessKey: string
  /** bucket in the path (MinIO, s3rver) rather than in the host name (AWS, COS). */
  forcePathStyle: boolean
  /** Origin the public loads objects from (the bucket's domain or a CDN in front of it). */
  publicUrl?: string
}

/**
 * S3-compatible object storage through the AWS SDK. Objects are written with long cache headers so
 * a CDN or the browser keeps them; whether the bucket is publicly readable is the operator's choice
 * (S3_PUBLIC_URL set: the app loads from there; unset: the API streams objects at /uploads/<key>).
 */
export function createS3Storage(s: S3Settings): Storage {
  const client = new S3Client({
    endpoint: s.endpoint,
    region: s.region,
    forcePathStyle: s.forcePathStyle,
    credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
    // Since 2025 the SDK adds CRC checksums to every upload by default; several S3-compatible
    // stores refuse or mishandle them. Send them only where an operation requires one.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
  })
  const Bucket = s.bucket
  const publicBase = s.publicUrl?.replace(/\/$/, '')

  // The store being unreachable is not the request's fault, nor a bug: the app retries a 503.
  async function send<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run()
    } catch (err) {
      if (err instanceof S3ServiceException && err.$fault === 'client') throw err
      throw Object.assign(new AppError('SERVICE_UNAVAILABLE', 503), { cause: err })
    }
  }

  return {
    kind: 's3',
    async put(key, bytes, contentType) {
      assertValidKey(key)
      // A private object stays out of any CDN or browser cache, even if someone reaches the bucket.
      const CacheControl = isPrivateKey(key) ? PRIVATE_CACHE : IMMUTABLE_CACHE
      await send(() => client.send(new PutObjectCommand({ Bucket, Key: key, Body: bytes, ContentType: contentType, CacheControl })))
    },
    async get(key): Promise<StoredObject | null> {
      assertValidKey(key)
      try {
        const res = await send(() => client.send(new GetObjectCommand({ Bucket, Key: key })))
        return { body: res.Body as Readable, contentType: res.ContentType ?? contentTypeOf(key), size: res.ContentLength, etag: res.ETag }
      } catch (err) {
        if (err instanceof S3ServiceException && (err.name === 'NoSuchKey' || err.$metadata.httpStatusCode === 404)) return null
        throw err
      }
    },
    async delete(key) {
      assertValidKey(key)
      // S3 answers 204 for a key that is not there, so a retried deletion is no error.
      await send(() => client.send(new DeleteObjectCommand({ Bucket, Key: key })))
    },
    async list(prefix) {
      const keys: string[] = []
      let token: string | undefined
      do {
        const page = await send(() => client.send(new ListObjectsV2Command({ Bucket, Prefix: prefix, ContinuationToken: token })))
        for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key)
        token = page.IsTruncated ? page.NextContinuationToken : undefined
      } while (token)
      return keys.sort()
    },
    publicUrl: (key) => (publicBase && !isPrivateKey(key) ? `${publicBase}/${key}` : null),
    async close() {
      client.destroy()
    },
  }
}

import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import fp from 'fastify-plugin'
import helmet, { type HelmetOptions } from 'helmet'
import type { Config } from '../config'

// Security headers on every answer, the H5 site's pages and the API alike (helmet's):
// - Content-Security-Policy: scripts only from this origin (plus the hashes of the few inline
//   scripts the H5 page carries, h5.routes.ts), nothing may frame the site (frame-ancestors 'none',
//   and X-Frame-Options for old browsers), images from here, data:/blob: (the image picker's
//   previews) and the public origins images are served from (PUBLIC_URL, S3_PUBLIC_URL).
//   Styles allow 'unsafe-inline': React writes style attributes and Taro's H5 components add
//   <style> elements at run time; a style cannot run code, a script can.
// - nosniff, Referrer-Policy strict-origin-when-cross-origin (a shared link's path and query stay
//   on this site; image hosts still see the origin for hotlink checks).
// - HSTS only in production and only on a request that reached us over https (directly or, with
//   TRUST_PROXY, as the proxy says): a browser ignores it over http and a developer's
//   http://127.0.0.1 must not be pinned to https.

declare module 'fastify' {
  interface FastifyInstance {
    /** The site's Content-Security-Policy header; `scriptSources` ('sha256-…') allow a page's own inline scripts. */
    contentSecurityPolicy: (scriptSources?: string[]) => string
  }
}

const HSTS = `max-age=${180 * 86_400}`

function originOf(url: string | undefined): string[] {
  return url ? [new URL(url).origin] : []
}

/** Where the app loads images from besides this origin: the API's public URL and the object store's. */
export function imageOrigins(config: Pick<Config, 'publicUrl' | 'storage'>): string[] {
  const store = config.storage.kind === 's3' ? config.storage.publicUrl : undefined
  return [...new Set([...originOf(config.publicUrl), ...originOf(store)])]
}

/**
 * script-src sources for `javascript:` links a page has to keep (with 'unsafe-hashes', Chromium
 * matches the hash of the whole URL): Taro's H5 tab bar is `<a href="javascript:;">` with a click
 * handler, and tapping it navigates to that no-op URL, which the policy would otherwise refuse.
 */
export function javascriptUrlSources(urls: string[]): string[] {
  return urls.length ? ["'unsafe-hashes'", ...urls.map((u) => `'sha256-${createHash('sha256').update(u, 'utf8').digest('base64')}'`)] : []
}

/** 'sha256-…' of each inline <script> in `html`, for script-src. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>()
  for (const m of html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    hashes.add(`'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`)
  }
  return [...hashes]
}

/**
 * The headers helmet sets for `options`, worked out once. They never change between requests, and
 * @fastify/helmet built helmet's middleware again for every answer, parsing the CSP directives
 * each time (4 % of a post's page under load, bench/reads.mjs --cpu-prof).
 */
export function helmetHeaders(options: HelmetOptions): Map<string, string> {
  const headers = new Map<string, string>()
  const res = {
    setHeader: (name: string, value: unknown) => headers.set(name.toLowerCase(), String(value)),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
  }
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err
  })
  return headers
}

export default fp<{ config: Config }>(async (app, { config }) => {
  const images = imageOrigins(config)
  const directives = (scriptSources: string[] = []): Record<string, string[]> => ({
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'script-src': ["'self'", ...scriptSources],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', ...images],
    // blob: is a voice note just recorded: the recorder plays it back from the phone's memory
    // before it is uploaded, and while there is no network to upload it at all.
    'media-src': ["'self'", 'blob:', ...images],
    // The Tibetan font (/fonts/) comes from the API, which an H5 build may call at its public URL.
    'font-src': ["'self'", 'data:', ...originOf(config.publicUrl)],
    // An H5 build may call the API at its public URL instead of this origin (TARO_APP_API_BASE);
    // blob: is a photo just picked, which Taro's H5 uploadFile reads back before sending it.
    'connect-src': ["'self'", 'blob:', ...originOf(config.publicUrl)],
    'object-src': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  })
  const policy = (scriptSources?: string[]) => helmetHeaders({ contentSecurityPolicy: { useDefaults: false, directives: directives(scriptSources) } }).get('content-security-policy')!
  app.decorate('contentSecurityPolicy', policy)

  const headers = Object.fromEntries(
    helmetHeaders({
      contentSecurityPolicy: { useDefaults: false, directives: directives() },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
      strictTransportSecurity: false,
      // Images are meant to be shown wherever their URL is (the app, a share poster); the rest stays same-origin.
      crossOriginResourcePolicy: { policy: 'same-origin' },
    }),
  )

  app.addHook('onRequest', async (request, reply) => {
    reply.headers(headers)
    if (config.env === 'production' && request.protocol === 'https') reply.header('strict-transport-security', HSTS)
    if (request.url.startsWith('/uploads/')) reply.header('cross-origin-resource-policy', 'cross-origin')
  })
})

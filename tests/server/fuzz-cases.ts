// Malformed requests for every operation of the OpenAPI document, for tests/server/fuzz.test.ts.
// Deterministic: one seeded generator (mulberry32, a few lines below; no library needed) decides
// every choice, so a failure names a seed and a case that replay exactly.

export type Who = 'anonymous' | 'farmer' | 'staff'
export const PEOPLE: Who[] = ['anonymous', 'farmer', 'staff']

export interface Rand {
  /** A float in [0, 1). */
  next(): number
  int(lo: number, hi: number): number
  pick<T>(items: readonly T[]): T
}

export function seeded(seed: number): Rand {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
  }
}

type Json = any

export interface Operation {
  method: string
  /** The document's path template: /api/listings/{id}. */
  path: string
  op: Json
  /** Statuses the document lists for it. */
  statuses: Set<number>
}

export interface FuzzCase {
  op: Operation
  /** What was broken (for the counts and for failure messages). */
  kind: string
  method: string
  url: string
  who: Who
  headers: Record<string, string>
  payload?: string | Buffer
  /** The method is not the operation's: the answer must be 405 with Allow. */
  wrongMethod?: boolean
}

export function operationsOf(doc: Json): Operation[] {
  const ops: Operation[] = []
  for (const [path, item] of Object.entries<Json>(doc.paths)) {
    for (const [method, op] of Object.entries<Json>(item)) {
      ops.push({ method: method.toUpperCase(), path, op, statuses: new Set(Object.keys(op.responses).map(Number)) })
    }
  }
  return ops.sort((a, b) => order(a) - order(b) || `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`))
}

/** Operations that end the session they are called with go last, so the others keep their people. */
function order(o: { method: string; path: string }): number {
  const key = `${o.method} ${o.path}`
  return key === 'POST /api/auth/logout' ? 1 : key === 'DELETE /api/users/me' ? 2 : 0
}

/** Values for the patterns the schemas use, so a "valid" baseline passes validation. */
const PATTERN_VALUES: Record<string, (r: Rand) => string> = {
  '^51(\\d{2}(\\d{2}(\\d{3})?)?)?$': (r) => r.pick(['51', '5133', '513328', '513328200']),
  '^51\\d{7}$': (r) => r.pick(['513328200', '513328100', '510104022']),
  '^51(\\d{4})?$': (r) => r.pick(['51', '513328']),
  '^1[3-9]\\d{9}$': (r) => `138${String(r.int(0, 99999999)).padStart(8, '0')}`,
  '^[A-Za-z0-9_-]{16,64}$': (r) => token(r, 24),
  '^[A-Za-z0-9_-]{8,32}$': (r) => token(r, 12),
  '^[a-z0-9-]{1,40}$': (r) => `fuzz-${r.int(1, 50)}`,
  '^\\d{4}-\\d{2}(-\\d{2})?$': () => '2027-03-12',
  '^\\d{4}-(0[1-9]|1[0-2])$': () => '2027-03',
  '^[0-9a-f]{64}$': () => 'a'.repeat(64),
  '^\\d{1,12}$': (r) => String(r.int(1, 20)),
}

function token(r: Rand, n: number): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'
  let s = ''
  for (let i = 0; i < n; i++) s += chars[r.int(0, chars.length - 1)]
  return s
}

/** A plausible valid value for a JSON schema (the document's), to start mutating from. */
export function sample(schema: Json, r: Rand, depth = 0): unknown {
  if (!schema || depth > 6) return null
  if (schema.example !== undefined) return schema.example
  if (Array.isArray(schema.examples) && schema.examples.length) return r.pick(schema.examples)
  if (schema.enum) return r.pick(schema.enum.filter((v: unknown) => v !== null).length ? schema.enum.filter((v: unknown) => v !== null) : schema.enum)
  const branches = schema.oneOf ?? schema.anyOf
  if (branches) return sample(r.pick(branches), r, depth + 1)
  switch (schema.type) {
    case 'object': {
      const out: Record<string, unknown> = {}
      const required = new Set<string>(schema.required ?? [])
      for (const [key, prop] of Object.entries<Json>(schema.properties ?? {})) {
        if (required.has(key) || r.next() < 0.5) out[key] = sample(prop, r, depth + 1)
      }
      return out
    }
    case 'array':
      return Array.from({ length: Math.min(schema.minItems ?? 0, 3) }, () => sample(schema.items, r, depth + 1))
    case 'integer':
    case 'number': {
      const lo = schema.minimum !== undefined ? schema.minimum + (schema.exclusiveMinimum ? 1 : 0) : 1
      const hi = Math.min(schema.maximum ?? lo + 20, lo + 20)
      return r.int(lo, hi)
    }
    case 'boolean':
      return true
    case 'string': {
      if (schema.pattern && PATTERN_VALUES[schema.pattern]) return PATTERN_VALUES[schema.pattern](r)
      if (schema.format === 'date-time') return '2027-05-31T23:59:59+08:00'
      const n = Math.max(schema.minLength ?? 1, Math.min(schema.maxLength ?? 8, 12))
      return '牦牛养殖技术交流'.repeat(3).slice(0, n)
    }
    default:
      return null
  }
}

/** The schema of a property path (the first branch of a union that has it). */
function schemaAt(schema: Json, path: string[]): Json {
  if (!schema) return undefined
  if (!path.length) return schema
  for (const branch of schema.oneOf ?? schema.anyOf ?? []) {
    const found = schemaAt(branch, path)
    if (found) return found
  }
  const [head, ...rest] = path
  if (schema.type === 'array') return schemaAt(schema.items, rest)
  return schemaAt(schema.properties?.[head], rest)
}

/** Every property path of a value, depth first (array items by index). */
function pathsOf(value: unknown, prefix: string[] = [], out: string[][] = []): string[][] {
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const path = [...prefix, key]
      out.push(path)
      if (path.length < 4) pathsOf(child, path, out)
    }
  }
  return out
}

function withAt(value: unknown, path: string[], replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string, unknown>
  let node: any = copy
  for (const key of path.slice(0, -1)) node = node[key]
  const last = path[path.length - 1]
  if (replacement === DELETE) delete node[last]
  else node[last] = replacement
  return copy
}

const DELETE = Symbol('delete')

/** Strings people and scripts send that a field must survive: limits, invisible characters, NUL, injections. */
export function badStrings(s: string, maxLength = 40): unknown[] {
  return [
    DELETE,
    null,
    123,
    -1,
    true,
    [],
    {},
    [s],
    '',
    ' ',
    '\t\n',
    '字'.repeat(maxLength + 1),
    'x'.repeat(70_000),
    `\u202e${s}\u202c`,
    `\u200b\u200b${s}`,
    `${s}\u2066`,
    `\ufeff${s}`,
    '\u200b\u200c\u200d\u2060',
    `a\u0000b${s}`,
    `${s}\u0000`,
    '\ud800',
    '\u0007\u001b[31m',
    '😀'.repeat(maxLength + 1),
    `👩‍🌾${s}`,
    'བཀྲ་ཤིས་བདེ་ལེགས།',
    'مرحبا بالعالم',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '${7*7}{{7*7}}',
    '../../../../etc/passwd',
    'javascript:alert(1)',
    '%00%E0%A4%A',
    '\\',
  ]
}

export const BAD_NUMBERS: unknown[] = [DELETE, null, '1', '', -1, 0, 1.5, -0.0001, 2147483648, 2 ** 53 + 2, 1e308, -1e308, true, [], {}, '１', 'NaN']
const BAD_OBJECTS: unknown[] = [DELETE, null, [], 'x', 0, {}, { constructor: { prototype: { polluted: 1 } } }]
const BAD_ARRAYS: unknown[] = [DELETE, null, {}, 'x', [null], [[]], Array(1000).fill(1), Array(20).fill('x'), [-1, 0, 2 ** 40]]
const BAD_BOOLEANS: unknown[] = [DELETE, null, 'true', 1, 0, 'yes', []]

function badValuesFor(value: unknown, schema: Json): unknown[] {
  if (typeof value === 'string') return badStrings(value, schema?.maxLength ?? 40)
  if (typeof value === 'number') return BAD_NUMBERS
  if (typeof value === 'boolean') return BAD_BOOLEANS
  if (Array.isArray(value)) return BAD_ARRAYS
  if (value && typeof value === 'object') return BAD_OBJECTS
  return [DELETE, 'x', 1, {}, []]
}

/** Whole bodies that are not what any route expects. */
const RAW_BODIES = [
  '{',
  '{"a":',
  'nul',
  '[]',
  '"x"',
  '123',
  'null',
  '{}',
  '{"a":1,"a":2}',
  '{"__proto__":{"polluted":1}}',
  '\u0000',
  '\ufeff{}',
  '{"title":"\\ud800"}',
  '['.repeat(3000) + ']'.repeat(3000),
  `{"x":"${'y'.repeat(300 * 1024)}"}`,
]

const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=----x',
  'application/xml',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'image/png',
  'application/vnd.api+json',
  '*/*',
  'application/json;;;',
  '\u00e9',
]

/** Path parameter values: wrong types, limits, encodings. */
const BAD_PARAMS = [
  '0',
  '-1',
  'abc',
  '1.5',
  '1e3',
  '0x10',
  '2147483648',
  '99999999999999999999999',
  'NaN',
  '%00',
  '%E0%A4%A',
  '%',
  '%2F',
  '%20',
  '%E2%80%AE1',
  '1%00',
  'x'.repeat(120),
  '..%2F..%2Fetc',
  '%F0%9F%98%80',
]

const BAD_QUERY_VALUES = ['', '-1', '0', 'abc', '1e400', '99999999999999999999', '%00', '%E0%A4%A', '%E2%80%AE', 'x'.repeat(3000), '1&$1=2', '[]']

const AUTH_HEADERS = ['Bearer', 'Bearer ', `Bearer ${'a'.repeat(19)}`, `Bearer ${'a'.repeat(101)}`, 'Basic dXNlcjpwYXNz', `Bearer \u0000${'a'.repeat(30)}`, `Bearer ${'a'.repeat(40)}`]

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']

export interface Known {
  /** Values for path parameters by name (ids of rows that exist, a share code…). */
  params: Record<string, string[]>
  /** A small real image, for the upload routes' valid requests. */
  image: Buffer
}

/** Builds about `perOp` cases for one operation. */
export function casesFor(o: Operation, known: Known, r: Rand, perOp: number, pathMethods: string[]): FuzzCase[] {
  const out: FuzzCase[] = []
  const params: Json[] = o.op.parameters ?? []
  const pathParams = params.filter((p) => p.in === 'path')
  const queryParams = params.filter((p) => p.in === 'query')
  const headerParams = params.filter((p) => p.in === 'header')
  const content = o.op.requestBody?.content ?? {}
  const jsonBody = content['application/json']
  const multipart = content['multipart/form-data']
  const takesBody = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(o.method)
  let turn = 0
  const nextWho = (): Who => PEOPLE[turn++ % PEOPLE.length]

  const validParams = () =>
    Object.fromEntries(pathParams.map((p) => [p.name, known.params[p.name]?.length ? r.pick(known.params[p.name]) : String(sample(p.schema, r))]))
  const urlOf = (values: Record<string, string>, query = '') => o.path.replace(/\{(\w+)\}/g, (_, name) => values[name] ?? '1') + query
  const validQuery = () => {
    const parts = queryParams
      .filter((p) => p.required || r.next() < 0.3)
      .map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(String(sample(p.schema, r)))}`)
    return parts.length ? `?${parts.join('&')}` : ''
  }
  const validHeaders = (): Record<string, string> =>
    Object.fromEntries(headerParams.map((p) => [p.name, String(sample(p.schema, r))]))
  // The document's examples (one → `example`, several → `examples`) are the valid bodies.
  const examples: unknown[] = !jsonBody
    ? []
    : jsonBody.example !== undefined
      ? [jsonBody.example]
      : Object.values<Json>(jsonBody.examples ?? {}).map((e) => e.value)
  const baseBody = () => (!jsonBody ? undefined : examples.length ? structuredClone(r.pick(examples)) : sample(jsonBody.schema, r))
  const json = (headers: Record<string, string>) => ({ ...headers, 'content-type': 'application/json' })
  const add = (kind: string, c: Partial<FuzzCase> & { url: string }) => out.push({ op: o, kind, method: o.method, who: nextWho(), headers: {}, ...c })

  // The operation as meant, once per person: the baseline the mutations depart from.
  for (const who of PEOPLE) {
    const body = baseBody()
    if (multipart) {
      out.push({ op: o, kind: 'valid', method: o.method, url: urlOf(validParams()), who, ...imageUpload(known.image) })
      continue
    }
    out.push({
      op: o,
      kind: 'valid',
      method: o.method,
      url: urlOf(validParams(), validQuery()),
      who,
      headers: body === undefined ? validHeaders() : json(validHeaders()),
      payload: body === undefined ? undefined : JSON.stringify(body),
    })
  }

  // Methods the path does not have: 405 with Allow.
  for (const method of METHODS.filter((m) => !pathMethods.includes(m)).slice(0, 2)) {
    add('method', { method, url: urlOf(validParams()), wrongMethod: true })
  }

  // Each generator breaks one thing of an otherwise valid request; `weight` copies make the
  // richer ones (body fields, path parameters) come up more often than header noise.
  const generators: Array<() => void> = []
  const gen = (weight: number, make: () => void) => {
    for (let i = 0; i < weight; i++) generators.push(make)
  }
  /** The valid body (and its content type), for cases that break something else. */
  const withBody = (headers: Record<string, string>) => {
    const body = baseBody()
    return body === undefined ? { headers } : { headers: json(headers), payload: JSON.stringify(body) }
  }
  for (const p of pathParams) {
    gen(3, () => add('path', { url: urlOf({ ...validParams(), [p.name]: r.pick(BAD_PARAMS) }), ...withBody(validHeaders()) }))
  }
  for (const p of queryParams) {
    gen(2, () => add('query', { url: urlOf(validParams(), `?${encodeURIComponent(p.name)}=${r.pick(BAD_QUERY_VALUES)}`), headers: validHeaders() }))
  }
  // Repeated and unknown query parameters, broken encoding: on any operation.
  gen(1, () =>
    add('query', {
      url: urlOf(validParams(), r.pick(['?limit=1&limit=2', '?x=%E0%A4%A', '?__proto__[a]=1', '?a[b][c]=1', `?q=${'%E2%80%AE'.repeat(20)}`, '?&&&=&'])),
      ...withBody(validHeaders()),
    }),
  )
  gen(1, () => add('header', { url: urlOf(validParams(), validQuery()), ...withBody({ ...validHeaders(), authorization: r.pick(AUTH_HEADERS) }) }))
  gen(1, () =>
    add('header', {
      url: urlOf(validParams(), validQuery()),
      ...withBody({ ...validHeaders(), 'x-visitor-id': r.pick(['\u202eabcdefghijklmnop', '', 'x'.repeat(2000), 'a\u0000bcdefghijklmnopq']) }),
    }),
  )
  for (const p of headerParams) {
    gen(2, () => {
      const headers = validHeaders()
      const bad = r.pick([undefined, '', 'short', 'a'.repeat(65), 'ab cd ef gh ij kl mn', '\u0000'.repeat(20), '\u202e'.repeat(20)])
      if (bad === undefined) delete headers[p.name]
      else headers[p.name] = bad
      add('header', { url: urlOf(validParams(), validQuery()), ...withBody(headers) })
    })
  }
  if (jsonBody) {
    gen(8, () => {
      const body = baseBody()
      const paths = pathsOf(body)
      if (!paths.length) return add('body-raw', { url: urlOf(validParams()), headers: json(validHeaders()), payload: r.pick(RAW_BODIES) })
      const path = r.pick(paths)
      const current = path.reduce<any>((node, key) => node?.[key], body)
      const bad = r.pick(badValuesFor(current, schemaAt(jsonBody.schema, path)))
      add('body-field', { url: urlOf(validParams()), headers: json(validHeaders()), payload: JSON.stringify(withAt(body, path, bad)) })
    })
    gen(1, () => {
      // An extra property, or the whole body replaced by a wrong type.
      const body = baseBody() as Record<string, unknown>
      const payload = r.next() < 0.5 ? JSON.stringify({ ...body, [`extra${r.int(1, 9)}`]: r.pick(badStrings('x')) }) : JSON.stringify(r.pick([null, [], 'x', 1, [body]]))
      add('body-field', { url: urlOf(validParams()), headers: json(validHeaders()), payload })
    })
  }
  if (takesBody) {
    gen(2, () => add('body-raw', { url: urlOf(validParams()), headers: json(validHeaders()), payload: r.pick(RAW_BODIES) }))
    gen(2, () => {
      const body = baseBody()
      add('content-type', {
        url: urlOf(validParams()),
        headers: { ...validHeaders(), 'content-type': r.pick(CONTENT_TYPES) },
        payload: body === undefined ? 'x=1' : JSON.stringify(body),
      })
    })
  }
  if (multipart) gen(8, () => add('multipart', { url: urlOf(validParams()), ...multipartCase(r) }))
  if (!takesBody) {
    // A body on a GET is ignored, whatever it says.
    gen(1, () => add('body-raw', { url: urlOf(validParams(), validQuery()), headers: { 'content-type': 'application/json' }, payload: r.pick(RAW_BODIES.slice(0, 8)) }))
  }

  while (out.length < perOp) r.pick(generators)()
  return out
}

function imageUpload(image: Buffer): { headers: Record<string, string>; payload: Buffer } {
  const boundary = '----fuzzimage'
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`),
    image,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload }
}

/** Multipart bodies for the upload routes: broken framing, wrong fields, not an image, too many files. */
function multipartCase(r: Rand): { headers: Record<string, string>; payload: Buffer } {
  const boundary = '----fuzz' + r.int(1000, 9999)
  const part = (name: string, filename: string | null, type: string, data: Buffer | string) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename === null ? '' : `; filename="${filename}"`}\r\nContent-Type: ${type}\r\n\r\n`,
      ),
      Buffer.isBuffer(data) ? data : Buffer.from(data),
      Buffer.from('\r\n'),
    ])
  const end = Buffer.from(`--${boundary}--\r\n`)
  const random = Buffer.from(Array.from({ length: r.int(0, 4096) }, () => r.int(0, 255)))
  const variants: Array<() => Buffer> = [
    () => Buffer.concat([part('file', 'a.jpg', 'image/jpeg', random), end]),
    () => Buffer.concat([part('file', 'a.png', 'image/png', Buffer.from('\x89PNG\r\n\x1a\n' + 'x'.repeat(100))), end]),
    () => Buffer.concat([part('note', null, 'text/plain', 'hello'), end]),
    () => Buffer.concat([part('file', 'a.txt', 'text/plain', 'not an image'), end]),
    () => Buffer.concat([part('file', 'a.jpg', 'image/jpeg', random), part('file', 'b.jpg', 'image/jpeg', random), end]),
    () => Buffer.concat([part('file', '\u202egpj.exe', 'image/jpeg', random), end]),
    () => end,
    () => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\nxx`),
    () => Buffer.alloc(0),
  ]
  const payload = r.pick(variants)()
  const type = r.next() < 0.85 ? `multipart/form-data; boundary=${boundary}` : r.pick(['multipart/form-data', 'multipart/form-data; boundary=other', 'application/json'])
  return { headers: { 'content-type': type }, payload }
}

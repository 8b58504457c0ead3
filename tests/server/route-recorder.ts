// A Fastify factory that records every route each instance registers, for tests that check what
// the app really serves against their own lists (the OpenAPI document, authorization matrices).
// Use it as the factory of a jest mock, which must be written in the test file itself:
//   jest.mock('fastify', () => require('./route-recorder').recordingFastify())
// The test then reads `recordedRoutes` (every instance) or `routesOf(app)` (one app).

export interface RecordedRoute {
  method: string
  url: string
  schema?: { hide?: boolean }
}

/** Every route of every Fastify instance created in this test file, one row per method. */
export const recordedRoutes: RecordedRoute[] = []
const byApp = new WeakMap<object, RecordedRoute[]>()

export function routesOf(app: object): RecordedRoute[] {
  const routes = byApp.get(app)
  if (!routes) throw new Error('this app was not created through the recording Fastify factory')
  return routes
}

export function recordingFastify() {
  const actual = jest.requireActual('fastify')
  const recording = (opts?: unknown) => {
    const app = actual(opts)
    const routes: RecordedRoute[] = []
    byApp.set(app, routes)
    app.addHook('onRoute', (r: { method: string | string[]; url: string; schema?: { hide?: boolean } }) => {
      for (const method of ([] as string[]).concat(r.method)) {
        const row = { method, url: r.url, schema: r.schema }
        routes.push(row)
        recordedRoutes.push(row)
      }
    })
    return app
  }
  return Object.assign(recording, actual, { default: recording, fastify: recording })
}

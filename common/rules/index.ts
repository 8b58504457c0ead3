// Every rule a form and the server share, once: limits, patterns, what a status allows, and one
// validator per form that answers like the server's 400 (field path → Chinese message).
// common/schemas builds its zod schemas from these; the app imports them without zod.
// Dependency-free on purpose: only common/enums, common/errors, common/text and common/china-time.
export * from './fields'
export * from './users'
export * from './review'
export * from './listings'
export * from './contests'
export * from './news'
export * from './messages'
export * from './studios'

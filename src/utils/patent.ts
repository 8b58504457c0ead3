// 科技成果 patent / plant-variety numbers: the server's rule itself (common/rules/listings.ts,
// which the schema `patentNo` is built from), imported without zod. Kept as a path for the
// publish page and tests/weapp/achievements-form.test.ts until the page imports common/rules.
export { isPatentNo, normalizePatentNo } from '../../common/rules/listings'

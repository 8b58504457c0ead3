// 科技成果 patent / plant-variety numbers: the server's rule itself (common/rules/listings.ts).
// The publish page imports common/rules directly; this path stays for
// tests/weapp/achievements-form.test.ts until the shims go (C9).
export { isPatentNo, normalizePatentNo } from '../../common/rules/listings'

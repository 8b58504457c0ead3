// 科技成果 patent / plant-variety numbers, checked on the phone by the same rule as the server
// (common/schemas/listings.ts `patentNo`, which pulls zod in — too big for the app): a Chinese
// patent (ZL optional + 8 or 12 digits + . + check digit or X) or a plant-variety right (CNA + 8–9
// digits + . + digit). Spaces and case do not matter; the number is sent normalised.
// tests/weapp/achievements-form.test.ts checks that both rules agree.

/** Upper case, no spaces: 'zl 2021 10123456.7' → 'ZL202110123456.7'. */
export function normalizePatentNo(s: string): string {
  return s.replace(/\s+/g, '').toUpperCase()
}

export function isPatentNo(s: string): boolean {
  const n = normalizePatentNo(s)
  return /^(ZL)?(\d{8}|\d{12})\.[\dX]$/.test(n) || /^CNA\d{8,9}\.\d$/.test(n)
}

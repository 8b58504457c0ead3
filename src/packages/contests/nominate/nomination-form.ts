import { CONTEST_LIMITS, PHONE_MESSAGE, validateNomination, type FieldErrors } from '../../../../common/rules'
import type { NominationInput } from '../../../../common/schemas/contests'

// The 举荐 form as the chair fills it (kept as a draft per contest) and its check before sending:
// the server's validateNomination, in the form's words.

export type Mode = 'registered' | 'new'
export interface NominationForm {
  mode: Mode
  userId: number | null
  userName: string
  name: string
  phone: string
  reason: string
}

export const BLANK: NominationForm = { mode: 'registered', userId: null, userName: '', name: '', phone: '', reason: '' }

const [NAME_MIN, NAME_MAX] = CONTEST_LIMITS.nomineeName
/** The form's names and words: "举荐理由须为 10–500 个字". */
const LABELS = { reason: '举荐理由' }
const WORDS: Record<string, string> = {
  nominee: '请在下面选择要举荐的人',
  'nominee.userId': '请在下面选择要举荐的人',
  'nominee.name': `请填写姓名（${NAME_MIN}–${NAME_MAX} 个字）`,
  'nominee.phone': PHONE_MESSAGE,
}

/** What is sent: someone with an account, or a person by name and phone in the chair's township. */
export function nominationOf(f: NominationForm, township: string): NominationInput {
  const nominee = f.mode === 'registered' ? { userId: f.userId! } : { name: f.name.trim(), phone: f.phone.trim(), regionCode: township }
  return { nominee, reason: f.reason.trim() }
}

/** What is wrong before sending, field path → message; empty when nothing is. */
export function checkNomination(f: NominationForm, township: string): FieldErrors {
  const input = nominationOf(f, township)
  // Nobody picked yet: the account choice with no id, not a person by name.
  const nominee = f.mode === 'registered' && !f.userId ? { userId: null } : input.nominee
  const found = validateNomination({ ...input, nominee }, { labels: LABELS })
  const out: FieldErrors = {}
  for (const [path, message] of Object.entries(found)) out[path.startsWith('nominee.') || path === 'nominee' ? nomineePath(path, f.mode) : path] = WORDS[path] ?? message
  return out
}

/** In the 已注册 mode every problem with the nominee is "pick someone", shown under the list. */
function nomineePath(path: string, mode: Mode): string {
  return mode === 'registered' ? 'nominee' : path
}

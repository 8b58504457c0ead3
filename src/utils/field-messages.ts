import type { FieldErrors } from '../../common/rules'
import { localize } from '../i18n'

/**
 * A form's field messages in the reader's language. The rules (common/rules) and the server's 400
 * `fields` write Chinese; each exact text is catalogued (rule.*, error.*), so localize finds it.
 * Done once, where the messages arrive: a message already in Tibetan is not Chinese to look up.
 */
export function localizeFields(fields: FieldErrors): FieldErrors {
  return Object.fromEntries(Object.entries(fields).map(([path, message]) => [path, localize(message)]))
}

import { Text } from '@tarojs/components'

// Words people wrote (a title, a name, a message) and place names from the server stay as written
// in every language; they are marked `data-ugc` so a check can tell them from the app's own words
// (which, in Tibetan, must hold no Chinese).

/** Stands where the value goes in a catalog sentence: t('listing.my_message', { message: UGC_SLOT }). */
export const UGC_SLOT = '\u0001'

/** Someone's own words, marked as such. */
export function Ugc({ children, className }: { children?: string | number | null; className?: string }) {
  return (
    <Text className={className} data-ugc>
      {children}
    </Text>
  )
}

/**
 * A catalog sentence with someone's words in it: `sentence` is the translation filled with
 * UGC_SLOT where `value` goes (word order differs between languages), `value` is shown marked.
 */
export function WithUgc({ sentence, value, className }: { sentence: string; value: string; className?: string }) {
  const at = sentence.indexOf(UGC_SLOT)
  const before = at < 0 ? `${sentence} ` : sentence.slice(0, at)
  const after = at < 0 ? '' : sentence.slice(at + UGC_SLOT.length)
  return (
    <>
      {before}
      <Ugc className={className}>{value}</Ugc>
      {after}
    </>
  )
}

import type { Category } from '../../../common/enums'
import { voiceTitle } from '../../../common/rules/listings'
import { useT } from '../../i18n/use-t'
import { Ugc } from '../ugc'

/**
 * A post's title. A need asked by voice alone carries the title the server made from its category
 * (语音求助·养殖) until a chair or staff write a better one: those are our words, not the asker's,
 * so they read in the reader's language (a herder sees her own question named in Tibetan). Any
 * other title is someone's own words, shown as written.
 */
export function ListingTitle({ title, category }: { title: string; category?: Category }) {
  const { t } = useT()
  if (category && title === voiceTitle(category)) return <>{t('listing.voice_title', { category: t(`category.${category}`) })}</>
  return <Ugc>{title}</Ugc>
}

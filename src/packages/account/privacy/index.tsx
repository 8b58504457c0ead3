import { View } from '@tarojs/components'
import { PRIVACY_VERSION } from '../../../../common/enums'
import { PageShell } from '../../../components/page-shell'
import { useT } from '../../../i18n'

// The same text is declared in the mini program admin console (用户隐私保护指引); keep the catalog's
// privacy.* entries and that text in step, and bump PRIVACY_VERSION when it changes, so everyone
// agrees to the new text.
const SECTIONS = [
  ['privacy.what_title', 'privacy.what_text'],
  ['privacy.why_title', 'privacy.why_text'],
  ['privacy.who_title', 'privacy.who_text'],
  ['privacy.how_title', 'privacy.how_text'],
  ['privacy.rights_title', 'privacy.rights_text'],
  ['privacy.contact_title', 'privacy.contact_text'],
] as const

export default function PrivacyPage() {
  const { t } = useT()
  return (
    <PageShell>
      <View className='card'>
        <View className='section-title' style={{ margin: 0 }}>
          {t('privacy.title')}
        </View>
        <View className='muted'>{t('privacy.version', { v: PRIVACY_VERSION })}</View>
        {SECTIONS.map(([title, text]) => (
          <View key={title} style={{ marginTop: '16px' }}>
            <View style={{ fontWeight: 600 }}>{t(title)}</View>
            <View>{t(text)}</View>
          </View>
        ))}
      </View>
    </PageShell>
  )
}

import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import type { Listing, ListingResponse } from '../../../../common/schemas/listings'
import { when } from '../../../utils/when'
import { useT, type MessageKey } from '../../../i18n'
import { Ugc } from '../../../components/ugc'
import { Author } from './author'
import { ResponderContact } from './contact-card'
import { FeedbackForm, FeedbackList } from './feedback'
import { VoicePlayer } from '../../../components/voice-player'

/**
 * 管理: what the owner may do with their post now, as the server says in `viewer` (修改, 标记已解决
 * once someone's 对接 is accepted, 关闭): the app keeps no copy of which statuses allow what.
 */
export function OwnerActions({ listing, busy, onResolve, onClose }: { listing: Listing; busy: boolean; onResolve: () => void; onClose: () => void }) {
  const { t } = useT()
  const can = listing.viewer
  if (!can.canClose) return null
  return (
    <View className='card detail__owner'>
      <View className='detail__label'>{t('owner.manage')}</View>
      <View className='detail__actions'>
        {can.canEdit && (
          <Button className='btn btn--plain detail__action' onClick={() => Taro.navigateTo({ url: `/packages/listings/publish/index?id=${listing.id}` })}>
            {t('owner.edit')}
          </Button>
        )}
        {can.canResolve && (
          <Button className='btn btn--primary detail__action' disabled={busy || undefined} onClick={onResolve}>
            {t('owner.resolve')}
          </Button>
        )}
        <Button className='btn btn--danger detail__action' disabled={busy || undefined} onClick={onClose}>
          {t('owner.close')}
        </Button>
      </View>
    </View>
  )
}

const STATUS_TEXT: Record<ListingResponse['status'], MessageKey> = { pending: 'owner.status.pending', accepted: 'owner.status.accepted', declined: 'owner.status.declined' }

/** The owner's list of 对接 (意向 for a 科技成果): accept one, call them once accepted, rate them after. */
export function OwnerResponses({
  listing,
  responses,
  busy,
  onAccept,
  feedback,
}: {
  listing: Listing
  responses: ListingResponse[]
  busy: boolean
  onAccept: (r: ListingResponse) => void
  feedback: (responseId: number) => (rating: number, text: string) => Promise<void>
}) {
  const { t } = useT()
  const achievement = !!listing.achievement
  return (
    <View className='detail__responses'>
      <View className='section-title'>
        {t(achievement ? 'owner.responses_interest' : 'owner.responses', { n: responses.length })}
      </View>
      {responses.length === 0 && <View className='card muted'>{t(achievement ? 'owner.no_interest' : 'owner.no_responses')}</View>}
      {responses.map((r) => (
        <View key={r.id} className='card detail__response' data-response={r.id}>
          <View className='detail__response-head'>
            <Author person={r.responder} />
            <View className='muted'>{when(r.createdAt)}</View>
          </View>
          {r.voice && <VoicePlayer className='detail__response-voice' url={r.voice.url} durationMs={r.voice.durationMs} />}
          {r.voicePending && <View className='muted detail__response-voice-pending'>{t('voice.pending')}</View>}
          {/* Said only by voice, and the note is gone (WeChat found it risky): nothing to hear or read. */}
          {!r.message && !r.voice && !r.voicePending && <View className='muted detail__response-voice-pending'>{t('voice.removed')}</View>}
          {r.message && (
            <View className='detail__response-message'>
              <Ugc>{r.message}</Ugc>
            </View>
          )}
          <View className={`detail__response-status detail__response-status--${r.status}`}>{t(STATUS_TEXT[r.status])}</View>
          {r.status === 'pending' && listing.status === 'published' && (
            <Button className='btn btn--primary detail__accept' disabled={busy || undefined} onClick={() => onAccept(r)}>
              {t('owner.accept')}
            </Button>
          )}
          {r.contact && <ResponderContact contact={r.contact} />}
          <FeedbackList response={r} />
          {r.status === 'accepted' && !r.feedback.some((f) => f.fromOwner) && <FeedbackForm onSubmit={feedback(r.id)} />}
        </View>
      ))}
    </View>
  )
}

import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import type { Listing, ListingResponse } from '../../../../common/schemas/listings'
import { relativeDate } from '../../../../common/china-time'
import { Author } from './author'
import { ResponderContact } from './contact-card'
import { FeedbackForm, FeedbackList } from './feedback'

/**
 * 管理: what the owner may do with their post now, as the server says in `viewer` (修改, 标记已解决
 * once someone's 对接 is accepted, 关闭): the app keeps no copy of which statuses allow what.
 */
export function OwnerActions({ listing, busy, onResolve, onClose }: { listing: Listing; busy: boolean; onResolve: () => void; onClose: () => void }) {
  const can = listing.viewer
  if (!can.canClose) return null
  return (
    <View className='card detail__owner'>
      <View className='detail__label'>管理</View>
      <View className='detail__actions'>
        {can.canEdit && (
          <Button className='btn btn--plain detail__action' onClick={() => Taro.navigateTo({ url: `/packages/listings/publish/index?id=${listing.id}` })}>
            修改
          </Button>
        )}
        {can.canResolve && (
          <Button className='btn btn--primary detail__action' disabled={busy || undefined} onClick={onResolve}>
            标记已解决
          </Button>
        )}
        <Button className='btn btn--danger detail__action' disabled={busy || undefined} onClick={onClose}>
          关闭
        </Button>
      </View>
    </View>
  )
}

const STATUS_TEXT = { pending: '待处理', accepted: '已接受', declined: '未接受' } as const

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
  const achievement = !!listing.achievement
  return (
    <View className='detail__responses'>
      <View className='section-title'>
        {achievement ? '意向' : '对接申请'}（{responses.length}）
      </View>
      {responses.length === 0 && <View className='card muted'>还没有人{achievement ? '表达意向' : '申请对接'}。信息公开后，有意向的人会在这里出现。</View>}
      {responses.map((r) => (
        <View key={r.id} className='card detail__response' data-response={r.id}>
          <View className='detail__response-head'>
            <Author person={r.responder} />
            <View className='muted'>{relativeDate(r.createdAt)}</View>
          </View>
          <View className='detail__response-message'>{r.message}</View>
          <View className={`detail__response-status detail__response-status--${r.status}`}>{STATUS_TEXT[r.status]}</View>
          {r.status === 'pending' && listing.status === 'published' && (
            <Button className='btn btn--primary detail__accept' disabled={busy || undefined} onClick={() => onAccept(r)}>
              接受对接
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

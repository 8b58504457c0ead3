import { useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import { Image, View } from '@tarojs/components'
import { CATEGORY_LABELS, LISTING_SIDE_LABELS, ROLE_LABELS } from '../../../../common/enums'
import { formatRegionPath } from '../../../../common/format'
import type { ReviewItem } from '../../../../common/schemas/review'
import { PageShell } from '../../../components/page-shell'
import { assetUrl } from '../../../services/http'
import { approve, decideReviewBulk, fetchReviewQueue, reject, type BulkDecision } from '../../../services/review'
import { dateTime } from '../../../../common/china-time'
import { Decision, QueueNotice } from '../shared/decision'
import { decideItem, useStaffQueue } from '../shared/queue'
import { BulkBar, FilterChips, LEAVES_QUEUE, outcomeSummary, SelectBox, useSelection } from '../shared/bulk'
import './index.scss'
import { Tappable } from '../../../components/tappable'
import { VoicePlayer } from '../../../components/voice-player'

const CHECK_LABELS = { pending: '待检测', pass: '已通过' } as const

// 内容审核: everything people publish waits here (oldest first) until a staff member approves it
// or rejects it with a reason the author reads. Staff see the whole post, 代发 details and the
// state of WeChat's image check; posts WeChat's text check was unsure about are marked 需留意.
export default function ReviewQueue() {
  const { items, state, error, load, remove } = useStaffQueue(fetchReviewQueue)
  const [kind, setKind] = useState<KindFilter>('all')
  const [flaggedOnly, setFlaggedOnly] = useState<'all' | 'flagged'>('all')
  const [county, setCounty] = useState('all')
  // Filters and ticks belong to the wide layout (bulk.scss); on a phone they are not shown and
  // every filter stays at 全部, so the phone sees the whole queue as before.
  const shown = useMemo(
    () => items.filter((i) => (kind === 'all' || kindOf(i) === kind) && (flaggedOnly === 'all' || i.flagged) && (county === 'all' || i.region.county.code === county)),
    [items, kind, flaggedOnly, county],
  )
  const counties = useMemo(() => [...new Map(items.map((i) => [i.region.county.code, i.region.county.name])).entries()], [items])
  const selection = useSelection(useMemo(() => shown.map((i) => i.id), [shown]))

  const decideSelected = async (decision: BulkDecision) => {
    const picked = shown.filter((i) => selection.isSelected(i.id))
    const results = await decideReviewBulk(picked.map((i) => ({ kind: i.kind, id: i.id })), decision)
    for (const r of results) if (LEAVES_QUEUE.includes(r.outcome)) remove(r.id)
    selection.clear()
    Taro.showToast({ title: outcomeSummary(results.map((r) => r.outcome)), icon: 'none', duration: 3000 })
  }

  if (items.length === 0) {
    return (
      <PageShell className='review'>
        <QueueNotice state={state} error={error} empty='没有待审核的内容' onRetry={load} />
      </PageShell>
    )
  }
  return (
    <PageShell className='review staff-wide'>
      <View className='review__count muted'>待审核 {items.length} 条，先提交的排在前面</View>
      <View className='staff-filters staff-wide-only'>
        <FilterChips label='类型' options={KIND_OPTIONS} value={kind} onChange={setKind} />
        <FilterChips label='微信检测' options={[['all', '全部'], ['flagged', '仅需留意']]} value={flaggedOnly} onChange={setFlaggedOnly} />
        <FilterChips label='地区' options={[['all', '全部'], ...counties]} value={county} onChange={setCounty} />
      </View>
      <BulkBar selected={selection.selected.length} shown={shown.length} onSelectAll={selection.selectAll} onClear={selection.clear} onDecide={decideSelected} />
      <View className='staff-grid'>
        {shown.map((item) => (
          <ReviewCard
            key={`${item.kind}-${item.id}`}
            item={item}
            selected={selection.isSelected(item.id)}
            onSelect={() => selection.toggle(item.id)}
            onApprove={() => decideItem(() => approve(item.kind, item.id), '已通过', () => remove(item.id))}
            onReject={(reason) => decideItem(() => reject(item.kind, item.id, reason), '已驳回', () => remove(item.id))}
          />
        ))}
      </View>
    </PageShell>
  )
}

type KindFilter = 'all' | 'need' | 'offer' | 'achievement'
const KIND_OPTIONS: Array<[KindFilter, string]> = [
  ['all', '全部'],
  ['need', '科技所需'],
  ['offer', '科技所能'],
  ['achievement', '科技成果'],
]
/** A post's filter kind: an achievement, or the side of a 所能所需 post. */
function kindOf(item: ReviewItem): KindFilter | null {
  return item.listingKind === 'achievement' ? 'achievement' : item.side
}

function ReviewCard({
  item,
  selected,
  onSelect,
  onApprove,
  onReject,
}: {
  item: ReviewItem
  selected: boolean
  onSelect: () => void
  onApprove: () => Promise<boolean>
  onReject: (reason: string) => Promise<boolean>
}) {
  const { author } = item
  const photoUrls = item.photos.map((p) => assetUrl(p.url))
  return (
    <View className={`card review-item${item.flagged ? ' review-item--flagged' : ''}${selected ? ' is-selected' : ''}`} data-id={item.id}>
      <SelectBox checked={selected} label={`选择：${item.title}`} onChange={onSelect} />
      <View className='review-item__tags'>
        {item.side && <View className={`review-item__tag review-item__tag--${item.side}`}>{LISTING_SIDE_LABELS[item.side]}</View>}
        <View className='review-item__tag'>{CATEGORY_LABELS[item.category]}</View>
        {item.flagged && <View className='review-item__flag'>需留意</View>}
      </View>
      {item.flagged && <View className='review-item__flag-note'>微信内容检测提示可能含不适宜内容，请仔细核对</View>}
      <View className='review-item__title'>{item.title}</View>
      <View className='muted review-item__region'>{formatRegionPath(item.region)}</View>

      <View className='review-item__author'>
        <View className='review-item__author-name'>{author.nickname}</View>
        {author.role && <View className='muted'>{ROLE_LABELS[author.role]}</View>}
        {author.verified && <View className='review-item__badge'>已认证</View>}
      </View>
      {item.proxyLabel && (
        <View className='review-item__proxy'>
          <View className='review-item__proxy-label'>{item.proxyLabel}</View>
          {item.proxyName && <View>群众：{item.proxyName}</View>}
        </View>
      )}

      <View className='review-item__desc'>{item.description}</View>

      {/* 语音求助: what was said is the post; staff hear it before anyone else can. */}
      {item.voice && (
        <View className='review-item__voice'>
          <View className='muted'>语音（{CHECK_LABELS[item.voice.check]}），请听完再审核</View>
          <VoicePlayer url={item.voice.url} durationMs={item.voice.durationMs} />
        </View>
      )}

      {item.photos.length > 0 && (
        <View className='review-item__photos'>
          {item.photos.map((p, i) => (
            <Tappable key={p.url} className='review-item__photo' label={`查看第 ${i + 1} 张大图：${CHECK_LABELS[p.check]}`} onClick={() => Taro.previewImage({ urls: photoUrls, current: photoUrls[i] })}>
              <Image className='review-item__photo-img' src={assetUrl(p.thumbUrl)} mode='aspectFill' lazyLoad />
              <View className={`review-item__check review-item__check--${p.check}`}>{CHECK_LABELS[p.check]}</View>
            </Tappable>
          ))}
        </View>
      )}

      <View className='muted review-item__time'>提交于 {dateTime(item.submittedAt)}</View>
      <Decision onApprove={onApprove} onReject={onReject} />
    </View>
  )
}

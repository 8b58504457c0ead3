import { useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import { Image, View } from '@tarojs/components'
import { ROLE_LABELS } from '../../../../common/enums'
import { formatRegionPath } from '../../../../common/format'
import type { Verification } from '../../../../common/schemas/review'
import { PageShell } from '../../../components/page-shell'
import { ProofImage } from '../../../components/proof-photo'
import { assetUrl } from '../../../services/http'
import { approveVerification, decideVerificationsBulk, fetchVerifications, rejectVerification, type BulkDecision } from '../../../services/review'
import { dateTime } from '../../../../common/china-time'
import { Decision, QueueNotice } from '../shared/decision'
import { decideItem, useStaffQueue } from '../shared/queue'
import { BulkBar, FilterChips, LEAVES_QUEUE, outcomeSummary, SelectBox, useSelection } from '../shared/bulk'
import './index.scss'

const fetchPending = () => fetchVerifications('pending')

// 身份认证审核: a 乡镇科协主席 or 科技工作者 is a claim until staff confirm it here, on evidence: a
// chair's real name and post against the appointment letter or work card in their photo, an
// expert's institution and title against their certificate. Approve, or reject with a reason the
// applicant reads on 我的.
export default function VerificationQueue() {
  const { items, state, error, load, remove } = useStaffQueue(fetchPending)
  const [role, setRole] = useState<'all' | 'chair' | 'expert'>('all')
  const [county, setCounty] = useState('all')
  // Filters and ticks show only in the wide H5 layout (shared/bulk.scss); a phone sees the whole queue.
  const shown = useMemo(() => items.filter((v) => (role === 'all' || v.role === role) && (county === 'all' || v.region?.county.code === county)), [items, role, county])
  const counties = useMemo(() => [...new Map(items.flatMap((v) => (v.region ? [[v.region.county.code, v.region.county.name] as const] : []))).entries()], [items])
  const selection = useSelection(useMemo(() => shown.map((v) => v.id), [shown]))
  const decideSelected = async (decision: BulkDecision) => {
    const results = await decideVerificationsBulk(selection.selected, decision)
    for (const r of results) if (LEAVES_QUEUE.includes(r.outcome)) remove(r.id)
    selection.clear()
    Taro.showToast({ title: outcomeSummary(results.map((r) => r.outcome)), icon: 'none', duration: 3000 })
  }

  if (items.length === 0) {
    return (
      <PageShell className='verifications'>
        <QueueNotice state={state} error={error} empty='没有待审核的认证申请' onRetry={load} />
      </PageShell>
    )
  }
  return (
    <PageShell className='verifications staff-wide'>
      <View className='verifications__count muted'>待审核 {items.length} 条，先申请的排在前面</View>
      <View className='staff-filters staff-wide-only'>
        <FilterChips label='身份' options={[['all', '全部'], ['chair', ROLE_LABELS.chair], ['expert', ROLE_LABELS.expert]]} value={role} onChange={setRole} />
        <FilterChips label='地区' options={[['all', '全部'], ...counties]} value={county} onChange={setCounty} />
      </View>
      <BulkBar who='申请人' selected={selection.selected.length} shown={shown.length} onSelectAll={selection.selectAll} onClear={selection.clear} onDecide={decideSelected} />
      <View className='staff-grid'>
        {shown.map((v) => (
          <VerificationCard
            key={v.id}
            item={v}
            selected={selection.isSelected(v.id)}
            onSelect={() => selection.toggle(v.id)}
            onApprove={() => decideItem(() => approveVerification(v.id), '已通过认证', () => remove(v.id))}
            onReject={(reason) => decideItem(() => rejectVerification(v.id, reason), '已驳回', () => remove(v.id))}
          />
        ))}
      </View>
    </PageShell>
  )
}

function VerificationCard({
  item,
  selected,
  onSelect,
  onApprove,
  onReject,
}: {
  item: Verification
  selected: boolean
  onSelect: () => void
  onApprove: () => Promise<boolean>
  onReject: (reason: string) => Promise<boolean>
}) {
  const { user } = item
  const chair = item.role === 'chair'
  // Staff decide on evidence: what the person claims on the left, the photo that should prove it
  // on the right, so name, post or title can be read against the document.
  return (
    <View className={`card verification-item${selected ? ' is-selected' : ''}`} data-id={item.id}>
      <SelectBox checked={selected} label={`选择：${user.nickname}`} onChange={onSelect} />
      <View className='verification-item__person'>
        {user.avatarUrl ? (
          <Image className='verification-item__avatar' src={assetUrl(user.avatarUrl)} mode='aspectFill' />
        ) : (
          <View className='verification-item__avatar verification-item__avatar--empty'>{user.nickname.slice(0, 1)}</View>
        )}
        <View className='verification-item__who'>
          <View className='verification-item__name'>{user.nickname}</View>
          <View className='verification-item__role'>申请认证：{ROLE_LABELS[item.role]}</View>
        </View>
      </View>
      <View className='verification-item__evidence'>
        <View className='verification-item__claim'>
          {chair ? (
            <View className='verification-item__job'>
              <Claim className='verification-item__real-name' label='真实姓名' value={item.realName} />
              <Claim className='verification-item__post' label='职务' value={item.post} />
            </View>
          ) : (
            <View className='verification-item__job'>
              <Claim className='verification-item__institution' label='单位' value={item.institution} />
              <Claim className='verification-item__title' label='职称' value={item.title} />
            </View>
          )}
          <View className='verification-item__region'>
            <View className='muted'>{chair ? '任职乡镇' : '所在地'}</View>
            <View>{item.region ? formatRegionPath(item.region) : '未填写所在乡镇'}</View>
          </View>
          <View className='verification-item__note'>{item.note ? `说明：${item.note}` : '未填写说明'}</View>
        </View>
        <View className='verification-item__proof'>
          <View className='muted'>{chair ? '任命文件或工作证' : '职称证书或工作证'}</View>
          {item.proofUrl ? (
            <ProofImage proofUrl={item.proofUrl} className='verification-item__proof-img' />
          ) : (
            <View className='verification-item__no-proof'>{item.proofErasedAt ? '照片已按规定删除' : '未上传证明照片，请驳回并请其补充'}</View>
          )}
        </View>
      </View>
      <View className='muted verification-item__time'>申请于 {dateTime(item.createdAt)}</View>
      <Decision
        onApprove={onApprove}
        onReject={onReject}
        who='申请人'
        example='例如：照片看不清职务，请重新拍摄任命文件'
        confirmApprove={chair ? '通过后，TA 能看到本乡镇的数据看板，并可以为农户代发、举荐人才。' : '通过后，TA 的科创工作室显示“已认证”和单位、职称。'}
      />
    </View>
  )
}

function Claim({ label, value, className }: { label: string; value: string | null; className: string }) {
  return (
    <View className={className}>
      <View className='muted'>{label}</View>
      <View className={value ? 'verification-item__value' : 'verification-item__value verification-item__value--missing'}>{value ?? '未填写'}</View>
    </View>
  )
}

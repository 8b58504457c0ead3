import Taro from '@tarojs/taro'
import { Image, View } from '@tarojs/components'
import { ROLE_LABELS } from '../../../../common/enums'
import { formatRegionPath } from '../../../../common/format'
import type { Verification } from '../../../../common/schemas/review'
import { PageShell } from '../../../components/page-shell'
import { assetUrl } from '../../../services/http'
import { approveVerification, fetchVerifications, rejectVerification } from '../../../services/review'
import { dateTime } from '../../../../common/china-time'
import { Decision, QueueNotice } from '../shared/decision'
import { decideItem, useStaffQueue } from '../shared/queue'
import './index.scss'

const fetchPending = () => fetchVerifications('pending')

// 身份认证审核: a 乡镇科协主席 or 科技工作者 is a claim until staff confirm it here. Staff check the
// person (usually by phone or with the county association) and approve, or reject with a reason.
export default function VerificationQueue() {
  const { items, state, error, load, remove } = useStaffQueue(fetchPending)

  if (items.length === 0) {
    return (
      <PageShell className='verifications'>
        <QueueNotice state={state} error={error} empty='没有待审核的认证申请' onRetry={load} />
      </PageShell>
    )
  }
  return (
    <PageShell className='verifications'>
      <View className='verifications__count muted'>待审核 {items.length} 条，先申请的排在前面</View>
      {items.map((v) => (
        <VerificationCard
          key={v.id}
          item={v}
          onApprove={() => decideItem(() => approveVerification(v.id), '已通过认证', () => remove(v.id))}
          onReject={(reason) => decideItem(() => rejectVerification(v.id, reason), '已驳回', () => remove(v.id))}
        />
      ))}
    </PageShell>
  )
}

function VerificationCard({ item, onApprove, onReject }: { item: Verification; onApprove: () => Promise<boolean>; onReject: (reason: string) => Promise<boolean> }) {
  const { user } = item
  return (
    <View className='card verification-item' data-id={item.id}>
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
      <View className='muted verification-item__region'>{item.region ? formatRegionPath(item.region) : '未填写所在乡镇'}</View>
      {(item.institution || item.title) && (
        <View className='verification-item__job'>
          {item.institution && <View className='verification-item__institution'>单位：{item.institution}</View>}
          {item.title && <View className='verification-item__title'>职称：{item.title}</View>}
        </View>
      )}
      <View className='verification-item__note'>{item.note ? `说明：${item.note}` : '未填写说明'}</View>
      {item.certificateUrl ? (
        <View className='verification-item__certificate'>
          <View className='muted'>证书照片（点击查看大图）</View>
          <Image
            className='verification-item__certificate-img'
            src={assetUrl(item.certificateUrl)}
            mode='aspectFit'
            onClick={() => Taro.previewImage({ urls: [assetUrl(item.certificateUrl)], current: assetUrl(item.certificateUrl) })}
          />
        </View>
      ) : (
        item.role === 'expert' && <View className='muted verification-item__no-certificate'>未上传证书照片</View>
      )}
      <View className='muted verification-item__time'>申请于 {dateTime(item.createdAt)}</View>
      <Decision onApprove={onApprove} onReject={onReject} />
    </View>
  )
}

import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Image, Switch, View } from '@tarojs/components'
import { ROLE_LABELS } from '../../../common/enums'
import { formatRegionPath } from '../../../common/format'
import { PageShell } from '../../components/page-shell'
import { NavRow } from '../../components/nav-row'
import { VerificationCard } from '../../components/verification-card'
import { useSession } from '../../hooks/useSession'
import { useUiPrefs } from '../../hooks/useUiPrefs'
import { setDataSaver, setElderMode } from '../../utils/ui-prefs'
import { useT } from '../../i18n'
import { OutboxBanner } from '../../components/outbox'
import { assetUrl, messageOf } from '../../services/http'
import { logout } from '../../services/auth'
import { deleteAccount, fetchMe } from '../../services/users'
import { getToken } from '../../services/session'
import { studioPath } from '../../services/studios'
import { fetchReceivedNominations } from '../../services/contests'
import { isVerifiedChair } from '../../utils/roles'
import { useUnreadMessages } from '../../hooks/useUnreadMessages'
import { markAllMessagesRead, MESSAGES_URL } from '../../services/messages'
import { LOGIN_URL, PROFILE_URL } from '../../utils/routes'
import './index.scss'

const VERIFICATION_LABELS = { none: '未认证', pending: '认证审核中', verified: '已认证', rejected: '认证未通过' }
const MY_LISTINGS_URL = '/packages/listings/mine/index'
const ELDER_NAME = '长辈模式：字更大，按钮更大'

export default function Mine() {
  const user = useSession()
  const { elder, saver } = useUiPrefs()
  const { t } = useT()
  // 我的消息: the unread count, and per entry below (read again on every show).
  const unread = useUnreadMessages()
  // Opening an entry with a count is seeing what changed there: its messages count as read.
  const opened = (entry: keyof typeof unread.entries) => () => {
    if (unread.entries[entry] > 0) markAllMessagesRead(entry).catch(() => undefined)
  }

  // 举荐邀请: a chair's 举荐 for this person (by account, or by the phone they bound), or null.
  const [invites, setInvites] = useState<{ total: number; pending: number } | null>(null)

  // Refresh the profile whenever the tab shows (a staff verification may have landed meanwhile).
  useDidShow(() => {
    if (getToken()) fetchMe().catch(() => undefined)
    if (user?.registered) {
      fetchReceivedNominations()
        .then((list) => setInvites(list.length ? { total: list.length, pending: list.filter((n) => n.status === 'pending').length } : null))
        .catch(() => undefined)
    } else setInvites(null)
  })

  const confirmDelete = async () => {
    const { confirm } = await Taro.showModal({
      title: '注销账号',
      content: '注销后，您的昵称、头像、手机号和地区将被删除，且无法恢复。确定注销吗？',
      confirmText: '确定注销',
      confirmColor: '#c62828',
    })
    if (!confirm) return
    try {
      await deleteAccount()
      Taro.showToast({ title: '账号已注销', icon: 'none' })
    } catch (err) {
      Taro.showToast({ title: messageOf(err), icon: 'none' })
    }
  }

  return (
    <PageShell className='mine'>
      {user ? (
        <View className='card mine__profile'>
          {user.avatarUrl ? <Image className='mine__avatar' src={assetUrl(user.avatarUrl)} mode='aspectFill' /> : <View className='mine__avatar mine__avatar--empty'>{(user.nickname ?? '我').slice(0, 1)}</View>}
          <View className='mine__info'>
            <View className='mine__name'>{user.nickname ?? '未填写昵称'}</View>
            {user.role && (
              <View className='muted'>
                {ROLE_LABELS[user.role]}
                {(user.role === 'chair' || user.role === 'expert') && ` · ${VERIFICATION_LABELS[user.verification]}`}
                {unread.entries.verification > 0 && <View className='mine__verification-new'>新</View>}
                {user.isStaff && ' · 科协工作人员'}
              </View>
            )}
            {user.region && <View className='muted'>{formatRegionPath(user.region)}</View>}
            {user.phoneMasked && <View className='muted'>手机 {user.phoneMasked}</View>}
          </View>
        </View>
      ) : (
        <View className='card'>
          <View className='mine__hello'>登录后可以发布需求、找专家、报名大赛</View>
          <Button className='btn btn--primary' onClick={() => Taro.navigateTo({ url: LOGIN_URL })}>
            微信一键登录
          </Button>
        </View>
      )}

      {/* 待发送: what was sent without a network and has not gone out yet. */}
      {user && <OutboxBanner className='mine__outbox' />}

      {user && (
        <View className='card mine__messages'>
          <NavRow className='mine__messages-entry' label='我的消息' url={MESSAGES_URL} badge={unread.total} />
        </View>
      )}

      {user && (
        <View className='card mine__work'>
          <NavRow className='mine__my-listings' label='我的发布' url={MY_LISTINGS_URL} badge={unread.entries.listings} onOpen={opened('listings')} />
          <NavRow
            className='mine__my-responses'
            label='我的对接'
            url={`${MY_LISTINGS_URL}?tab=responses`}
            badge={unread.entries.responses}
            onOpen={opened('responses')}
          />
          <NavRow className='mine__sharing' label='我的传播' url='/packages/sharing/index' />
          <NavRow className='mine__my-contests' label='我的参赛' url='/packages/contests/index?tab=mine' />
          {isVerifiedChair(user) && (
            <NavRow
              className='mine__my-nominations'
              label='我的举荐'
              url='/packages/contests/nominations/index'
              badge={unread.entries.nominations}
              onOpen={opened('nominations')}
            />
          )}
          {invites && (
            <NavRow
              className='mine__invites'
              label={invites.pending ? `举荐邀请（${invites.pending} 条待确认）` : '举荐邀请'}
              url='/packages/contests/received/index'
              badge={unread.entries.invites}
              onOpen={opened('invites')}
            />
          )}
          {user.registered && user.role === 'expert' && (
            <NavRow className='mine__studio' label='我的科创工作室' url={studioPath(user.id)} />
          )}
          {(user.isStaff || isVerifiedChair(user)) && (
            <NavRow className='mine__dashboard' label={user.isStaff ? '数据看板' : '本乡镇数据看板'} url='/packages/dashboard/index' />
          )}
        </View>
      )}

      {user && <VerificationCard user={user} />}

      {user?.isStaff && (
        <View className='card mine__staff'>
          <View className='mine__staff-title'>科协工作台</View>
          <NavRow className='mine__staff-review' label='内容审核' url='/packages/staff/review/index' />
          <NavRow className='mine__staff-verifications' label='身份认证审核' url='/packages/staff/verifications/index' />
          <NavRow className='mine__staff-news-import' label='导入科技报' url='/packages/staff/news-import/index' />
          <NavRow className='mine__staff-contests' label='大赛管理' url='/packages/staff/contests/index' />
        </View>
      )}

      <View className='card'>
        {user && (
          <NavRow label={user.registered ? '编辑资料' : '完善资料'} url={PROFILE_URL} />
        )}
        <View className='row mine__elder'>
          <View>
            <View>长辈模式</View>
            <View className='muted'>字更大，按钮更大</View>
          </View>
          <Switch
            className='mine__elder-switch'
            checked={elder}
            color='#0b6bcb'
            // Its name for screen readers: on H5 on the real checkbox inside, on weapp on the switch.
            nativeProps={{ role: 'switch', 'aria-label': ELDER_NAME }}
            {...(process.env.TARO_ENV === 'weapp' ? { 'aria-label': ELDER_NAME } : {})}
            onChange={(e) => setElderMode(e.detail.value)}
          />
        </View>
        <View className='row mine__saver'>
          <View>
            <View>{t('saver.label')}</View>
            <View className='muted'>{t('saver.hint')}</View>
          </View>
          <Switch
            className='mine__saver-switch'
            checked={saver}
            color='#0b6bcb'
            nativeProps={{ role: 'switch', 'aria-label': `${t('saver.label')}：${t('saver.hint')}` }}
            {...(process.env.TARO_ENV === 'weapp' ? { 'aria-label': `${t('saver.label')}：${t('saver.hint')}` } : {})}
            onChange={(e) => setDataSaver(e.detail.value)}
          />
        </View>
        <NavRow label='隐私保护指引' url='/packages/account/privacy/index' />
      </View>

      {user && (
        <View className='card mine__actions'>
          <Button className='btn btn--plain' onClick={() => logout().catch(() => undefined)}>
            退出登录
          </Button>
          <Button className='btn btn--danger mine__delete' onClick={confirmDelete}>
            注销账号
          </Button>
        </View>
      )}
    </PageShell>
  )
}

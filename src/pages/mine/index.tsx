import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Image, Switch, View } from '@tarojs/components'
import { ROLE_LABELS } from '../../../common/enums'
import { formatRegionPath } from '../../../common/format'
import { PageShell } from '../../components/page-shell'
import { useSession } from '../../hooks/useSession'
import { useUiPrefs } from '../../hooks/useUiPrefs'
import { setElderMode } from '../../utils/ui-prefs'
import { assetUrl, messageOf } from '../../services/http'
import { logout } from '../../services/auth'
import { deleteAccount, fetchMe } from '../../services/users'
import { getToken } from '../../services/session'
import './index.scss'

const VERIFICATION_LABELS = { none: '未认证', pending: '认证审核中', verified: '已认证', rejected: '认证未通过' }

export default function Mine() {
  const user = useSession()
  const { elder } = useUiPrefs()

  // Refresh the profile whenever the tab shows (a staff verification may have landed meanwhile).
  useDidShow(() => {
    if (getToken()) fetchMe().catch(() => undefined)
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
          <Button className='btn btn--primary' onClick={() => Taro.navigateTo({ url: '/packages/account/login/index' })}>
            微信一键登录
          </Button>
        </View>
      )}

      <View className='card'>
        {user && (
          <View className='row' onClick={() => Taro.navigateTo({ url: '/packages/account/profile/index' })}>
            <View>{user.registered ? '编辑资料' : '完善资料'}</View>
            <View className='muted'>›</View>
          </View>
        )}
        <View className='row mine__elder'>
          <View>
            <View>长辈模式</View>
            <View className='muted'>字更大，按钮更大</View>
          </View>
          <Switch className='mine__elder-switch' checked={elder} color='#0b6bcb' onChange={(e) => setElderMode(e.detail.value)} />
        </View>
        <View className='row' onClick={() => Taro.navigateTo({ url: '/packages/account/privacy/index' })}>
          <View>隐私保护指引</View>
          <View className='muted'>›</View>
        </View>
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

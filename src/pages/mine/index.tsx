import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Image, Switch, View } from '@tarojs/components'
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
import { getCachedUser, getToken } from '../../services/session'
import { studioPath } from '../../services/studios'
import { fetchReceivedNominations } from '../../services/contests'
import { isVerifiedChair } from '../../utils/roles'
import { useUnreadMessages } from '../../hooks/useUnreadMessages'
import { markAllMessagesRead, MESSAGES_URL } from '../../services/messages'
import { fetchTriageMe, TRIAGE_KEEPERS_URL, TRIAGE_URL } from '../../services/triage'
import { LOGIN_URL, PROFILE_URL } from '../../utils/routes'
import { LangChoice } from '../../components/lang-choice'
import { AssignedEntry } from './assigned-entry'
import './index.scss'

const MY_LISTINGS_URL = '/packages/listings/mine/index'

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
  // 科服保姆分诊: for staff of an area and the 科服保姆 staff appointed (anyone registered but a farmer); farmers are spared the request.
  const [triages, setTriages] = useState(false)

  // Refresh the profile whenever the tab shows (a staff verification may have landed meanwhile).
  useDidShow(() => {
    if (getToken()) fetchMe().catch(() => undefined)
    if (user?.registered) {
      fetchReceivedNominations()
        .then((list) => setInvites(list.length ? { total: list.length, pending: list.filter((n) => n.status === 'pending').length } : null))
        .catch(() => undefined)
    } else setInvites(null)
    // The stored profile, not this render's: back from signing in, the show comes before the re-render.
    const me = getCachedUser()
    if (me?.registered && (me.isStaff || me.role !== 'farmer')) {
      fetchTriageMe()
        .then((triage) => setTriages(triage.areas.length > 0))
        .catch(() => undefined)
    } else setTriages(false)
  })

  const confirmDelete = async () => {
    const { confirm } = await Taro.showModal({
      title: t('mine.delete'),
      content: t('mine.delete_content'),
      confirmText: t('mine.delete_confirm'),
      cancelText: t('dialog.cancel'),
      confirmColor: '#c62828',
    })
    if (!confirm) return
    try {
      await deleteAccount()
      Taro.showToast({ title: t('mine.deleted'), icon: 'none' })
    } catch (err) {
      Taro.showToast({ title: messageOf(err), icon: 'none' })
    }
  }

  return (
    <PageShell className='mine'>
      {user ? (
        <View className='card mine__profile'>
          {user.avatarUrl ? <Image className='mine__avatar' src={assetUrl(user.avatarUrl)} mode='aspectFill' /> : <View className='mine__avatar mine__avatar--empty' {...(user.nickname ? { 'data-ugc': true } : {})}>
              {user.nickname ? user.nickname.slice(0, 1) : t('mine.me')}
            </View>}
          <View className='mine__info'>
            {user.nickname ? (
              <View className='mine__name' data-ugc>
                {user.nickname}
              </View>
            ) : (
              <View className='mine__name'>{t('mine.no_nickname')}</View>
            )}
            {user.role && (
              <View className='muted'>
                {t(`role.${user.role}`)}
                {(user.role === 'chair' || user.role === 'expert') && ` · ${t(`mine.verification_${user.verification}`)}`}
                {unread.entries.verification > 0 && <View className='mine__verification-new'>{t('mine.new')}</View>}
                {user.isStaff && ` · ${t('mine.staff_tag')}`}
              </View>
            )}
            {/* Region names come from the server in Chinese (there is no Tibetan list of them). */}
            {user.region && (
              <View className='muted' data-ugc>
                {formatRegionPath(user.region)}
              </View>
            )}
            {user.phoneMasked && <View className='muted'>{t('mine.phone', { phone: user.phoneMasked })}</View>}
          </View>
        </View>
      ) : (
        <View className='card'>
          <View className='mine__hello'>{t('mine.hello')}</View>
          <Button className='btn btn--primary' onClick={() => Taro.navigateTo({ url: LOGIN_URL })}>
            {t('gate.wechat_login')}
          </Button>
        </View>
      )}

      {/* 待发送: what was sent without a network and has not gone out yet. */}
      {user && <OutboxBanner className='mine__outbox' />}

      {user && (
        <View className='card mine__messages'>
          <NavRow className='mine__messages-entry' label={t('mine.messages')} url={MESSAGES_URL} badge={unread.total} />
        </View>
      )}

      {user && (
        <View className='card mine__work'>
          <NavRow className='mine__my-listings' label={t('mine.my_listings')} url={MY_LISTINGS_URL} badge={unread.entries.listings} onOpen={opened('listings')} />
          <NavRow
            className='mine__my-responses'
            label={t('mine.my_responses')}
            url={`${MY_LISTINGS_URL}?tab=responses`}
            badge={unread.entries.responses}
            onOpen={opened('responses')}
          />
          <NavRow className='mine__sharing' label={t('mine.sharing')} url='/packages/sharing/index' />
          <NavRow className='mine__my-contests' label={t('mine.contests')} url='/packages/contests/index?tab=mine' />
          {isVerifiedChair(user) && (
            <NavRow
              className='mine__my-nominations'
              label={t('mine.nominations')}
              url='/packages/contests/nominations/index'
              badge={unread.entries.nominations}
              onOpen={opened('nominations')}
            />
          )}
          {invites && (
            <NavRow
              className='mine__invites'
              label={invites.pending ? t('mine.invites_pending', { n: invites.pending }) : t('mine.invites')}
              url='/packages/contests/received/index'
              badge={unread.entries.invites}
              onOpen={opened('invites')}
            />
          )}
          {user.registered && user.role === 'expert' && (
            <NavRow className='mine__studio' label={t('mine.studio')} url={studioPath(user.id)} />
          )}
          {user.role === 'expert' && user.verification === 'verified' && <AssignedEntry />}
          {(user.isStaff || isVerifiedChair(user)) && (
            <NavRow className='mine__dashboard' label={user.isStaff ? t('mine.dashboard') : t('mine.dashboard_chair')} url='/packages/dashboard/index' />
          )}
          {triages && <NavRow className='mine__triage' label={t('mine.triage')} url={TRIAGE_URL} />}
        </View>
      )}

      {user && <VerificationCard user={user} />}

      {user?.isStaff && (
        <View className='card mine__staff'>
          <View className='mine__staff-title'>{t('mine.staff_title')}</View>
          <NavRow className='mine__staff-review' label={t('mine.staff_review')} url='/packages/staff/review/index' />
          <NavRow className='mine__staff-verifications' label={t('mine.staff_verifications')} url='/packages/staff/verifications/index' />
          <NavRow className='mine__staff-news-import' label={t('mine.staff_news_import')} url='/packages/staff/news-import/index' />
          <NavRow className='mine__staff-contests' label={t('mine.staff_contests')} url='/packages/staff/contests/index' />
          <NavRow className='mine__staff-keepers' label={t('mine.staff_keepers')} url={TRIAGE_KEEPERS_URL} />
        </View>
      )}

      <View className='card'>
        {user && (
          <NavRow label={user.registered ? t('mine.edit_profile') : t('gate.complete_profile')} url={PROFILE_URL} />
        )}
        <View className='row mine__elder'>
          <View>
            <View>{t('mine.elder')}</View>
            <View className='muted'>{t('mine.elder_hint')}</View>
          </View>
          <Switch
            className='mine__elder-switch'
            checked={elder}
            color='#0b6bcb'
            // Its name for screen readers: on H5 on the real checkbox inside, on weapp on the switch.
            nativeProps={{ role: 'switch', 'aria-label': t('mine.elder_name') }}
            {...(process.env.TARO_ENV === 'weapp' ? { 'aria-label': t('mine.elder_name') } : {})}
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
        <NavRow label={t('mine.privacy')} url='/packages/account/privacy/index' />
        {/* 语言: 中文 / བོད་ཡིག, whenever the person wants to change it. */}
        <LangChoice variant='row' />
      </View>

      {user && (
        <View className='card mine__actions'>
          <Button className='btn btn--plain' onClick={() => logout().catch(() => undefined)}>
            {t('mine.logout')}
          </Button>
          <Button className='btn btn--danger mine__delete' onClick={confirmDelete}>
            {t('mine.delete')}
          </Button>
        </View>
      )}
    </PageShell>
  )
}

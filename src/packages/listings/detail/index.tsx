import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import {
  ACHIEVEMENT_STAGE_LABELS,
  CATEGORY_LABELS,
  LISTING_SIDE_LABELS,
  LISTING_STATUS_LABELS,
  TRANSFER_MODE_LABELS,
  type ResponseStatus,
} from '../../../../common/enums'
import type { Listing } from '../../../../common/schemas/listings'
import { formatRegionPath } from '../../../../common/format'
import { PageShell } from '../../../components/page-shell'
import { Tappable } from '../../../components/tappable'
import { studioPath } from '../../../services/studios'
import { StateView } from '../../../components/state-view'
import { ListingCard } from '../../../components/listing-card'
import { Timeline } from '../../../components/timeline'
import { ShareBar } from '../../../components/share-bar'
import { RelatedArticles } from '../../../components/related-articles'
import { SignInGate } from '../../../components/sign-in-gate'
import { assetUrl } from '../../../services/http'
import { dateTime } from '../../../../common/china-time'
import { Author } from './author'
import { ContactCard } from './contact-card'
import { FeedbackForm, FeedbackList } from './feedback'
import { OwnerActions, OwnerResponses } from './owner-actions'
import { RespondForm, wordsFor } from './respond-form'
import { DETAIL_PATH, useListingDetail } from './use-listing-detail'
import './index.scss'

const RESPONSE_STATUS_TEXT: Record<ResponseStatus, string> = {
  pending: '等待对方回复',
  accepted: '已接受，可以联系对方了',
  declined: '对方未接受',
}

/** 成果信息: a 科技成果's stage, how it may be taken up, its patent number and 单位. */
function AchievementInfo({ a }: { a: NonNullable<Listing['achievement']> }) {
  return (
    <View className='card detail__achievement'>
      <View className='detail__label'>成果信息</View>
      <View className='detail__contact-row'>
        <View className='muted'>阶段</View>
        <View className='detail__stage'>{ACHIEVEMENT_STAGE_LABELS[a.stage]}</View>
      </View>
      <View className='detail__contact-row'>
        <View className='muted'>转化方式</View>
        <View className='detail__transfer'>{TRANSFER_MODE_LABELS[a.transferMode]}</View>
      </View>
      <View className='detail__contact-row'>
        <View className='muted'>专利号</View>
        <Text className='detail__patent' userSelect>
          {a.patentNo ?? '未填写'}
        </Text>
      </View>
      <View className='detail__contact-row'>
        <View className='muted'>所属单位</View>
        <View className='detail__institution'>{a.institution}</View>
      </View>
    </View>
  )
}

// A post or a 科技成果: what it says, who may call whom, the 对接 of the viewer (or, for the owner,
// everyone's), sharing, progress and matches. Data and actions: use-listing-detail.ts.
export default function ListingDetail() {
  const { user, listing, failure, responses, matches, busy, load, shareTitle, accept, close, resolve, feedback } = useListingDetail()

  if (!listing) {
    return (
      <PageShell className='detail'>
        <StateView state={failure?.state ?? 'loading'} message={failure?.message} onRetry={load} rows={2} />
      </PageShell>
    )
  }

  const l = listing
  const a = l.achievement
  const words = wordsFor(!!a)
  const owner = l.viewer.isOwner
  const open = l.status === 'published' || l.status === 'resolved'
  const own = l.viewer.response ? responses.find((r) => r.id === l.viewer.response!.id) : undefined
  const preview = (current: string) => Taro.previewImage({ urls: l.photos.map((p) => assetUrl(p.url)), current })
  // Signed out on a public post, or signed in without a profile where responding is open.
  const gate = !owner && (user ? !user.registered && l.viewer.canRespond : open)

  return (
    <PageShell className='detail'>
      <View className='card detail__head'>
        <View className='detail__tags'>
          <View className={`status-tag status-tag--${l.status}`}>{LISTING_STATUS_LABELS[l.status]}</View>
          {a ? (
            <View className='detail__side detail__side--achievement'>科技成果</View>
          ) : (
            <View className={`detail__side detail__side--${l.side}`}>{LISTING_SIDE_LABELS[l.side]}</View>
          )}
          <View className='detail__category'>{CATEGORY_LABELS[l.category]}</View>
        </View>
        <View className='detail__title'>{l.title}</View>
        <View className='muted detail__place'>{formatRegionPath(l.region)}</View>
        <Author person={l.author} studio />
        {l.proxyLabel && (
          <View className='detail__proxy'>
            {l.proxyLabel}
            {l.proxyName && `，为农户 ${l.proxyName} 发布`}
          </View>
        )}
        {l.askedExpert && (
          <Tappable role='link' className='detail__asked' onClick={() => Taro.navigateTo({ url: studioPath(l.askedExpert!.id) })}>
            向专家 {l.askedExpert.nickname} 提问 ›
          </Tappable>
        )}
        <View className='muted'>
          {l.publishedAt ? `发布于 ${dateTime(l.publishedAt)}` : `提交于 ${dateTime(l.createdAt)}`} · {l.responseCount} {words.count}
        </View>
      </View>

      {owner && l.status === 'rejected' && (
        <View className='card detail__rejected'>
          <View className='detail__label'>未通过审核</View>
          <View>{l.rejectReason ?? '请修改后重新提交'}</View>
          <View className='muted'>修改后会重新提交审核。</View>
        </View>
      )}
      {owner && l.status === 'pending' && <View className='card detail__pending'>正在审核，通过后所有人都能看到这条信息。</View>}

      {a && <AchievementInfo a={a} />}

      <View className='card'>
        <View className='detail__label'>{a ? '成果简介' : '详细说明'}</View>
        <Text className='detail__description' userSelect>
          {l.description}
        </Text>
        {l.photos.length > 0 && (
          <View className='detail__photos'>
            {l.photos.map((p) => (
              <Tappable key={p.id} className='detail__photo-zoom' label='查看大图' onClick={() => preview(assetUrl(p.url))}>
                <Image className='detail__photo' src={assetUrl(p.thumbUrl)} mode='aspectFill' lazyLoad />
              </Tappable>
            ))}
          </View>
        )}
      </View>

      {l.contact && <ContactCard title={owner ? '我留的联系方式（对接成功后对方可见）' : '对方的联系方式'} contact={l.contact} mine={owner} />}

      {/* The viewer's part: respond, or where their response stands. */}
      {gate && (
        <SignInGate
          user={user}
          login={`登录后可以${words.title}，对方接受后交换联系方式。`}
          loginLabel={words.login}
          profile={`完善资料后可以${words.title}。`}
          className='detail__cta'
          textClassName='muted'
        />
      )}
      {user?.registered && l.viewer.canRespond && <RespondForm listingId={l.id} phoneMasked={user.phoneMasked} contactPhone={user.contactPhone} words={words} onDone={load} />}
      {l.viewer.response && (
        <View className='card detail__my-response'>
          <View className='detail__label'>{words.mine}</View>
          <View className={`detail__response-status detail__response-status--${l.viewer.response.status}`}>
            {RESPONSE_STATUS_TEXT[l.viewer.response.status]}
          </View>
          {own && <View className='muted'>我的留言：{own.message}</View>}
          {own && <FeedbackList response={own} />}
          {own?.status === 'accepted' && !own.feedback.some((f) => !f.fromOwner) && <FeedbackForm onSubmit={feedback(own.id)} />}
        </View>
      )}

      {owner && <OwnerActions listing={l} busy={busy} onResolve={resolve} onClose={close} />}
      {owner && <OwnerResponses listing={l} responses={responses} busy={busy} onAccept={accept} feedback={feedback} />}

      {open && (
        <View className='card detail__share'>
          <View className='detail__label'>{a ? '分享这项成果' : '分享这条信息'}</View>
          <ShareBar target='listing' id={l.id} title={shareTitle} text={`${CATEGORY_LABELS[l.category]} · ${formatRegionPath(l.region)}`} path={DETAIL_PATH} />
        </View>
      )}

      <View className='section-title'>进展</View>
      <View className='card'>
        <Timeline events={l.timeline} />
      </View>

      {matches.length > 0 && (
        <View className='detail__matches'>
          <View className='section-title'>推荐对接</View>
          <View className='muted detail__matches-hint'>{l.side === 'need' ? '这些专家服务可能帮得上忙' : '这些需求可能用得上这项服务'}</View>
          {matches.map((m) => (
            <ListingCard key={m.id} listing={m} />
          ))}
        </View>
      )}

      <RelatedArticles className='detail__related' target='listing' targetId={l.id} />
    </PageShell>
  )
}

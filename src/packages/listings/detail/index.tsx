import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import type { ResponseStatus } from '../../../../common/enums'
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
import { whenExactly } from '../../../utils/when'
import { useT, type MessageKey } from '../../../i18n'
import { UGC_SLOT, Ugc, WithUgc } from '../../../components/ugc'
import { ProxyLabel } from '../../../components/listing-card'
import { Author } from './author'
import { ContactCard } from './contact-card'
import { FeedbackForm, FeedbackList } from './feedback'
import { OwnerActions, OwnerResponses } from './owner-actions'
import { RespondForm, wordsFor } from './respond-form'
import { RetitleForm } from './retitle-form'
import { TriageDue } from './triage-due'
import { triageCasePath } from '../../../services/triage'
import { DETAIL_PATH, useListingDetail } from './use-listing-detail'
import { VoicePlayer } from '../../../components/voice-player'
import './index.scss'
import { ListingTitle } from '../../../components/listing-title'

const RESPONSE_STATUS_TEXT: Record<ResponseStatus, MessageKey> = {
  pending: 'listing.response.pending',
  accepted: 'listing.response.accepted',
  declined: 'listing.response.declined',
}

/** 成果信息: a 科技成果's stage, how it may be taken up, its patent number and 单位. */
function AchievementInfo({ a }: { a: NonNullable<Listing['achievement']> }) {
  const { t } = useT()
  return (
    <View className='card detail__achievement'>
      <View className='detail__label'>{t('listing.achievement_info')}</View>
      <View className='detail__contact-row'>
        <View className='muted'>{t('listing.stage')}</View>
        <View className='detail__stage'>{t(`stage.${a.stage}`)}</View>
      </View>
      <View className='detail__contact-row'>
        <View className='muted'>{t('listing.transfer')}</View>
        <View className='detail__transfer'>{t(`transfer.${a.transferMode}`)}</View>
      </View>
      <View className='detail__contact-row'>
        <View className='muted'>{t('listing.patent')}</View>
        <Text className='detail__patent' userSelect>
          {a.patentNo ?? t('listing.not_given')}
        </Text>
      </View>
      <View className='detail__contact-row'>
        <View className='muted'>{t('listing.institution')}</View>
        <View className='detail__institution'>
          <Ugc>{a.institution}</Ugc>
        </View>
      </View>
    </View>
  )
}

// A post or a 科技成果: what it says, who may call whom, the 对接 of the viewer (or, for the owner,
// everyone's), sharing, progress and matches. Data and actions: use-listing-detail.ts.
export default function ListingDetail() {
  const { user, listing, failure, responses, matches, busy, load, shareTitle, accept, close, resolve, feedback } = useListingDetail()
  const { t } = useT()

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
          <View className={`status-tag status-tag--${l.status}`}>{t(`status.listing.${l.status}`)}</View>
          {a ? (
            <View className='detail__side detail__side--achievement'>{t('listing.achievement')}</View>
          ) : (
            <View className={`detail__side detail__side--${l.side}`}>{t(`side.${l.side}`)}</View>
          )}
          <View className='detail__category'>{t(`category.${l.category}`)}</View>
        </View>
        <View className='detail__title'>
          <ListingTitle title={l.title} category={l.category} />
        </View>
        <View className='muted detail__place'>
          <Ugc>{formatRegionPath(l.region)}</Ugc>
        </View>
        <Author person={l.author} studio />
        {l.proxyLabel && (
          <View className='detail__proxy'>
            <ProxyLabel label={l.proxyLabel} />
            {l.proxyName && <WithUgc sentence={t('listing.for_farmer', { name: UGC_SLOT })} value={l.proxyName} />}
          </View>
        )}
        {l.askedExpert && (
          <Tappable role='link' className='detail__asked' onClick={() => Taro.navigateTo({ url: studioPath(l.askedExpert!.id) })}>
            <WithUgc sentence={t('listing.asked_expert', { name: UGC_SLOT })} value={l.askedExpert.nickname} />
          </Tappable>
        )}
        <View className='muted'>
          {l.publishedAt ? t('time.published_at', { time: whenExactly(l.publishedAt) }) : t('time.submitted_at', { time: whenExactly(l.createdAt) })} · {t(words.count, { n: l.responseCount })}
        </View>
      </View>

      {/* Staff of its area, its county's 科服保姆 and its township's chair read its service record. */}
      {l.viewer.readsTriage && (
        <Tappable role='link' className='card detail__triage-record' onClick={() => Taro.navigateTo({ url: triageCasePath(l.id) })}>
          {t('listing.triage_record')} ›
        </Tappable>
      )}

      {/* A 科服保姆 asked this expert to answer: by when, or 婉拒. */}
      {!owner && l.status === 'published' && <TriageDue user={user} listingId={l.id} version={l} />}

      {owner && l.status === 'rejected' && (
        <View className='card detail__rejected'>
          <View className='detail__label'>{t('listing.rejected')}</View>
          {/* Staff's own words. */}
          <View>{l.rejectReason ? <Ugc>{l.rejectReason}</Ugc> : t('listing.rejected_default')}</View>
          <View className='muted'>{t('listing.rejected_hint')}</View>
        </View>
      )}
      {owner && l.status === 'pending' && <View className='card detail__pending'>{t('listing.pending')}</View>}

      {a && <AchievementInfo a={a} />}

      <View className='card'>
        {l.voice && (
          <View className='detail__voice'>
            <View className='detail__label'>{t('voice.in_post')}</View>
            <VoicePlayer url={l.voice.url} durationMs={l.voice.durationMs} />
          </View>
        )}
        {/* A need said by voice alone has no words yet: no empty 详细说明 under its note. */}
        {(l.description || !l.voice) && (
          <>
            <View className='detail__label'>{a ? t('publish.label.achievement_intro') : t('publish.label.description')}</View>
            <Text className='detail__description' userSelect data-ugc>
              {l.description}
            </Text>
          </>
        )}
        {l.photos.length > 0 && (
          <View className='detail__photos'>
            {l.photos.map((p) => (
              <Tappable key={p.id} className='detail__photo-zoom' label={t('listing.photo')} onClick={() => preview(assetUrl(p.url))}>
                <Image className='detail__photo' src={assetUrl(p.thumbUrl)} mode='aspectFill' lazyLoad />
              </Tappable>
            ))}
          </View>
        )}
      </View>

      {l.contact && <ContactCard title={owner ? t('listing.my_contact') : t('listing.their_contact')} contact={l.contact} mine={owner} />}

      {/* The viewer's part: respond, or where their response stands. */}
      {gate && (
        <SignInGate
          user={user}
          login={t(a ? 'listing.gate_login_interest' : 'listing.gate_login')}
          loginLabel={t(words.login)}
          profile={t(a ? 'listing.gate_profile_interest' : 'listing.gate_profile')}
          className='detail__cta'
          textClassName='muted'
        />
      )}
      {user?.registered && l.viewer.canRespond && <RespondForm listingId={l.id} phoneMasked={user.phoneMasked} contactPhone={user.contactPhone} words={words} onDone={load} />}
      {l.viewer.response && (
        <View className='card detail__my-response'>
          <View className='detail__label'>{t(words.mine)}</View>
          <View className={`detail__response-status detail__response-status--${l.viewer.response.status}`}>
            {t(RESPONSE_STATUS_TEXT[l.viewer.response.status])}
          </View>
          {own?.message && (
            <View className='muted'>
              <WithUgc sentence={t('listing.my_message', { message: UGC_SLOT })} value={own.message} />
            </View>
          )}
          {own?.voice && <VoicePlayer className='detail__response-voice' url={own.voice.url} durationMs={own.voice.durationMs} />}
          {own && <FeedbackList response={own} />}
          {own?.status === 'accepted' && !own.feedback.some((f) => !f.fromOwner) && <FeedbackForm onSubmit={feedback(own.id)} />}
        </View>
      )}

      {l.viewer.canRetitle && (
        <RetitleForm
          listing={l}
          onDone={() => {
            Taro.showToast({ title: t('retitle.saved'), icon: 'none' })
            void load()
          }}
        />
      )}
      {owner && <OwnerActions listing={l} busy={busy} onResolve={resolve} onClose={close} />}
      {owner && <OwnerResponses listing={l} responses={responses} busy={busy} onAccept={accept} feedback={feedback} />}

      {open && (
        <View className='card detail__share'>
          <View className='detail__label'>{a ? t('listing.share_achievement') : t('listing.share_post')}</View>
          <ShareBar target='listing' id={l.id} title={shareTitle} text={`${t(`category.${l.category}`)} · ${formatRegionPath(l.region)}`} path={DETAIL_PATH} />
        </View>
      )}

      <View className='section-title'>{t('listing.progress')}</View>
      <View className='card'>
        <Timeline events={l.timeline} />
      </View>

      {matches.length > 0 && (
        <View className='detail__matches'>
          <View className='section-title'>{t('listing.matches')}</View>
          <View className='muted detail__matches-hint'>{l.side === 'need' ? t('listing.matches_need') : t('listing.matches_offer')}</View>
          {matches.map((m) => (
            <ListingCard key={m.id} listing={m} />
          ))}
        </View>
      )}

      <RelatedArticles className='detail__related' target='listing' targetId={l.id} />
    </PageShell>
  )
}

import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Image, Input, Text, Textarea, View } from '@tarojs/components'
import {
  ACHIEVEMENT_STAGE_LABELS,
  CATEGORY_LABELS,
  LISTING_SIDE_LABELS,
  LISTING_STATUS_LABELS,
  ROLE_LABELS,
  TRANSFER_MODE_LABELS,
  type ResponseStatus,
} from '../../../../common/enums'
import type { Contact, Listing, ListingResponse, Person } from '../../../../common/schemas/listings'
import { formatRegionPath } from '../../../../common/format'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { ListingCard, openStudio } from '../../../components/listing-card'
import { Timeline } from '../../../components/timeline'
import { useDraft } from '../../../hooks/useDraft'
import { useSession } from '../../../hooks/useSession'
import { useShareEntry, useShareMenu } from '../../../hooks/useShare'
import { ShareBar } from '../../../components/share-bar'
import { RelatedArticles } from '../../../components/related-articles'
import { ApiRequestError, assetUrl, messageOf } from '../../../services/http'
import {
  acceptResponse,
  closeListing,
  fetchListing,
  fetchMatches,
  fetchResponses,
  leaveFeedback,
  resolveListing,
  respondTo,
  type Match,
} from '../../../services/listings'
import { dateTime, relativeDate } from '../../../utils/dates'
import './index.scss'

const LOGIN_URL = '/packages/account/login/index'
const PROFILE_URL = '/packages/account/profile/index'
const PHONE = /^1[3-9]\d{9}$/
const EDITABLE = new Set(['pending', 'published', 'rejected'])
const RESPONSE_STATUS_TEXT: Record<ResponseStatus, string> = {
  pending: '等待对方回复',
  accepted: '已接受，可以联系对方了',
  declined: '对方未接受',
}

const chars = (s: string) => Array.from(s.trim()).length

/** Who wrote it (or responded); a 科技工作者's name opens their 科创工作室 when `studio` is set. */
function Author({ person, studio = false }: { person: Person; studio?: boolean }) {
  const link = studio && person.role === 'expert'
  return (
    <View className={`detail__author${link ? ' detail__author--studio' : ''}`} onClick={link ? () => openStudio(person) : undefined}>
      <View className='detail__author-name'>{person.nickname}</View>
      {person.verified && <View className='badge badge--ok'>已认证</View>}
      {person.role && <View className='muted'>{ROLE_LABELS[person.role]}</View>}
      {link && <View className='detail__studio-link'>进入工作室 ›</View>}
    </View>
  )
}

/** The words of the 对接 flow: a 科技成果 is "expressed interest in", a post is "applied to". */
function wordsFor(achievement: boolean) {
  return achievement
    ? { respond: '我有意向', title: '表达意向', count: '人有意向', login: '登录后表达意向', sent: '已表达意向，等待对方回复', mine: '我的意向' }
    : { respond: '申请对接', title: '申请对接', count: '人申请对接', login: '登录后申请对接', sent: '已申请，等待对方回复', mine: '我的对接申请' }
}
type Words = ReturnType<typeof wordsFor>

function ContactCard({ title, contact, mine = false }: { title: string; contact: Contact; mine?: boolean }) {
  return (
    <View className='card detail__contact'>
      <View className='detail__label'>{title}</View>
      <View className='detail__contact-row'>
        <View className='muted'>联系人</View>
        <View>{contact.name}</View>
      </View>
      <View className='detail__contact-row'>
        <View className='muted'>电话</View>
        <View className='detail__phone' onClick={() => Taro.makePhoneCall({ phoneNumber: contact.phone })}>
          {contact.phone}
        </View>
        <Button
          className='btn btn--plain detail__small-btn'
          onClick={() => Taro.setClipboardData({ data: contact.phone }).catch(() => undefined)}
        >
          复制
        </Button>
      </View>
      {contact.note && (
        <View className='detail__contact-row'>
          <View className='muted'>备注</View>
          <View>{contact.note}</View>
        </View>
      )}
      {!mine && (
        <Button className='btn btn--primary detail__call' onClick={() => Taro.makePhoneCall({ phoneNumber: contact.phone })}>
          拨打电话
        </Button>
      )}
    </View>
  )
}

const stars = (n: number) => '★★★★★'.slice(0, n) + '☆☆☆☆☆'.slice(0, 5 - n)

/** 1–5 stars and a few words, once per side of an accepted 对接. */
function FeedbackForm({ onSubmit }: { onSubmit: (rating: number, text: string) => Promise<void> }) {
  const [rating, setRating] = useState(0)
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    if (rating < 1) return setError('请点星星打分（1–5 星）')
    if (chars(text) > 200) return setError('评价最多 200 个字')
    setBusy(true)
    setError(null)
    try {
      await onSubmit(rating, text.trim())
    } catch (err) {
      setError(messageOf(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='detail__feedback'>
      <View className='detail__label'>评价这次对接</View>
      <View className='detail__stars'>
        {[1, 2, 3, 4, 5].map((n) => (
          <View key={n} className={`detail__star${n <= rating ? ' detail__star--on' : ''}`} data-star={n} onClick={() => setRating(n)}>
            {n <= rating ? '★' : '☆'}
          </View>
        ))}
      </View>
      <Textarea
        className='detail__textarea detail__feedback-text'
        placeholder='说说对方帮得怎么样（可不填）'
        maxlength={200}
        value={text}
        onInput={(e) => setText(e.detail.value)}
      />
      {error && <View className='error-text'>{error}</View>}
      <Button className='btn btn--primary' loading={busy || undefined} disabled={busy || undefined} onClick={submit}>
        提交评价
      </Button>
    </View>
  )
}

function FeedbackList({ response }: { response: ListingResponse }) {
  if (!response.feedback.length) return null
  return (
    <View className='detail__feedback-list'>
      {response.feedback.map((f, i) => (
        <View key={i} className='detail__feedback-item'>
          <View className='detail__stars-read'>{stars(f.rating)}</View>
          <View className='muted'>
            {f.fromOwner ? '发布者的评价' : '对接方的评价'} · {relativeDate(f.at)}
          </View>
          {f.text && <View>{f.text}</View>}
        </View>
      ))}
    </View>
  )
}

/** What someone interested writes: a short message, and a phone unless one is bound to the profile. */
function RespondForm({ listingId, phoneMasked, words, onDone }: { listingId: number; phoneMasked: string | null; words: Words; onDone: () => void }) {
  const [form, update, clearDraft] = useDraft(`listing-response.${listingId}`, { message: '', phone: '' })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    if (busy) return
    const found: Record<string, string> = {}
    const n = chars(form.message)
    if (n < 2 || n > 200) found.message = '留言需为 2–200 个字'
    const phone = form.phone.trim()
    if (phone && !PHONE.test(phone)) found.phone = '请填写正确的 11 位手机号'
    if (!phone && !phoneMasked) found.phone = '请填写手机号，对方接受对接后才会看到'
    setErrors(found)
    setNotice(null)
    if (Object.keys(found).length) return
    setBusy(true)
    try {
      await respondTo(listingId, form.message.trim(), phone || undefined)
      clearDraft()
      Taro.showToast({ title: words.sent, icon: 'none' })
      onDone()
    } catch (err) {
      if (err instanceof ApiRequestError && err.fields) setErrors(err.fields)
      setNotice(messageOf(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card detail__respond'>
      <View className='detail__label'>{words.title}</View>
      <View className='muted'>对方接受后，双方才能看到彼此的联系方式。</View>
      <Textarea
        className='detail__textarea detail__message'
        placeholder='简单说说您能提供什么帮助或有什么需要（2–200 字）'
        maxlength={200}
        value={form.message}
        onInput={(e) => update({ message: e.detail.value })}
        onBlur={(e) => update({ message: e.detail.value })}
      />
      <View className='detail__counter'>{chars(form.message)}/200</View>
      {errors.message && <View className='error-text'>{errors.message}</View>}
      <View className='detail__label detail__label--gap'>{phoneMasked ? '联系电话（可不填）' : '联系电话'}</View>
      <Input
        className='detail__input detail__phone-input'
        type='number'
        maxlength={11}
        placeholder={phoneMasked ? `不填则使用已绑定的 ${phoneMasked}` : '11 位手机号'}
        value={form.phone}
        onInput={(e) => update({ phone: e.detail.value })}
        onBlur={(e) => update({ phone: e.detail.value })}
      />
      {errors.phone && <View className='error-text'>{errors.phone}</View>}
      {notice && <View className='error-text detail__notice'>{notice}</View>}
      <Button className='btn btn--primary detail__respond-btn' loading={busy || undefined} disabled={busy || undefined} onClick={submit}>
        {words.respond}
      </Button>
    </View>
  )
}

const DETAIL_PATH = '/packages/listings/detail/index'

export default function ListingDetail() {
  // ?id=, or a poster's 小程序码 (scene = a share code); an ?s= share code is reported as an open.
  const { id, resolving } = useShareEntry()
  const user = useSession()
  const [listing, setListing] = useState<Listing | null>(null)
  const [error, setError] = useState<string | null>(null)
  /** The owner: every response; a responder: their own. */
  const [responses, setResponses] = useState<ListingResponse[]>([])
  const [matches, setMatches] = useState<Match[]>([])
  const [busy, setBusy] = useState(false)

  const load = useCallback(async () => {
    if (resolving) return
    if (!Number.isInteger(id) || id <= 0) return setError('找不到您要的内容')
    setError(null)
    try {
      const l = await fetchListing(id)
      setListing(l)
      if (l.viewer.isOwner || l.viewer.response) {
        fetchResponses(id)
          .then(setResponses)
          .catch(() => setResponses([]))
      } else setResponses([])
      if (l.status === 'published') {
        fetchMatches(id)
          .then(setMatches)
          .catch(() => setMatches([]))
      } else setMatches([])
    } catch (err) {
      setError(messageOf(err))
    }
  }, [id, resolving])

  // On every show: back from logging in, from editing, or from the publish page's 查看.
  useDidShow(() => {
    load()
  })
  // A 小程序码's scene names the post only once it is looked up.
  const shownId = useRef(id)
  useEffect(() => {
    if (shownId.current === id && !resolving) return
    shownId.current = id
    load()
  }, [id, resolving, load])

  const shareTitle = listing ? `【${listing.achievement ? '科技成果' : LISTING_SIDE_LABELS[listing.side]}】${listing.title}` : '天府科技云 · 科技所能所需'
  const sharePhoto = listing?.photos[0] ? assetUrl(listing.photos[0].url) : undefined
  useShareMenu({ target: 'listing', id, title: shareTitle, imageUrl: sharePhoto, path: DETAIL_PATH })

  /** Runs an owner action; the page shows the post as the server returns it. */
  const act = async (action: () => Promise<unknown>, done?: string) => {
    if (busy) return
    setBusy(true)
    try {
      await action()
      if (done) Taro.showToast({ title: done, icon: 'none' })
      await load()
    } catch (err) {
      Taro.showToast({ title: messageOf(err), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }
  const confirm = async (title: string, content: string, confirmText = '确定') =>
    (await Taro.showModal({ title, content, confirmText, cancelText: '取消' }).catch(() => ({ confirm: false }))).confirm

  const accept = async (r: ListingResponse) => {
    if (!(await confirm('接受对接', `接受 ${r.responder.nickname} 的对接后，双方都能看到彼此的联系方式。`, '接受'))) return
    act(() => acceptResponse(id, r.id), '已接受，可以联系对方了')
  }
  const close = async () => {
    if (!(await confirm('关闭这条信息', '关闭后别人将看不到它，也不能再申请对接。确定关闭吗？', '关闭'))) return
    act(() => closeListing(id), '已关闭')
  }
  const resolve = async () => {
    if (!(await confirm('标记为已解决', '问题已经解决了吗？标记后不再接受新的对接。', '已解决'))) return
    act(() => resolveListing(id), '已标记为已解决')
  }
  const feedback = (responseId: number) => async (rating: number, text: string) => {
    const updated = await leaveFeedback(id, responseId, rating, text)
    setResponses((list) => list.map((r) => (r.id === updated.id ? updated : r)))
    Taro.showToast({ title: '感谢您的评价', icon: 'none' })
  }

  if (!listing) {
    return (
      <PageShell className='detail'>
        <StateView state={error ? 'error' : 'loading'} message={error ?? undefined} onRetry={load} rows={2} />
      </PageShell>
    )
  }

  const l = listing
  const a = l.achievement
  const words = wordsFor(!!a)
  const owner = l.viewer.isOwner
  const accepted = responses.filter((r) => r.status === 'accepted')
  const own = l.viewer.response ? responses.find((r) => r.id === l.viewer.response!.id) : undefined
  const preview = (current: string) => Taro.previewImage({ urls: l.photos.map((p) => assetUrl(p.url)), current })

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

      {a && (
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
      )}

      <View className='card'>
        <View className='detail__label'>{a ? '成果简介' : '详细说明'}</View>
        <Text className='detail__description' userSelect>
          {l.description}
        </Text>
        {l.photos.length > 0 && (
          <View className='detail__photos'>
            {l.photos.map((p) => (
              <Image key={p.id} className='detail__photo' src={assetUrl(p.thumbUrl)} mode='aspectFill' lazyLoad onClick={() => preview(assetUrl(p.url))} />
            ))}
          </View>
        )}
      </View>

      {l.contact && <ContactCard title={owner ? '我留的联系方式（对接成功后对方可见）' : '对方的联系方式'} contact={l.contact} mine={owner} />}

      {/* The viewer's part: respond, or where their response stands. */}
      {!owner && !user && (l.status === 'published' || l.status === 'resolved') && (
        <View className='card detail__cta'>
          <View className='muted'>登录后可以{words.title}，对方接受后交换联系方式。</View>
          <Button className='btn btn--primary' onClick={() => Taro.navigateTo({ url: LOGIN_URL })}>
            {words.login}
          </Button>
        </View>
      )}
      {!owner && user && !user.registered && l.viewer.canRespond && (
        <View className='card detail__cta'>
          <View className='muted'>完善资料后可以{words.title}。</View>
          <Button className='btn btn--primary' onClick={() => Taro.navigateTo({ url: PROFILE_URL })}>
            完善资料
          </Button>
        </View>
      )}
      {user?.registered && l.viewer.canRespond && <RespondForm listingId={l.id} phoneMasked={user.phoneMasked} words={words} onDone={load} />}
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

      {owner && l.status !== 'closed' && l.status !== 'resolved' && (
        <View className='card detail__owner'>
          <View className='detail__label'>管理</View>
          <View className='detail__actions'>
            {EDITABLE.has(l.status) && (
              <Button className='btn btn--plain detail__action' onClick={() => Taro.navigateTo({ url: `/packages/listings/publish/index?id=${l.id}` })}>
                修改
              </Button>
            )}
            {l.status === 'published' && accepted.length > 0 && (
              <Button className='btn btn--primary detail__action' disabled={busy || undefined} onClick={resolve}>
                标记已解决
              </Button>
            )}
            <Button className='btn btn--danger detail__action' disabled={busy || undefined} onClick={close}>
              关闭
            </Button>
          </View>
        </View>
      )}

      {owner && (
        <View className='detail__responses'>
          <View className='section-title'>
            {a ? '意向' : '对接申请'}（{responses.length}）
          </View>
          {responses.length === 0 && <View className='card muted'>还没有人{a ? '表达意向' : '申请对接'}。信息公开后，有意向的人会在这里出现。</View>}
          {responses.map((r) => (
            <View key={r.id} className='card detail__response' data-response={r.id}>
              <View className='detail__response-head'>
                <Author person={r.responder} />
                <View className='muted'>{relativeDate(r.createdAt)}</View>
              </View>
              <View className='detail__response-message'>{r.message}</View>
              <View className={`detail__response-status detail__response-status--${r.status}`}>
                {r.status === 'pending' ? '待处理' : r.status === 'accepted' ? '已接受' : '未接受'}
              </View>
              {r.status === 'pending' && l.status === 'published' && (
                <Button className='btn btn--primary detail__accept' disabled={busy || undefined} onClick={() => accept(r)}>
                  接受对接
                </Button>
              )}
              {r.contact && (
                <View className='detail__response-contact'>
                  <View>
                    {r.contact.name}：
                    <Text className='detail__phone' onClick={() => Taro.makePhoneCall({ phoneNumber: r.contact!.phone })}>
                      {r.contact.phone}
                    </Text>
                  </View>
                  <Button className='btn btn--plain detail__small-btn' onClick={() => Taro.setClipboardData({ data: r.contact!.phone }).catch(() => undefined)}>
                    复制
                  </Button>
                </View>
              )}
              <FeedbackList response={r} />
              {r.status === 'accepted' && !r.feedback.some((f) => f.fromOwner) && <FeedbackForm onSubmit={feedback(r.id)} />}
            </View>
          ))}
        </View>
      )}

      {(l.status === 'published' || l.status === 'resolved') && (
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

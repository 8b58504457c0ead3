import { useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { LISTING_SIDES, type AchievementStage, type Category, type ListingKind, type ListingSide, type TransferMode } from '../../../../common/enums'
import { normalizePatentNo, voiceTitle } from '../../../../common/rules'
import type { Listing, ListingInput, Photo } from '../../../../common/schemas/listings'
import type { RegionPath } from '../../../../common/schemas/regions'
import { useDraft } from '../../../hooks/useDraft'
import { useSession } from '../../../hooks/useSession'
import { ApiRequestError, messageOf } from '../../../services/http'
import { editListing, fetchListing, publishCall } from '../../../services/listings'
import { OUTBOX_SENT_EVENT, sendOrQueue, type OutboxItem } from '../../../services/outbox'
import { newIdempotencyKey } from '../../../utils/idempotency'
import { isVerifiedChair } from '../../../utils/roles'
import { checkPublishForm } from './form-check'
import { localizeFields } from '../../../utils/field-messages'
import type { VoiceNote } from '../../../components/voice-recorder'
import { t } from '../../../i18n'

/** The post's voice note as the form keeps it (its id is what an edit sends back). */
function voiceOf(l: Listing): VoiceNote | null {
  return l.voice ? { id: l.voice.id, url: l.voice.url, durationMs: l.voice.durationMs } : null
}

// The publish form's state: the draft kept in storage, an edit loaded from its post, the check
// before sending (form-check.ts), and the submit. The page (index.tsx) only
// lays it out.

export interface PublishForm {
  /** 'achievement' (科技成果, ?kind=achievement): always 科技所能, with the fields below, never 代发. */
  kind: ListingKind
  side: ListingSide
  title: string
  category: Category | null
  region: RegionPath | null
  description: string
  /** Uploaded photos only (with server ids); photos still uploading live in PhotoPicker. */
  photos: Photo[]
  /** An uploaded voice note (components/voice-recorder); with one, a need may have no title or description. */
  voice?: VoiceNote | null
  contactName: string
  contactPhone: string
  contactNote: string
  /** 代发: a verified chair posting for a farmer of their township. */
  proxyOn: boolean
  proxyName: string
  proxyPhone: string
  proxyConsent: boolean
  /** 科技成果 only. */
  stage: AchievementStage | null
  transferMode: TransferMode | null
  /** As typed ('zl 202110123456.7'); sent normalised, or null when empty. */
  patentNo: string
  institution: string
  /** Idempotency-Key of the POST: made once per draft, so a retried submit creates one post. */
  key: string
  /** Edit mode: the post these values were loaded from (a saved edit draft is not overwritten). */
  loadedFrom: number | null
}

/** The server's name for a form field's message, where it differs from the field's own. */
const ERROR_PATHS: Partial<Record<keyof PublishForm, string>> = {
  region: 'regionCode',
  photos: 'photoIds',
  contactName: 'contact.name',
  contactPhone: 'contact.phone',
  contactNote: 'contact.note',
  proxyName: 'proxy.name',
  proxyPhone: 'proxy.phone',
  proxyConsent: 'proxy.consent',
  stage: 'achievement.stage',
  transferMode: 'achievement.transferMode',
  patentNo: 'achievement.patentNo',
  institution: 'achievement.institution',
}

/**
 * Subscribe messages (审核结果, 新的对接申请) may only be asked for from a tap: this runs inside the
 * submit tap, before anything is awaited. Refusing (or an old WeChat without the API) changes nothing.
 */
function askForNotifications(): void {
  if (process.env.TARO_ENV !== 'weapp') return
  const tmplIds = [process.env.TARO_APP_TEMPLATE_REVIEW, process.env.TARO_APP_TEMPLATE_RESPONSE].filter((t): t is string => !!t)
  if (!tmplIds.length || typeof Taro.requestSubscribeMessage !== 'function') return
  try {
    Promise.resolve(Taro.requestSubscribeMessage({ tmplIds } as Taro.requestSubscribeMessage.Option)).catch(() => undefined)
  } catch {
    // not available on this WeChat version
  }
}

export function usePublishForm() {
  const { params } = useRouter()
  const editId = Number(params.id) > 0 ? Number(params.id) : null
  // An edit keeps the post's own kind (set when it is loaded); a new one comes from ?kind=.
  const kindParam: ListingKind = !editId && params.kind === 'achievement' ? 'achievement' : 'post'
  // 向专家提问 (from a 科创工作室): a need put to this expert.
  const expertId = !editId && kindParam === 'post' && Number(params.expert) > 0 ? Number(params.expert) : null
  const sideParam = kindParam === 'achievement' ? 'offer' : expertId ? 'need' : (LISTING_SIDES.find((s) => s === params.side) ?? null)
  const user = useSession()

  const blank = (): PublishForm => ({
    kind: kindParam,
    side: sideParam ?? 'need',
    title: '',
    category: null,
    region: user?.region ?? null,
    description: '',
    photos: [],
    voice: null,
    contactName: user?.nickname ?? '',
    // The contact phone kept in the profile (我的 → 编辑资料), so nobody types it on every post.
    contactPhone: user?.contactPhone ?? '',
    contactNote: '',
    proxyOn: false,
    proxyName: '',
    proxyPhone: '',
    proxyConsent: false,
    stage: null,
    transferMode: null,
    patentNo: '',
    institution: '',
    key: newIdempotencyKey(),
    loadedFrom: null,
  })
  // A 科技成果 draft is kept apart from a post's: switching between the two loses neither.
  const draftName = editId ? `listing-edit.${editId}` : kindParam === 'achievement' ? 'achievement-publish' : expertId ? `ask-expert.${expertId}` : 'listing-publish'
  const [form, update, clearDraft] = useDraft<PublishForm>(draftName, blank())
  const achievement = form.kind === 'achievement'
  const canProxy = isVerifiedChair(user) && !!user?.region && !achievement
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [notice, setNotice] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [uploading, setUploading] = useState(false)
  const [voiceBusy, setVoiceBusy] = useState(false)
  const [done, setDone] = useState<Listing | null>(null)
  /** Sent without a network: it waits in the 待发送 queue (services/outbox.ts) until this page sees it go. */
  const [queued, setQueued] = useState<OutboxItem | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const inFlight = useRef(false)
  // PhotoPicker reports one photo at a time; add each to the latest list, not a stale one.
  const latest = useRef(form)
  latest.current = form

  // Keep the key with the draft from the start; a side chosen on the way in (发布需求) wins.
  useEffect(() => {
    if (editId) return
    update({ key: form.key || newIdempotencyKey(), ...(sideParam ? { side: sideParam } : {}) })
  }, [])
  // What the profile knows fills what the draft left empty — also when the profile arrives after
  // the form opened (signed in from this page) or changed since the draft was saved (编辑资料).
  useEffect(() => {
    if (editId || !user) return
    const f = latest.current
    const fill: Partial<PublishForm> = {}
    if (!f.region && user.region) fill.region = user.region
    if (!f.contactName && user.nickname) fill.contactName = user.nickname
    if (!f.contactPhone && user.contactPhone) fill.contactPhone = user.contactPhone
    if (Object.keys(fill).length) update(fill)
  }, [user?.id, user?.region?.township.code, user?.nickname, user?.contactPhone])

  // The queued post went out (the network came back while the done screen showed): show it as sent.
  useEffect(() => {
    if (!queued) return
    const onSent = (id: string, listing: Listing | undefined) => {
      if (id !== queued.id) return
      setQueued(null)
      if (listing) setDone(listing)
    }
    Taro.eventCenter.on(OUTBOX_SENT_EVENT, onSent)
    return () => {
      Taro.eventCenter.off(OUTBOX_SENT_EVENT, onSent)
    }
  }, [queued?.id])

  // Edit mode: fill the form from the post, unless a draft of this very edit is already open.
  const loadForEdit = () => {
    if (!editId) return
    setLoadError(null)
    fetchListing(editId)
      .then((l) => {
        if (!l.viewer.isOwner) return setLoadError(t('publish.only_own'))
        if (latest.current.loadedFrom === editId) return
        const a = l.achievement
        update({
          kind: l.kind,
          stage: a?.stage ?? null,
          transferMode: a?.transferMode ?? null,
          patentNo: a?.patentNo ?? '',
          institution: a?.institution ?? '',
          side: l.side,
          // The title the server made from the category (语音求助·兽医) is not hers to edit as words:
          // left empty, it is made again from whatever category she now picks.
          title: l.voice && l.title === voiceTitle(l.category) ? '' : l.title,
          category: l.category,
          region: l.region,
          description: l.description,
          photos: l.photos,
          voice: voiceOf(l),
          contactName: l.contact?.name ?? user?.nickname ?? '',
          contactPhone: l.contact?.phone ?? '',
          contactNote: l.contact?.note ?? '',
          // The farmer's phone is never sent back: a chair editing a 代发 post enters it again.
          proxyOn: !!l.proxyName,
          proxyName: l.proxyName ?? '',
          proxyPhone: '',
          proxyConsent: false,
          loadedFrom: editId,
        })
      })
      .catch((err) => setLoadError(messageOf(err)))
  }
  useEffect(loadForEdit, [editId])

  const proxy = form.proxyOn && canProxy
  const regionCode = proxy ? user!.region!.township.code : form.region?.township.code

  /** What the server is sent once the rules pass (consent is only sent ticked). */
  const toInput = (): ListingInput => {
    const note = form.contactNote.trim()
    const patent = normalizePatentNo(form.patentNo)
    return {
      kind: form.kind,
      side: achievement ? 'offer' : form.side,
      title: form.title.trim(),
      category: form.category!,
      regionCode: regionCode!,
      description: form.description.trim(),
      photoIds: form.photos.map((p) => p.id),
      voiceId: form.voice?.id ?? null,
      contact: { name: form.contactName.trim(), phone: form.contactPhone.trim(), ...(note ? { note } : {}) },
      proxy: proxy ? { name: form.proxyName.trim(), phone: form.proxyPhone.trim(), regionCode: regionCode!, consent: true } : null,
      achievement: achievement
        ? { stage: form.stage!, transferMode: form.transferMode!, patentNo: patent || null, institution: form.institution.trim() }
        : null,
      ...(expertId ? { expertId } : {}),
    }
  }

  const submit = async () => {
    if (inFlight.current) return // a second quick tap
    const input = toInput()
    const found = checkPublishForm(input, { kind: form.kind, consent: form.proxyConsent, uploading })
    if (voiceBusy) found.voiceId = t('voice.busy')
    setErrors(found)
    const problems = Object.values(found)
    if (problems.length) {
      setNotice(problems.length === 1 ? problems[0] : t('publish.notice_many', { n: problems.length, first: problems[0] }))
      return
    }
    inFlight.current = true
    askForNotifications() // still inside the tap: WeChat shows its dialog only now
    setSaving(true)
    setNotice(null)
    try {
      if (editId) {
        const saved = await editListing(editId, input)
        clearDraft()
        setDone(saved)
        return
      }
      // Without a network the post waits on the phone (待发送) with its key and goes out once by itself.
      const res = await sendOrQueue<Listing>({
        kind: 'publish',
        ...publishCall(input, form.key),
        // A need sent by voice alone has no title yet: its category names it in 待发送.
        label: input.title || t(`category.${input.category}`),
        draft: { key: `draft.${draftName}`, value: form },
        editUrl: `/packages/listings/publish/index${achievement ? '?kind=achievement' : expertId ? `?expert=${expertId}` : ''}`,
      })
      clearDraft()
      if (res.sent) setDone(res.result)
      else setQueued(res.item)
    } catch (err) {
      if (err instanceof ApiRequestError && err.fields) setErrors(localizeFields(err.fields))
      setNotice(messageOf(err))
    } finally {
      inFlight.current = false
      setSaving(false)
    }
  }

  const again = () => {
    update(blank())
    setErrors({})
    setNotice(null)
    setDone(null)
    setQueued(null)
  }

  // A field the person changes loses its old message at once (the rest keep theirs until the next submit).
  const edit = (patch: Partial<PublishForm>) => {
    update(patch)
    const paths = Object.keys(patch).map((k) => ERROR_PATHS[k as keyof PublishForm] ?? k)
    setErrors((prev) => (paths.some((p) => p in prev) ? Object.fromEntries(Object.entries(prev).filter(([p]) => !paths.includes(p))) : prev))
  }

  return { editId, expertId, user, form, update: edit, latest, achievement, canProxy, proxy, errors, notice, saving, setUploading, setVoiceBusy, done, queued, loadError, loadForEdit, submit, again }
}

export type PublishState = ReturnType<typeof usePublishForm>

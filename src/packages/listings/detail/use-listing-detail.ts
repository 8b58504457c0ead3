import { failureOf, NOT_FOUND, type LoadFailure } from '../../../components/state-view'
import { useCallback, useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import type { Listing, ListingResponse } from '../../../../common/schemas/listings'
import { useReloadOnShow } from '../../../hooks/useReloadOnShow'
import { useSession } from '../../../hooks/useSession'
import { useShareEntry, useShareMenu } from '../../../hooks/useShare'
import { assetUrl, messageOf } from '../../../services/http'
import { acceptCall, closeListing, feedbackCall, fetchListing, fetchMatches, fetchResponses, resolveListing, type Match } from '../../../services/listings'
import { sendOrQueue } from '../../../services/outbox'
import { t } from '../../../i18n'

/** An action's answer when it was queued (待发送) rather than sent. */
const QUEUED = Symbol('queued')

export const DETAIL_PATH = '/packages/listings/detail/index'

// The detail page's data and the owner's and responder's actions; index.tsx lays them out.

const confirm = async (title: string, content: string, confirmText = t('dialog.confirm')) =>
  (await Taro.showModal({ title, content, confirmText, cancelText: t('dialog.cancel') }).catch(() => ({ confirm: false }))).confirm

export function useListingDetail() {
  // ?id=, or a poster's 小程序码 (scene = a share code); an ?s= share code is reported as an open.
  const { id, resolving } = useShareEntry()
  const user = useSession()
  const [listing, setListing] = useState<Listing | null>(null)
  /** Why the load failed; null while loading or once loaded. */
  const [failure, setFailure] = useState<LoadFailure | null>(null)
  /** The owner: every response; a responder: their own. */
  const [responses, setResponses] = useState<ListingResponse[]>([])
  const [matches, setMatches] = useState<Match[]>([])
  const [busy, setBusy] = useState(false)

  const load = useCallback(async () => {
    if (resolving) return
    if (!Number.isInteger(id) || id <= 0) {
      return setFailure(NOT_FOUND)
    }
    setFailure(null)
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
      setFailure(failureOf(err))
    }
  }, [id, resolving])

  // On every show: back from logging in, from editing, or from the publish page's 查看.
  useReloadOnShow(load)
  // A 小程序码's scene names the post only once it is looked up.
  const shownId = useRef(id)
  useEffect(() => {
    if (shownId.current === id && !resolving) return
    shownId.current = id
    load()
  }, [id, resolving, load])

  const shareTitle = listing
    ? t('share.listing_title', { kind: listing.achievement ? t('share.achievement') : t(`side.${listing.side}`), title: listing.title })
    : t('share.listings_title')
  const sharePhoto = listing?.photos[0] ? assetUrl(listing.photos[0].url) : undefined
  useShareMenu({ target: 'listing', id, title: shareTitle, imageUrl: sharePhoto, path: DETAIL_PATH })

  /** Runs an owner action; the page shows the post as the server returns it (or says it waits to be sent: QUEUED). */
  const act = async (action: () => Promise<unknown>, done?: string) => {
    if (busy) return
    setBusy(true)
    try {
      if ((await action()) === QUEUED) {
        Taro.showToast({ title: t('outbox.queued_short'), icon: 'none' })
        return
      }
      if (done) Taro.showToast({ title: done, icon: 'none' })
      await load()
    } catch (err) {
      Taro.showToast({ title: messageOf(err), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  const accept = async (r: ListingResponse) => {
    if (!(await confirm(t('owner.accept_title'), t('owner.accept_text', { name: r.responder.nickname }), t('owner.accept_confirm')))) return
    // Without a network the acceptance waits on the phone (待发送) and goes out by itself.
    act(async () => {
      const res = await sendOrQueue({ kind: 'accept', ...acceptCall(id, r.id), label: `${listing?.title ?? ''} · ${r.responder.nickname ?? ''}` })
      return res.sent ? undefined : QUEUED
    }, t('owner.accepted'))
  }
  const close = async () => {
    if (!(await confirm(t('owner.close_title'), t('owner.close_text'), t('owner.close_confirm')))) return
    act(() => closeListing(id), t('owner.closed'))
  }
  const resolve = async () => {
    if (!(await confirm(t('owner.resolve_title'), t('owner.resolve_text'), t('owner.resolve_confirm')))) return
    act(() => resolveListing(id), t('owner.resolved'))
  }
  const feedback = (responseId: number) => async (rating: number, text: string) => {
    const res = await sendOrQueue<ListingResponse>({ kind: 'feedback', ...feedbackCall(id, responseId, rating, text), label: listing?.title ?? '' })
    // Sent without a network: it waits on the phone (待发送); ALREADY given: nothing new to show.
    if (!res.sent) return void Taro.showToast({ title: t('outbox.queued_short'), icon: 'none' })
    const updated = res.result
    if (updated) setResponses((list) => list.map((r) => (r.id === updated.id ? updated : r)))
    Taro.showToast({ title: t('feedback.thanks'), icon: 'none' })
  }

  return { user, listing, failure, responses, matches, busy, load, shareTitle, accept, close, resolve, feedback }
}

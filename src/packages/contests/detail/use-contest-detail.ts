import { failureOf, NOT_FOUND, type LoadFailure } from '../../../components/state-view'
import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { useSession } from '../../../hooks/useSession'
import { useShareEntry } from '../../../hooks/useShare'
import { ApiRequestError, messageOf } from '../../../services/http'
import { fetchContest, fetchReceivedNominations, vote, type ContestDetail, type FinalistView, type ReceivedNomination } from '../../../services/contests'
import { LOGIN_URL, PROFILE_URL } from '../../../utils/routes'

// The contest page's data: the contest (read on every show, and once a 小程序码's scene is looked
// up), a pending 举荐 for the viewer, the instant sign-up and the vote are judged at, and the vote.

export function useContestDetail() {
  // ?id=, or a poster's 小程序码 (scene = a share code); an ?s= share code is reported as an open.
  const { id, resolving } = useShareEntry()
  const user = useSession()
  const [contest, setContest] = useState<ContestDetail | null>(null)
  /** Why the load failed; null while loading or once loaded. */
  const [failure, setFailure] = useState<LoadFailure | null>(null)
  const [invites, setInvites] = useState<ReceivedNomination[]>([])
  /** When sign-up and the vote were last judged: moved on when a countdown runs out on screen. */
  const [now, setNow] = useState(() => Date.now())
  const [voting, setVoting] = useState<number | null>(null)
  const inFlight = useRef(false)

  const load = useCallback(async () => {
    if (resolving) return
    if (!Number.isInteger(id) || id <= 0) {
      return setFailure(NOT_FOUND)
    }
    setFailure(null)
    try {
      const c = await fetchContest(id)
      setContest(c)
      setNow(Date.now())
    } catch (err) {
      setFailure(failureOf(err))
    }
    // A 举荐 waiting for this person: a banner to confirm it (only registered people can have one).
    if (user?.registered) {
      fetchReceivedNominations()
        .then((list) => setInvites(list.filter((n) => n.contestId === id && n.status === 'pending')))
        .catch(() => setInvites([]))
    } else setInvites([])
  }, [id, resolving, user?.id, user?.registered])

  // Every show: back from signing up, confirming a 举荐 or logging in.
  useDidShow(() => {
    load()
  })
  // A 小程序码's scene names the contest only once it is looked up.
  const shownId = useRef(id)
  useEffect(() => {
    if (shownId.current === id && !resolving) return
    shownId.current = id
    load()
  }, [id, resolving, load])

  const castVote = async (f: FinalistView) => {
    const c = contest
    if (!c || inFlight.current) return
    if (!user) return Taro.navigateTo({ url: LOGIN_URL })
    if (!user.registered) {
      Taro.showToast({ title: '请先完善资料再投票', icon: 'none' })
      return Taro.navigateTo({ url: PROFILE_URL })
    }
    inFlight.current = true
    setVoting(f.id)
    try {
      const res = await vote(c.id, f.id)
      setContest((prev) =>
        prev && {
          ...prev,
          myVoteEntryId: res.entryId,
          finalists: prev.finalists.map((x) => (x.id === res.entryId ? { ...x, voteCount: res.voteCount } : x)),
        },
      )
      Taro.showToast({ title: '投票成功', icon: 'success' })
    } catch (err) {
      Taro.showToast({ title: messageOf(err), icon: 'none' })
      // Someone (or this person on another phone) already decided it: show the server's state.
      if (err instanceof ApiRequestError && ['ALREADY_VOTED', 'VOTE_CLOSED', 'VOTE_NOT_FINALIST'].includes(err.code)) load()
    } finally {
      inFlight.current = false
      setVoting(null)
    }
  }

  /** A countdown ran out on screen: judge sign-up and the vote again. */
  const tick = () => setNow(Date.now())

  return { id, user, contest, failure, invites, now, tick, voting, load, castVote }
}

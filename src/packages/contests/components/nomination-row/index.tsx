import { useState, type ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Button } from '@tarojs/components'
import { contestPath } from '../../../../services/contests'
import { messageOf } from '../../../../services/http'
import { Tappable } from '../../../../components/tappable'

// The parts a 举荐 row has on both sides of it: the chair's 我的举荐 and the nominee's 举荐邀请.

/** The contest the 举荐 is for, opening its page: “第八届…大赛 ›”. */
export function ContestLink({ className, contestId, contestName }: { className: string; contestId: number; contestName: string }) {
  return (
    <Tappable role='link' className={className} onClick={() => Taro.navigateTo({ url: contestPath(contestId) })}>
      {contestName} ›
    </Tappable>
  )
}

/**
 * A row's button that changes the 举荐 (撤回举荐, 婉拒): asks first, says what happened in a toast and
 * then reloads the list; it cannot be tapped again while its request is on the way.
 */
export function NominationAction({
  className,
  ask,
  run,
  done,
  reload,
  children,
}: {
  className: string
  ask: { title: string; content: string; confirmText: string; cancelText: string }
  run: () => Promise<unknown>
  /** The toast once it worked: 已撤回 / 已婉拒. */
  done: string
  reload: () => Promise<void>
  children: ReactNode
}) {
  const [busy, setBusy] = useState(false)
  const tap = async () => {
    const { confirm } = await Taro.showModal(ask).catch(() => ({ confirm: false }))
    if (!confirm) return
    setBusy(true)
    try {
      await run()
      Taro.showToast({ title: done, icon: 'none' })
      await reload()
    } catch (err) {
      Taro.showToast({ title: messageOf(err), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }
  return (
    <Button className={className} disabled={busy || undefined} onClick={tap}>
      {children}
    </Button>
  )
}

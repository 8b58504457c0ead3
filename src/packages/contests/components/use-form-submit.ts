import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { ApiRequestError, messageOf } from '../../../services/http'

// How the contest forms (报名, 确认参赛, 举荐, and staff's 新建/修改比赛) send: every problem is marked
// on its field and the first is said above the button before anything is sent; one request at a
// time, so a second tap on a slow network does not send twice; what the server refuses comes back
// on the field it names, or above the button.

export type FieldErrors = Record<string, string>

/** One problem as it is; several as "有 3 处需要修改：" and the first. */
const problemsNotice = (problems: string[]) =>
  problems.length === 1 ? problems[0] : `有 ${problems.length} 处需要修改：${problems[0]}`

export function useFormSubmit() {
  const [errors, setErrors] = useState<FieldErrors>({})
  const [notice, setNotice] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const inFlight = useRef(false)

  const send = async (request: () => Promise<void>, failed: (err: unknown) => void) => {
    inFlight.current = true
    setSaving(true)
    try {
      await request()
    } catch (err) {
      failed(err)
    } finally {
      inFlight.current = false
      setSaving(false)
    }
  }

  /**
   * Checks the form with `validate`, then sends it with `request`. `recover` may take a failure as
   * done (answer true), e.g. a retried 报名 whose first answer was lost.
   */
  const submit = async (validate: () => FieldErrors, request: () => Promise<void>, recover?: (err: unknown) => boolean) => {
    if (inFlight.current) return
    const found = validate()
    setErrors(found)
    const problems = Object.values(found)
    if (problems.length) {
      setNotice(problemsNotice(problems))
      return
    }
    setNotice(null)
    await send(request, (err) => {
      if (recover?.(err)) return
      if (err instanceof ApiRequestError && err.fields) setErrors(err.fields)
      setNotice(messageOf(err))
    })
  }

  /** Another action on the same form (撤回报名): not while a request is on its way, and only once confirmed. */
  const act = async (ask: { title: string; content: string; confirmText: string; cancelText: string }, request: () => Promise<void>) => {
    if (inFlight.current) return
    const { confirm } = await Taro.showModal(ask).catch(() => ({ confirm: false }))
    if (!confirm) return
    await send(request, (err) => setNotice(messageOf(err)))
  }

  /** Starts over with nothing marked (举荐 another person). */
  const reset = () => {
    setErrors({})
    setNotice(null)
  }

  return { errors, notice, saving, submit, act, reset }
}

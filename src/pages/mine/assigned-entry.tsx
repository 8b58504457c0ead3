import { useEffect, useState } from 'react'
import { NavRow } from '../../components/nav-row'
import { useReloadOnShow } from '../../hooks/useReloadOnShow'
import { useT } from '../../i18n'
import { ASSIGNED_URL, fetchAssigned } from '../../services/triage-followup'

/**
 * 待我解答, for a verified 科技工作者: the needs a 科服保姆 asked them to answer, with how many wait
 * for their answer now — read when the row appears (signing in on 我的) and whenever 我的 shows again.
 */
export function AssignedEntry() {
  const { t } = useT()
  const [open, setOpen] = useState(0)
  const load = () => {
    fetchAssigned()
      .then((items) => setOpen(items.filter((a) => a.status === 'open').length))
      .catch(() => undefined)
  }
  useEffect(load, [])
  useReloadOnShow(load, { skipFirst: true })
  return <NavRow className='mine__assigned' label={open ? t('mine.assigned_open', { n: open }) : t('mine.assigned')} url={ASSIGNED_URL} />
}

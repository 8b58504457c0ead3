import { dateTime } from '../../../../common/china-time'
import { LISTING_EVENT_LABELS } from '../../../../common/enums'
import { ASSIGNMENT_STATUS_LABELS } from '../../../../common/rules/triage'
import type { Deps } from '../../deps'
import { toCsv, type CsvRow } from '../../lib/csv'
import type { UserRow } from '../users/users.repository'
import { getCase } from './triage.service'

// A 保姆单 as a spreadsheet, for the chair or staff who report it upwards: the need, then every step
// with who and when, then each expert asked and what became of it. Built from getCase, so the same
// rule decides who may download it. No phone numbers.
export async function caseCsv(deps: Deps, user: UserRow, listingId: number) {
  const c = await getCase(deps, user, listingId)
  const l = c.listing
  const rows: CsvRow[] = [
    ['保姆单', l.title],
    ['地区', `${l.region.county.name} ${l.region.township.name}`],
    ['发布时间', dateTime(c.publishedAt)],
    ['首次回应', dateTime(c.firstResponseAt)],
    ['接受对接', dateTime(c.acceptedAt)],
    ['解决', dateTime(c.resolvedAt)],
    [],
    ['时间', '经过', '经办人', '说明'],
    ...c.events.map((e): CsvRow => [dateTime(e.at), LISTING_EVENT_LABELS[e.kind], e.actorName ?? '', e.note ?? '']),
    [],
    ['指派的专家', '指派时间', '回复期限', '结果', '婉拒理由'],
    ...c.assignments.map((a): CsvRow => [a.expert.nickname, dateTime(a.assignedAt), dateTime(a.dueAt), ASSIGNMENT_STATUS_LABELS[a.status], a.declineReason ?? '']),
  ]
  return { csv: toCsv(rows), name: `保姆单-${listingId}.csv`, asciiName: `triage-case-${listingId}.csv` }
}

import { useCallback, useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { dateTime, formatDeadline } from '../../../../common/china-time'
import { LISTING_EVENT_LABELS, LISTING_EVENTS } from '../../../../common/enums'
import { ASSIGNMENT_STATUS_LABELS, URGENT_REASON_LABELS } from '../../../../common/rules/triage'
import type { TriageCase } from '../../../../common/schemas/triage'
import { PageShell } from '../../../components/page-shell'
import { failureOf, NOT_FOUND, StateView, type LoadFailure } from '../../../components/state-view'
import { Tappable } from '../../../components/tappable'
import { VoicePlayer } from '../../../components/voice-player'
import { useReloadOnShow } from '../../../hooks/useReloadOnShow'
import { messageOf } from '../../../services/http'
import { listingPath } from '../../../services/listings'
import { fetchTriageCase } from '../../../services/triage'
import { hoursMinutes, minutesBetween, OUTCOME_LABELS, TRIAGE_STATE_LABELS } from '../shared/format'
import { refusalOf, TriageNotice, type Refusal } from '../shared/notice'
import { AssignForm } from './assign-form'
import { CallForm } from './call-form'
import { ExportButton } from './export-button'
import '../shared/assignment.scss'
import './index.scss'

// 保姆单: one need's service record — who assigned whom and when, every response, acceptance,
// resolution and what the farmer said when asked 问题解决了吗. Read by those who triage its county
// and by its township's chair; while it is open, those who triage it assign experts or record a
// 代为回复 here. Opened as ?id=<listing id> from the queue or a 我的消息 reminder.
export default function TriageCasePage() {
  const { params } = useRouter()
  const id = Number(params.id)
  const valid = Number.isInteger(id) && id > 0
  const [data, setData] = useState<TriageCase | null>(null)
  const [failure, setFailure] = useState<LoadFailure | null>(valid ? null : NOT_FOUND)
  const [refusal, setRefusal] = useState<Refusal | null>(null)

  const load = useCallback(async () => {
    if (!valid) return
    try {
      setData(await fetchTriageCase(id))
      setFailure(null)
    } catch (err) {
      const refused = refusalOf(err)
      if (refused) setRefusal(refused)
      // A refresh that fails keeps the record on screen.
      else if (data) Taro.showToast({ title: messageOf(err), icon: 'none' })
      else setFailure(failureOf(err))
    }
    // `data` only decides between a toast and the failure view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, valid])
  useEffect(() => {
    load()
  }, [load])
  // Back from the need's page (an answer accepted meanwhile): the record as it is now.
  useReloadOnShow(load, { skipFirst: true })

  if (refusal) {
    return (
      <PageShell className='triage-case'>
        <TriageNotice refusal={refusal} forbidden='仅本辖区的科协工作人员、科服保姆和乡镇科协主席可以查看保姆单' />
      </PageShell>
    )
  }
  if (!data) {
    return (
      <PageShell className='triage-case'>
        <StateView state={failure?.state ?? 'loading'} message={failure?.message} onRetry={load} />
      </PageShell>
    )
  }

  const c = data
  const l = c.listing
  const open = c.state === 'open'
  const firstAfter = c.firstResponseAt ? minutesBetween(c.publishedAt, c.firstResponseAt) : null
  return (
    <PageShell className='triage-case'>
      <View className='card triage-case__need'>
        {c.urgent && (
          <View className='triage-case__urgent' data-reason={c.urgent.reason}>
            加急 · {URGENT_REASON_LABELS[c.urgent.reason]}（{dateTime(c.urgent.since)}起）
          </View>
        )}
        <Tappable role='link' className='triage-case__title' onClick={() => Taro.navigateTo({ url: listingPath(l.id) })}>
          {l.title} ›
        </Tappable>
        <View className='muted'>
          {l.region.prefecture.name} {l.region.county.name} {l.region.township.name} · {l.author.nickname}
          {l.proxyLabel ? ` · ${l.proxyLabel}` : ''}
        </View>
        {l.excerpt && <View className='triage-case__excerpt'>{l.excerpt}</View>}
        <View className='triage-case__facts'>
          <Fact label='状态' value={TRIAGE_STATE_LABELS[c.state]} name='state' />
          <Fact label='发布' value={dateTime(c.publishedAt)} name='published' />
          <Fact
            label='首次回应'
            value={c.firstResponseAt ? `${dateTime(c.firstResponseAt)}（发布后 ${hoursMinutes(firstAfter)}）` : '还没有人回应'}
            name='first-response'
          />
          {c.acceptedAt && <Fact label='接受对接' value={dateTime(c.acceptedAt)} name='accepted' />}
          {c.resolvedAt && <Fact label='解决' value={dateTime(c.resolvedAt)} name='resolved' />}
          {c.outcome && <Fact label='回访结果' value={OUTCOME_LABELS[c.outcome]} name='outcome' />}
        </View>
        {c.contact && <ContactCard contact={c.contact} />}
        <ExportButton listingId={l.id} />
      </View>

      {c.viewer.canTriage && open && (
        <>
          <AssignForm data={c} onDone={setData} />
          <CallForm listingId={l.id} onDone={setData} />
        </>
      )}

      <View className='card triage-case__section triage-case__assignments'>
        <View className='triage-case__section-title'>指派的专家</View>
        {c.assignments.length === 0 ? (
          <View className='muted'>还没有指派专家</View>
        ) : (
          c.assignments.map((a) => (
            <View key={a.id} className={`triage-case__assignment triage-assignment--${a.status}`} data-status={a.status}>
              <View className='triage-case__assignment-head'>
                <View className='triage-case__expert'>{a.expert.nickname}</View>
                <View className='triage-assignment__status'>{ASSIGNMENT_STATUS_LABELS[a.status]}</View>
              </View>
              <View className='muted'>
                指派于 {dateTime(a.assignedAt)} · {a.status === 'open' ? formatDeadline(a.dueAt) : `期限 ${dateTime(a.dueAt)}`}
              </View>
              {a.declineReason && <View className='triage-case__decline'>婉拒理由：{a.declineReason}</View>}
            </View>
          ))
        )}
      </View>

      <View className='card triage-case__section triage-case__events'>
        <View className='triage-case__section-title'>经过</View>
        {c.events.map((e, i) => (
          <View key={`${e.kind}-${e.at}-${i}`} className='triage-event' data-kind={e.kind}>
            <View className='triage-event__dot' />
            <View className='triage-event__body'>
              <View className='triage-event__label'>
                {LISTING_EVENTS.includes(e.kind) ? LISTING_EVENT_LABELS[e.kind] : e.kind}
                {e.actorName && <View className='muted triage-event__actor'>{e.actorName}</View>}
              </View>
              {e.note && <View className='triage-event__note'>{e.note}</View>}
              <View className='muted'>{dateTime(e.at)}</View>
            </View>
          </View>
        ))}
      </View>

      <View className='card triage-case__section triage-case__followups'>
        <View className='triage-case__section-title'>回访：问题解决了吗？</View>
        {c.followups.length === 0 ? (
          <View className='muted'>{c.resolvedAt ? '解决 7 天和 30 天后会问发布人' : '需求解决后 7 天和 30 天会问发布人'}</View>
        ) : (
          c.followups.map((f, i) => (
            <View key={`${f.round}-${f.createdAt}-${i}`} className='triage-case__followup' data-outcome={f.outcome}>
              <View>
                {f.round} 天回访：<View className='triage-case__outcome'>{OUTCOME_LABELS[f.outcome]}</View>
              </View>
              {f.note && <View className='triage-case__followup-note'>{f.note}</View>}
              {f.voice && <VoicePlayer url={f.voice.url} durationMs={f.voice.durationMs} />}
              <View className='muted'>{dateTime(f.createdAt)}</View>
            </View>
          ))
        )}
      </View>
    </PageShell>
  )
}

function Fact({ label, value, name }: { label: string; value: string; name: string }) {
  return (
    <View className={`triage-fact triage-fact--${name}`}>
      <View className='muted triage-fact__label'>{label}</View>
      <View className='triage-fact__value'>{value}</View>
    </View>
  )
}

type CaseContact = NonNullable<TriageCase['contact']>

/** How to reach the asker (代为回复 is a phone call): the post's contact, and the farmer of a 代发 need. */
function ContactCard({ contact }: { contact: CaseContact }) {
  const people = [{ who: '联系人', name: contact.name, phone: contact.phone }, ...(contact.farmer ? [{ who: '代发的群众', ...contact.farmer }] : [])]
  return (
    <View className='triage-case__contact'>
      {people.map((p) => (
        <View key={`${p.who}-${p.phone}`} className='triage-case__contact-row' data-phone={p.phone}>
          <View>
            {p.who}：{p.name} {p.phone}
          </View>
          <Tappable role='button' className='btn btn--plain triage-case__call' onClick={() => Taro.makePhoneCall({ phoneNumber: p.phone }).catch(() => undefined)}>
            拨打
          </Tappable>
        </View>
      ))}
      {contact.note && <View className='muted'>{contact.note}</View>}
    </View>
  )
}

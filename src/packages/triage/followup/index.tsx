import { useCallback, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Textarea, View } from '@tarojs/components'
import { FOLLOWUP_OUTCOMES, type FollowupOutcome } from '../../../../common/rules/triage'
import type { FollowupState } from '../../../../common/schemas/triage'
import { DoneCard } from '../../../components/done-card'
import { Field } from '../../../components/field'
import { ListingCard } from '../../../components/listing-card'
import { PageShell } from '../../../components/page-shell'
import { SignInGate } from '../../../components/sign-in-gate'
import { failureOf, NOT_FOUND, StateView, type LoadFailure } from '../../../components/state-view'
import { Tappable } from '../../../components/tappable'
import { Ugc } from '../../../components/ugc'
import { VoiceRecorder, type VoiceNote } from '../../../components/voice-recorder'
import { useReloadOnShow } from '../../../hooks/useReloadOnShow'
import { useSession } from '../../../hooks/useSession'
import { localize, useT } from '../../../i18n'
import { ApiRequestError, messageOf } from '../../../services/http'
import { answerFollowup, fetchFollowup } from '../../../services/triage-followup'
import { listingPath } from '../../../services/listings'
import { when } from '../../../utils/when'
import './index.scss'

/** What the server takes as a note (common/schemas/triage followupInput). */
const NOTE_MAX = 300

const OUTCOME_KEYS = { solved: 'followup.solved', partial: 'followup.partial', unsolved: 'followup.unsolved' } as const
const THANKS_KEYS = { solved: 'followup.thanks_solved', partial: 'followup.thanks_partial', unsolved: 'followup.thanks_unsolved' } as const

/**
 * 问题解决了吗: 7 and 30 days after a need was resolved its author (the farmer, or the chair who
 * posted it for them) is asked here, from 我的消息 or a subscribe message. Three big answers; after
 * choosing one, a few words or a voice note may go with it (neither is needed), then 提交. 没有解决
 * puts the need back before the county's 科服保姆, and the thanks says so.
 */
export default function Followup() {
  const { t } = useT()
  const user = useSession()
  const id = Number(useRouter().params.id)
  const [state, setState] = useState<FollowupState | null>(null)
  const [failure, setFailure] = useState<LoadFailure | null>(null)
  const [choice, setChoice] = useState<FollowupOutcome | null>(null)
  const [note, setNote] = useState('')
  const [voice, setVoice] = useState<VoiceNote | null>(null)
  const [voiceBusy, setVoiceBusy] = useState(false)
  const [sending, setSending] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const [answered, setAnswered] = useState<FollowupOutcome | null>(null)

  const load = useCallback(async () => {
    if (!Number.isInteger(id) || id <= 0) return setFailure(NOT_FOUND)
    setFailure(null)
    try {
      setState(await fetchFollowup(id))
    } catch (err) {
      setFailure(failureOf(err))
    }
  }, [id])
  // Every show: back from signing in, from the need's page, or the app back from the background.
  useReloadOnShow(load, { when: !!user })

  if (!user) {
    return (
      <PageShell className='followup'>
        <SignInGate login={t('followup.login')} className='followup__gate' />
      </PageShell>
    )
  }

  if (answered) {
    return (
      <PageShell className='followup'>
        <DoneCard className={`followup__done followup__done--${answered}`} title={t('followup.thanks')} text={t(THANKS_KEYS[answered])}>
          <Button className='btn btn--plain followup__view' onClick={() => Taro.redirectTo({ url: listingPath(id) })}>
            {t('followup.view_need')}
          </Button>
        </DoneCard>
      </PageShell>
    )
  }

  if (!state) {
    return (
      <PageShell className='followup'>
        <StateView state={failure?.state ?? 'loading'} message={failure?.message} onRetry={load} rows={2} />
      </PageShell>
    )
  }

  const send = async () => {
    if (sending || !choice) return
    if (voiceBusy) return setNotice(t('voice.busy'))
    setNotice(null)
    setSending(true)
    try {
      await answerFollowup(id, { outcome: choice, note: note.trim() || undefined, voiceId: voice?.id ?? null })
      setAnswered(choice)
    } catch (err) {
      // Answered already (a second phone, or a retry whose first reply was lost): show what stands.
      if (err instanceof ApiRequestError && err.code === 'FOLLOWUP_NOT_ASKED') {
        setChoice(null)
        await load()
      }
      setNotice(err instanceof ApiRequestError && err.fields ? localize(Object.values(err.fields)[0]) : messageOf(err))
    } finally {
      setSending(false)
    }
  }

  return (
    <PageShell className='followup'>
      <View className='section-title followup__need-title'>{t('followup.your_need')}</View>
      <ListingCard listing={state.listing} showStatus />

      {state.asking !== null ? (
        <View className='card followup__ask' data-round={state.asking}>
          <View className='followup__question'>{t('followup.question')}</View>
          <View className='muted followup__round'>{t('followup.round', { n: state.asking })}</View>
          <View className='followup__choices'>
            {FOLLOWUP_OUTCOMES.map((o) => (
              <Tappable
                key={o}
                className={`followup__choice followup__choice--${o}${choice === o ? ' followup__choice--on' : ''}`}
                pressed={choice === o}
                data-outcome={o}
                onClick={() => {
                  setChoice(o)
                  setNotice(null)
                }}
              >
                {t(OUTCOME_KEYS[o])}
              </Tappable>
            ))}
          </View>
          {choice && (
            <View className='followup__more'>
              <Field block='followup' label={t('followup.more')} counter={{ value: note, max: NOTE_MAX }}>
                <Textarea
                  className='form-textarea followup__note'
                  placeholder={t('followup.note_placeholder')}
                  maxlength={NOTE_MAX}
                  value={note}
                  onInput={(e) => setNote(e.detail.value)}
                  onBlur={(e) => setNote(e.detail.value)}
                />
              </Field>
              <VoiceRecorder className='followup__voice' value={voice} onChange={setVoice} onBusyChange={setVoiceBusy} />
              {notice && (
                <View className='error-text followup__notice' role='alert'>
                  {notice}
                </View>
              )}
              <Button className='btn btn--primary followup__send' loading={sending || undefined} disabled={sending || undefined} onClick={send}>
                {t('followup.send')}
              </Button>
            </View>
          )}
        </View>
      ) : (
        <View className='card followup__none'>
          {notice && (
            <View className='error-text followup__notice' role='alert'>
              {notice}
            </View>
          )}
          <View className='followup__nothing'>{t('followup.nothing')}</View>
        </View>
      )}

      {state.answers.length > 0 && (
        <View className='card followup__answers'>
          <View className='followup__answers-title'>{t('followup.answers')}</View>
          {state.answers.map((a) => (
            <View key={`${a.round}-${a.createdAt}`} className={`followup__answer followup__answer--${a.outcome}`}>
              <View>{t('followup.answer', { n: a.round, outcome: t(OUTCOME_KEYS[a.outcome]) })}</View>
              {a.note && (
                <View className='followup__answer-note'>
                  <Ugc>{a.note}</Ugc>
                </View>
              )}
              <View className='muted'>{when(a.createdAt)}</View>
            </View>
          ))}
        </View>
      )}
    </PageShell>
  )
}

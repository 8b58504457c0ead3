import { useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Input, View } from '@tarojs/components'
import { ARTICLE_LINK_TARGETS, ARTICLE_LINK_TARGETS_WITH_ID, type ArticleLinkTarget } from '../../../../common/enums'
import type { ArticleLinkInput, LinkOptions } from '../../../../common/schemas/article-links'
import type { Article } from '../../../../common/schemas/news'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { useSession } from '../../../hooks/useSession'
import { fetchLinkOptions, saveArticleLinks } from '../../../services/article-links'
import { ApiRequestError, messageOf } from '../../../services/http'
import { fetchArticle } from '../../../services/news'
import { LINK_TARGET_ID_HINTS, LINK_TARGET_LABELS } from './labels'
import { QueueNotice } from '../shared/decision'
import './index.scss'
import { Tappable } from '../../../components/tappable'

// 编辑文章链接: staff choose which product pages an article's buttons open (register, publish a
// need, a contest…), in which order and with which words. Saved as a whole; the server checks that
// every id names something that exists. Opened from the article page as ?id=<article id>.

interface Row {
  target: ArticleLinkTarget
  /** As typed (ids are numbers on the wire). */
  targetId: string
  label: string
}

const needsId = (t: ArticleLinkTarget) => ARTICLE_LINK_TARGETS_WITH_ID.includes(t)

function toInput(r: Row): ArticleLinkInput {
  return {
    target: r.target,
    ...(needsId(r.target) ? { targetId: Number(r.targetId) || null } : {}),
    ...(r.label.trim() ? { label: r.label.trim() } : {}),
  }
}

export default function ArticleLinksEditor() {
  const { params } = useRouter()
  const id = Number(params.id)
  const user = useSession()
  const [article, setArticle] = useState<Article | null>(null)
  const [rows, setRows] = useState<Row[]>([])
  const [options, setOptions] = useState<LinkOptions>({ contests: [] })
  const [error, setError] = useState<string | null>(null)
  const [fields, setFields] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const inFlight = useRef(false)

  const load = () => {
    setError(null)
    fetchArticle(id)
      .then((a) => {
        setArticle(a)
        setRows(a.links.map((l) => ({ target: l.target, targetId: l.targetId ? String(l.targetId) : '', label: l.label })))
      })
      .catch((err) => setError(messageOf(err)))
    fetchLinkOptions()
      .then(setOptions)
      .catch(() => undefined)
  }
  useEffect(() => {
    if (user?.isStaff && id > 0) load()
  }, [id, user?.isStaff])

  if (!user || !user.isStaff) {
    return (
      <PageShell className='article-links'>
        <QueueNotice state={user ? 'forbidden' : 'signin'} error='' empty='' onRetry={() => undefined} />
      </PageShell>
    )
  }
  if (!article) {
    return (
      <PageShell className='article-links'>
        <StateView state={error ? 'error' : 'loading'} message={error ?? undefined} onRetry={load} rows={2} />
      </PageShell>
    )
  }

  const edit = (i: number, patch: Partial<Row>) => setRows((all) => all.map((r, k) => (k === i ? { ...r, ...patch } : r)))
  const move = (i: number, by: number) =>
    setRows((all) => {
      const j = i + by
      if (j < 0 || j >= all.length) return all
      const next = [...all]
      ;[next[i], next[j]] = [next[j], next[i]]
      return next
    })
  const remove = (i: number) => setRows((all) => all.filter((_, k) => k !== i))
  // A new link's label is left empty: the server words it from the target (e.g. the contest's name).
  const add = (target: ArticleLinkTarget) => setRows((all) => [...all, { target, targetId: '', label: '' }])

  const save = async () => {
    if (inFlight.current) return
    inFlight.current = true
    setBusy(true)
    setError(null)
    setFields({})
    try {
      const saved = await saveArticleLinks(id, rows.map(toInput))
      setRows(saved.map((l) => ({ target: l.target, targetId: l.targetId ? String(l.targetId) : '', label: l.label })))
      Taro.showToast({ title: '已保存', icon: 'success' })
    } catch (err) {
      if (err instanceof ApiRequestError && err.fields) setFields(err.fields)
      setError(messageOf(err))
    } finally {
      inFlight.current = false
      setBusy(false)
    }
  }

  const used = new Set(rows.filter((r) => !needsId(r.target)).map((r) => r.target))

  return (
    <PageShell className='article-links'>
      <View className='card'>
        <View className='article-links__title'>{article.title}</View>
        <View className='muted'>读者在文章下方看到这些按钮，点一下就能去办。按顺序显示。</View>
      </View>

      {rows.length === 0 && <View className='card muted article-links__empty'>还没有链接，从下面选择要添加的功能。</View>}
      {rows.map((r, i) => {
        const idError = fields[`links.${i}.targetId`]
        return (
          <View key={i} className='card article-links__row' data-target={r.target}>
            <View className='article-links__head'>
              <View className='article-links__target'>
                {i + 1}. {LINK_TARGET_LABELS[r.target]}
              </View>
              <View className='article-links__tools'>
                <Tappable className='article-links__tool' onClick={() => move(i, -1)}>
                  上移
                </Tappable>
                <Tappable className='article-links__tool' onClick={() => move(i, 1)}>
                  下移
                </Tappable>
                <Tappable className='article-links__tool article-links__tool--danger' onClick={() => remove(i)}>
                  删除
                </Tappable>
              </View>
            </View>
            {needsId(r.target) && (
              <>
                <View className='article-links__label'>{LINK_TARGET_ID_HINTS[r.target]}</View>
                {(r.target === 'contest' || r.target === 'contest_nominate') && options.contests.length > 0 && (
                  <View className='article-links__chips'>
                    {options.contests.map((c) => (
                      <Tappable
                        key={c.id}
                        className={`article-links__chip${r.targetId === String(c.id) ? ' article-links__chip--on' : ''}`}
                        pressed={r.targetId === String(c.id)}
                        onClick={() => edit(i, { targetId: String(c.id) })}
                      >
                        {c.name}
                      </Tappable>
                    ))}
                  </View>
                )}
                <Input className='article-links__input article-links__id' type='number' value={r.targetId} placeholder='编号' onInput={(e) => edit(i, { targetId: e.detail.value })} />
                {idError && <View className='error-text'>{idError}</View>}
              </>
            )}
            <View className='article-links__label'>按钮文字（可不填，自动生成）</View>
            <Input className='article-links__input article-links__text' value={r.label} maxlength={30} placeholder={LINK_TARGET_LABELS[r.target]} onInput={(e) => edit(i, { label: e.detail.value })} />
          </View>
        )
      })}

      <View className='card'>
        <View className='article-links__label'>添加链接</View>
        <View className='article-links__chips'>
          {ARTICLE_LINK_TARGETS.filter((t) => !used.has(t)).map((t) => (
            <Tappable key={t} className='article-links__chip article-links__add' data-target={t} onClick={() => add(t)}>
              + {LINK_TARGET_LABELS[t]}
            </Tappable>
          ))}
        </View>
      </View>

      {error && <View className='error-text article-links__error'>{error}</View>}
      <Button className='btn btn--primary article-links__save' disabled={busy || undefined} onClick={save}>
        保存链接
      </Button>
    </PageShell>
  )
}

import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Textarea, View } from '@tarojs/components'
import { ARTICLE_KINDS, ARTICLE_KIND_LABELS, type ArticleKind } from '../../../../common/enums'
import type { ArticleInput, ImportPreview } from '../../../../common/schemas/news'
import type { ArticleLinkInput } from '../../../../common/schemas/article-links'
import { PageShell } from '../../../components/page-shell'
import { useDraft } from '../../../hooks/useDraft'
import { useSession } from '../../../hooks/useSession'
import { ApiRequestError, messageOf } from '../../../services/http'
import { previewImport, publishImport, type ImportResult } from '../../../services/news'
import { QueueNotice } from '../shared/decision'
import './index.scss'

const MAX_TEXT = 60_000
const DATE_RE = /^\d{4}-\d{2}(-\d{2})?$/
const NEWS_LIST_URL = '/pages/news/index'

/** One article of the preview as staff edit it: the paragraphs as one text, blank lines between. */
interface EditableArticle {
  kind: ArticleKind
  title: string
  subtitle: string
  byline: string
  body: string
  photos: ArticleInput['photos']
  publishedOn: string | null
  issueNo: number | null
  pageNo: number | null
  pageName: string | null
  originalUrl: string | null
  sourceKey?: string
  duplicate: boolean
  skip: boolean
  /** Buttons to product pages the importer suggested from the text; staff untick the ones to drop. */
  links?: Array<ImportPreview['articles'][number]['suggestedLinks'][number] & { keep: boolean }>
}

interface PreviewDraft {
  issueNo: number | null
  pageNo: number | null
  pageName: string | null
  warnings: string[]
  articles: EditableArticle[]
}

interface ImportDraft {
  text: string
  publishedOn: string
  originalUrl: string
  preview: PreviewDraft | null
}

const EMPTY: ImportDraft = { text: '', publishedOn: '', originalUrl: '', preview: null }

function toEditable(preview: ImportPreview): PreviewDraft {
  return {
    issueNo: preview.issueNo,
    pageNo: preview.pageNo,
    pageName: preview.pageName,
    warnings: preview.warnings,
    articles: preview.articles.map(({ duplicate, paragraphs, subtitle, byline, suggestedLinks, ...rest }) => ({
      ...rest,
      subtitle: subtitle ?? '',
      byline: byline ?? '',
      body: paragraphs.join('\n\n'),
      duplicate,
      // Already published: left out unless staff tick it back in.
      skip: duplicate,
      links: (suggestedLinks ?? []).map((l) => ({ ...l, keep: true })),
    })),
  }
}

function splitParagraphs(body: string): string[] {
  return body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
}

/** What is wrong with an edited article, in Chinese; null when it can be published. */
function articleError(a: EditableArticle): string | null {
  const title = a.title.trim()
  if (!title) return '请填写标题'
  if (Array.from(title).length > 120) return '标题不能超过 120 个字'
  if (Array.from(a.subtitle.trim()).length > 120) return '副标题不能超过 120 个字'
  if (Array.from(a.byline.trim()).length > 80) return '作者不能超过 80 个字'
  if (!splitParagraphs(a.body).length) return '请填写正文'
  return null
}

function toInput(a: EditableArticle): ArticleInput & { links: ArticleLinkInput[] } {
  return {
    kind: a.kind,
    title: a.title.trim(),
    subtitle: a.subtitle.trim() || null,
    byline: a.byline.trim() || null,
    paragraphs: splitParagraphs(a.body),
    photos: a.photos,
    publishedOn: a.publishedOn,
    issueNo: a.issueNo,
    pageNo: a.pageNo,
    pageName: a.pageName,
    originalUrl: a.originalUrl,
    // The key of the article as parsed: a corrected title is still the same article next time.
    sourceKey: a.sourceKey,
    links: (a.links ?? []).filter((l) => l.keep).map(({ target, targetId, label }) => ({ target, targetId, label })),
  }
}

type Access = 'ok' | 'forbidden' | 'signin'

// 导入科技报: staff paste a 四川科技报 page's text; the server splits it into articles, staff check
// and correct each one here (already-published ones are left out by default), then publish them.
// The pasted text and the corrections live in a draft, so nothing is lost if the page is closed.
export default function NewsImport() {
  const user = useSession()
  const [draft, update] = useDraft<ImportDraft>('staff.news-import', EMPTY)
  const [error, setError] = useState<string | null>(null)
  const [articleErrors, setArticleErrors] = useState<Record<number, string>>({})
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<ImportResult | null>(null)
  const [serverAccess, setServerAccess] = useState<Access>('ok')
  const inFlight = useRef(false)

  // The server decides; the cached profile only spares someone pasting a page for nothing.
  const access: Access = serverAccess !== 'ok' ? serverAccess : !user ? 'signin' : user.isStaff ? 'ok' : 'forbidden'

  const run = async (action: () => Promise<void>) => {
    if (inFlight.current) return
    inFlight.current = true
    setBusy(true)
    try {
      await action()
    } catch (err) {
      const status = err instanceof ApiRequestError ? err.status : 0
      if (status === 403) setServerAccess('forbidden')
      else if (status === 401) setServerAccess('signin')
      else setError(messageOf(err))
    } finally {
      inFlight.current = false
      setBusy(false)
    }
  }

  const preview = () => {
    setError(null)
    setResult(null)
    const text = draft.text.trim()
    const publishedOn = draft.publishedOn.trim()
    const originalUrl = draft.originalUrl.trim()
    if (Array.from(text).length < 20) return setError('请粘贴整版报纸的文字（至少 20 个字）')
    if (publishedOn && !DATE_RE.test(publishedOn)) return setError('日期请写成 2024-05 或 2024-05-17')
    if (originalUrl && !/^https?:\/\/\S+$/.test(originalUrl)) return setError('原文链接请以 http:// 或 https:// 开头')
    run(async () => {
      const page = await previewImport({ text, ...(publishedOn && { publishedOn }), ...(originalUrl && { originalUrl }) })
      setArticleErrors({})
      update({ preview: toEditable(page) })
      if (!page.articles.length) setError('没有识别出文章，请检查粘贴的文字')
    })
  }

  const editArticle = (index: number, patch: Partial<EditableArticle>) => {
    if (!draft.preview) return
    const articles = draft.preview.articles.map((a, i) => (i === index ? { ...a, ...patch } : a))
    update({ preview: { ...draft.preview, articles } })
    if (articleErrors[index]) setArticleErrors(({ [index]: _gone, ...rest }) => rest)
  }

  const chosen = draft.preview ? draft.preview.articles.filter((a) => !a.skip) : []

  const publish = () => {
    if (!draft.preview || !chosen.length) return
    setError(null)
    const found: Record<number, string> = {}
    draft.preview.articles.forEach((a, i) => {
      const problem = a.skip ? null : articleError(a)
      if (problem) found[i] = problem
    })
    setArticleErrors(found)
    if (Object.keys(found).length) return setError('有文章需要修改，请看标红的提示')
    run(async () => {
      const out = await publishImport(chosen.map(toInput))
      setResult(out)
      // The server has the articles now: the draft is done with.
      update({ text: '', preview: null })
      Taro.showToast({ title: '已发布', icon: 'success' })
    })
  }

  if (access !== 'ok') {
    return (
      <PageShell className='news-import'>
        <QueueNotice state={access} error='' empty='' onRetry={() => undefined} />
      </PageShell>
    )
  }

  return (
    <PageShell className='news-import'>
      {result && (
        <View className='card news-import__result'>
          <View className='news-import__result-line'>
            已发布 {result.created.length} 篇，跳过 {result.skipped.length} 篇（已存在）
          </View>
          {result.skipped.length > 0 && <View className='muted news-import__skipped'>跳过：{result.skipped.join('、')}</View>}
          <View className='news-import__links'>
            <Button className='btn btn--primary news-import__to-list' onClick={() => Taro.switchTab({ url: NEWS_LIST_URL })}>
              查看科技资讯
            </Button>
            {result.created.length > 0 && (
              <Button
                className='btn btn--plain news-import__to-first'
                onClick={() => Taro.navigateTo({ url: `/packages/news/article/index?id=${result.created[0]}` })}
              >
                查看第一篇
              </Button>
            )}
          </View>
        </View>
      )}

      <View className='card news-import__form'>
        <View className='news-import__label'>粘贴整版报纸的文字</View>
        <Textarea
          className='news-import__text'
          value={draft.text}
          maxlength={MAX_TEXT}
          placeholder='从电子版复制一整版的文字，粘贴到这里'
          onInput={(e) => update({ text: e.detail.value })}
        />
        <View className='muted news-import__count'>
          {Array.from(draft.text).length}/{MAX_TEXT}
        </View>
        <View className='news-import__label'>日期（可不填）</View>
        <Input
          className='news-import__input news-import__date'
          value={draft.publishedOn}
          maxlength={10}
          placeholder='2024-05 或 2024-05-17'
          onInput={(e) => update({ publishedOn: e.detail.value })}
        />
        <View className='news-import__label'>原文链接（可不填）</View>
        <Input
          className='news-import__input news-import__url'
          value={draft.originalUrl}
          maxlength={500}
          placeholder='https://'
          onInput={(e) => update({ originalUrl: e.detail.value })}
        />
        {error && <View className='error-text news-import__error'>{error}</View>}
        <Button className='btn btn--primary news-import__preview-btn' disabled={busy || undefined} onClick={preview}>
          {busy && !draft.preview ? '正在识别…' : '预览'}
        </Button>
      </View>

      {draft.preview && (
        <View className='news-import__preview'>
          <View className='section-title news-import__page'>
            {[
              draft.preview.issueNo && `第${draft.preview.issueNo}期`,
              draft.preview.pageNo && `第${draft.preview.pageNo}版`,
              draft.preview.pageName,
            ]
              .filter(Boolean)
              .join(' ') || '未识别出期号和版面'}
          </View>
          <View className='muted news-import__summary'>
            共 {draft.preview.articles.length} 篇，请逐篇核对后发布
          </View>
          {draft.preview.warnings.length > 0 && (
            <View className='news-import__warnings'>
              {draft.preview.warnings.map((w) => (
                <View key={w} className='news-import__warning'>
                  {w}
                </View>
              ))}
            </View>
          )}
          {draft.preview.articles.map((a, i) => (
            <ArticleEditor key={i} article={a} error={articleErrors[i]} onChange={(patch) => editArticle(i, patch)} />
          ))}
          {error && <View className='error-text news-import__error news-import__error--foot'>{error}</View>}
          <Button className='btn btn--primary news-import__publish' disabled={busy || !chosen.length || undefined} onClick={publish}>
            {chosen.length ? `发布 ${chosen.length} 篇` : '没有要发布的文章'}
          </Button>
        </View>
      )}
    </PageShell>
  )
}

function ArticleEditor({ article: a, error, onChange }: { article: EditableArticle; error?: string; onChange: (patch: Partial<EditableArticle>) => void }) {
  return (
    <View className={`card import-article${a.skip ? ' import-article--skipped' : ''}${error ? ' import-article--invalid' : ''}`}>
      <View className='import-article__head'>
        <View className='import-article__kinds'>
          {ARTICLE_KINDS.map((kind) => (
            <View
              key={kind}
              className={`import-article__kind${a.kind === kind ? ' import-article__kind--on' : ''}`}
              onClick={() => onChange({ kind })}
            >
              {ARTICLE_KIND_LABELS[kind]}
            </View>
          ))}
        </View>
        {a.duplicate && <View className='import-article__dup'>已发布过</View>}
      </View>
      <View className='import-article__skip' role='checkbox' aria-checked={a.skip} onClick={() => onChange({ skip: !a.skip })}>
        <View className={`import-article__box${a.skip ? ' import-article__box--on' : ''}`}>{a.skip ? '✓' : ''}</View>
        <View>不导入{a.duplicate ? '（已发布过，默认不导入）' : ''}</View>
      </View>
      <View className='import-article__label'>标题</View>
      <Input className='import-article__input import-article__title' value={a.title} maxlength={120} onInput={(e) => onChange({ title: e.detail.value })} />
      <View className='import-article__label'>副标题（可不填）</View>
      <Input className='import-article__input import-article__subtitle' value={a.subtitle} maxlength={120} onInput={(e) => onChange({ subtitle: e.detail.value })} />
      <View className='import-article__label'>作者（可不填）</View>
      <Input className='import-article__input import-article__byline' value={a.byline} maxlength={80} onInput={(e) => onChange({ byline: e.detail.value })} />
      <View className='import-article__label'>正文（段落之间空一行）</View>
      <Textarea
        className='import-article__body'
        value={a.body}
        maxlength={MAX_TEXT}
        autoHeight
        onInput={(e) => onChange({ body: e.detail.value })}
      />
      {(a.links ?? []).length > 0 && (
        <View className='import-article__links'>
          <View className='import-article__label'>文章下方的按钮（根据文中内容建议，不需要的请取消）</View>
          {a.links!.map((l, k) => (
            <View
              key={`${l.target}-${l.targetId ?? 0}`}
              className='import-article__link'
              role='checkbox'
              aria-checked={l.keep}
              data-target={l.target}
              onClick={() => onChange({ links: a.links!.map((x, j) => (j === k ? { ...x, keep: !x.keep } : x)) })}
            >
              <View className={`import-article__box import-article__link-box${l.keep ? ' import-article__link-box--on' : ''}`}>{l.keep ? '✓' : ''}</View>
              <View>
                <View className='import-article__link-label'>{l.label}</View>
                <View className='muted'>文中提到：{l.because}</View>
              </View>
            </View>
          ))}
        </View>
      )}
      {a.photos.length > 0 && <View className='muted import-article__photos'>图片 {a.photos.length} 张：{a.photos.map((p) => p.caption).filter(Boolean).join('；')}</View>}
      {error && <View className='error-text import-article__error'>{error}</View>}
    </View>
  )
}

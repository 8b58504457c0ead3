import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { useDraft } from '../../../hooks/useDraft'
import { useSession } from '../../../hooks/useSession'
import { ApiRequestError, messageOf } from '../../../services/http'
import { previewImport, publishImport, type ImportResult } from '../../../services/news'
import { articleError, EMPTY_DRAFT, pageError, pasteError, toEditable, toInput, withPage, type EditableArticle, type ImportDraft, type PageFields } from './import-draft'

export type Access = 'ok' | 'forbidden' | 'signin'

// The import's state: the draft (pasted text and corrections, kept if the page is closed), who may
// use it, the preview and publish calls, and each article's problem.

export function useNewsImport() {
  const user = useSession()
  const [draft, update] = useDraft<ImportDraft>('staff.news-import', EMPTY_DRAFT)
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
    const problem = pasteError(text, publishedOn, originalUrl)
    if (problem) return setError(problem)
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

  const editPage = (patch: Partial<PageFields>) => {
    if (!draft.preview?.page) return
    update({ preview: { ...draft.preview, page: { ...draft.preview.page, ...patch } } })
  }

  const chosen = draft.preview ? draft.preview.articles.filter((a) => !a.skip) : []

  const publish = () => {
    if (!draft.preview || !chosen.length) return
    setError(null)
    const page = draft.preview.page
    const wrongPage = page && pageError(page)
    if (wrongPage) return setError(wrongPage)
    const found: Record<number, string> = {}
    draft.preview.articles.forEach((a, i) => {
      const problem = a.skip ? null : articleError(a)
      if (problem) found[i] = problem
    })
    setArticleErrors(found)
    if (Object.keys(found).length) return setError('有文章需要修改，请看标红的提示')
    run(async () => {
      const out = await publishImport(chosen.map((a) => toInput(withPage(a, page))))
      setResult(out)
      // The server has the articles now: the draft is done with.
      update({ text: '', preview: null })
      Taro.showToast({ title: '已发布', icon: 'success' })
    })
  }

  return { access, draft, update, error, articleErrors, busy, result, chosen, preview, editArticle, editPage, publish }
}

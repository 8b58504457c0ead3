import Taro from '@tarojs/taro'
import { Button, Input, Textarea, View } from '@tarojs/components'
import { PageShell } from '../../../components/page-shell'
import { QueueNotice } from '../shared/decision'
import { ArticleEditor } from './article-editor'
import { MAX_TEXT } from './import-draft'
import { useNewsImport } from './use-news-import'
import './index.scss'

const NEWS_LIST_URL = '/pages/news/index'

// 导入科技报: staff paste a 四川科技报 page's text; the server splits it into articles, staff check
// and correct each one here (already-published ones are left out by default), then publish them.
// The pasted text and the corrections live in a draft, so nothing is lost if the page is closed.
export default function NewsImport() {
  const { access, draft, update, error, articleErrors, busy, result, chosen, preview, editArticle, editPage, publish } = useNewsImport()

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
          {draft.preview.page && (
            <View className='card news-import__page-fields'>
              <View className='muted'>这一版的日期、期号和版次，发布时用在每一篇上，可以修改</View>
              <View className='news-import__label'>日期</View>
              <Input
                className='news-import__input news-import__page-date'
                value={draft.preview.page.publishedOn}
                maxlength={10}
                placeholder='2024-05-17'
                onInput={(e) => editPage({ publishedOn: e.detail.value })}
              />
              <View className='news-import__page-row'>
                <View className='news-import__page-cell'>
                  <View className='news-import__label'>期号</View>
                  <Input
                    className='news-import__input news-import__page-issue'
                    type='number'
                    value={draft.preview.page.issueNo}
                    maxlength={7}
                    placeholder='如 3109'
                    onInput={(e) => editPage({ issueNo: e.detail.value })}
                  />
                </View>
                <View className='news-import__page-cell'>
                  <View className='news-import__label'>版次</View>
                  <Input
                    className='news-import__input news-import__page-no'
                    type='number'
                    value={draft.preview.page.pageNo}
                    maxlength={3}
                    placeholder='如 1'
                    onInput={(e) => editPage({ pageNo: e.detail.value })}
                  />
                </View>
                <View className='news-import__page-cell'>
                  <View className='news-import__label'>版名</View>
                  <Input
                    className='news-import__input news-import__page-name'
                    value={draft.preview.page.pageName}
                    maxlength={20}
                    placeholder='如 要闻'
                    onInput={(e) => editPage({ pageName: e.detail.value })}
                  />
                </View>
              </View>
            </View>
          )}
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

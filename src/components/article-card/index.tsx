import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { ArticleSummary } from '../../../common/schemas/news'
import { formatChineseDate } from '../../../common/format'
import { getLang, t, useT } from '../../i18n'
import { Tappable } from '../tappable'
import './index.scss'

export function articlePath(id: number): string {
  return `/packages/news/article/index?id=${id}`
}

/** A newspaper's date ('2026-12-07', or a month '2026-12') in the reader's language. */
export function paperDate(value: string | null | undefined): string {
  if (getLang() === 'zh' || !value) return formatChineseDate(value)
  const [y, m, d] = value.split('-').map(Number)
  return d ? t('time.date_year', { y, m, d }) : t('time.year_month', { y, m })
}

/**
 * The newspaper's page of an article: ' · 第3版' then the page's own name as printed (要闻) —
 * that name is the paper's words, like the article's, so it is marked as user content.
 */
export function PaperPage({ pageNo, pageName }: { pageNo: number | null | undefined; pageName?: string | null }) {
  const { t } = useT()
  if (!pageNo) return null
  return (
    <>
      {` · ${t('news.page', { n: pageNo })}`}
      {pageName ? ' ' : null}
      {pageName ? (
        <Text className='article-card__page-name' data-ugc>
          {pageName}
        </Text>
      ) : null}
    </>
  )
}

export function ArticleCard({ article }: { article: ArticleSummary }) {
  const { t } = useT()
  return (
    <Tappable role='link' className='article-card' onClick={() => Taro.navigateTo({ url: articlePath(article.id) })}>
      {article.kind === 'photo' && <View className='tag article-card__tag'>{t('news.photo_tag')}</View>}
      {/* The article's words stay as printed (Chinese) in every language. */}
      <View className='article-card__title' data-ugc>
        {article.title}
      </View>
      {article.excerpt && (
        <View className='article-card__excerpt' data-ugc>
          {article.excerpt}
        </View>
      )}
      <View className='article-card__meta'>
        {t('news.source')} {paperDate(article.publishedOn)}
        <PaperPage pageNo={article.pageNo} pageName={article.pageName} />
      </View>
    </Tappable>
  )
}

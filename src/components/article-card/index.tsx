import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { ArticleSummary } from '../../../common/schemas/news'
import { formatChineseDate } from '../../../common/format'
import { Tappable } from '../tappable'
import './index.scss'

export function articlePath(id: number): string {
  return `/packages/news/article/index?id=${id}`
}

export function ArticleCard({ article }: { article: ArticleSummary }) {
  const page = article.pageNo ? ` · 第${article.pageNo}版${article.pageName ? ` ${article.pageName}` : ''}` : ''
  return (
    <Tappable role='link' className='article-card' onClick={() => Taro.navigateTo({ url: articlePath(article.id) })}>
      {article.kind === 'photo' && <View className='tag article-card__tag'>图片新闻</View>}
      <View className='article-card__title'>{article.title}</View>
      {article.excerpt && <View className='article-card__excerpt'>{article.excerpt}</View>}
      <View className='article-card__meta'>
        四川科技报 {formatChineseDate(article.publishedOn)}
        {page}
      </View>
    </Tappable>
  )
}

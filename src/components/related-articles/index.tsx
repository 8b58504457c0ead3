import { useEffect, useState } from 'react'
import { View } from '@tarojs/components'
import type { ArticleLinkTarget } from '../../../common/enums'
import type { ArticleSummary } from '../../../common/schemas/news'
import { ArticleCard } from '../article-card'
import { fetchRelatedArticles } from '../../services/article-links'
import { useT } from '../../i18n'
import './index.scss'

// 相关报道: the newspaper's articles that link to this page (a contest, a studio, a post, or a
// target without an id such as register). Shows nothing when there are none or they cannot load:
// it is extra reading, never in the way.
//   <RelatedArticles target='contest' targetId={contest.id} />
export function RelatedArticles({ target, targetId, title, className }: { target: ArticleLinkTarget; targetId?: number; title?: string; className?: string }) {
  const { t } = useT()
  const [items, setItems] = useState<ArticleSummary[]>([])
  useEffect(() => {
    if (targetId !== undefined && !(targetId > 0)) return
    let live = true
    fetchRelatedArticles(target, targetId)
      .then((r) => live && setItems(r.items))
      .catch(() => live && setItems([]))
    return () => {
      live = false
    }
  }, [target, targetId])
  if (!items.length) return null
  return (
    <View className={`related-articles${className ? ` ${className}` : ''}`}>
      <View className='section-title'>{title ?? t('related.title')}</View>
      {items.map((a) => (
        <ArticleCard key={a.id} article={a} />
      ))}
    </View>
  )
}

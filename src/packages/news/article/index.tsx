import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { Article } from '../../../../common/schemas/news'
import { isSinglePageMode, openedAlone } from '../../../utils/share'
import { linkLabel, openArticleLink } from '../../../utils/article-links'
import { ShareBar } from '../../../components/share-bar'
import { useShareEntry, useShareMenu } from '../../../hooks/useShare'
import { useSession } from '../../../hooks/useSession'
import { PageShell } from '../../../components/page-shell'
import { failureOf, NOT_FOUND, StateView, type LoadFailure } from '../../../components/state-view'
import { fetchArticle } from '../../../services/news'
import { useT } from '../../../i18n'
import { PaperPage, paperDate } from '../../../components/article-card'
import { offlineSince } from '../../../services/offline-cache'
import { OfflineMark } from '../../../components/offline-mark'
import { SaverImage } from '../../../components/saver-image'
import './index.scss'

const ARTICLE_PATH = '/packages/news/article/index'

export default function ArticlePage() {
  // ?id=, or a poster's 小程序码 (scene = a share code); an ?s= share code is reported as an open.
  const { id, resolving } = useShareEntry()
  const user = useSession()
  const { t, lang } = useT()
  const [article, setArticle] = useState<Article | null>(null)
  /** Why the load failed; null while loading or once loaded. */
  const [failure, setFailure] = useState<LoadFailure | null>(null)

  const load = () => {
    setFailure(null)
    if (resolving) return
    if (!Number.isInteger(id) || id <= 0) return setFailure(NOT_FOUND)
    fetchArticle(id)
      .then((a) => {
        setArticle(a)
      })
      .catch((err) => setFailure(failureOf(err)))
  }
  useEffect(load, [id, resolving])
  // The bar names what kind of article this is, in the reader's language (again after a switch).
  useEffect(() => {
    if (article) Taro.setNavigationBarTitle({ title: article.kind === 'photo' ? t('title.photo_news') : t('title.news') }).catch(() => undefined)
  }, [article, lang])

  const shareTitle = article?.title ?? t('news.share_title')
  const sharePhoto = article?.photos.find((p) => p.url)?.url ?? undefined
  useShareMenu({ target: 'article', id, title: shareTitle, imageUrl: sharePhoto, path: ARTICLE_PATH })

  if (!article) {
    return (
      <PageShell>
        <StateView state={failure?.state ?? 'loading'} message={failure?.message} onRetry={load} rows={1} />
      </PageShell>
    )
  }

  const copyLink = () =>
    Taro.setClipboardData({ data: article.originalUrl! }).then(() => Taro.showToast({ title: t('article.copied'), icon: 'none' }))
  const alone = openedAlone()
  // Moments' single-page mode cannot open other pages: the buttons would do nothing there.
  const links = isSinglePageMode() ? [] : article.links

  return (
    <PageShell className='article'>
      <OfflineMark at={offlineSince(article)} />
      <View className='article__head'>
        {article.kind === 'photo' && <View className='tag article__tag'>{t('news.photo_tag')}</View>}
        {article.subtitle && (
          <View className='article__subtitle' data-ugc>
            {article.subtitle}
          </View>
        )}
        <View className='article__title' data-ugc>
          {article.title}
        </View>
        <View className='muted article__meta'>
          {t('news.source')} {paperDate(article.publishedOn)}
          {article.issueNo ? ` · ${t('news.issue', { n: article.issueNo })}` : ''}
          <PaperPage pageNo={article.pageNo} pageName={article.pageName} />
        </View>
      </View>
      {/* The article as printed, in Chinese whatever the reader's language. */}
      <View className='article__body' data-ugc>
        {article.photos
          .filter((p) => p.url)
          .map((p, i) => (
            <View key={`photo-${i}`} className='article__photo'>
              <SaverImage className='article__photo-img' src={p.url!} />
              <View className='muted' data-ugc>
                {p.caption}
              </View>
            </View>
          ))}
        {article.paragraphs.map((p, i) => (
          <View key={i} className='article__p'>
            <Text className='article__text' userSelect>
              {p}
            </Text>
          </View>
        ))}
        {article.byline && <View className='article__byline'>（{article.byline}）</View>}
      </View>
      {links.length > 0 && (
        <View className='card article__links'>
          <View className='article__links-title'>{t('article.links_title')}</View>
          {links.map((l) => (
            <Button
              key={`${l.target}-${l.targetId ?? 0}`}
              className='btn btn--primary article__link'
              data-target={l.target}
              onClick={() => openArticleLink(l, user)}
            >
              {linkLabel(l, user)}
            </Button>
          ))}
        </View>
      )}
      <View className='card article__source'>
        {article.originalUrl ? (
          <Button className='btn btn--plain' onClick={copyLink}>
            {t('article.copy_link')}
          </Button>
        ) : (
          <View className='muted'>
            {t('article.printed_in', { date: paperDate(article.publishedOn) })}
            {article.pageNo ? ` ${t('news.page', { n: article.pageNo })}` : ''}
          </View>
        )}
        <ShareBar
          className='article__share'
          target='article'
          id={article.id}
          title={article.title}
          text={`${t('news.source')} ${paperDate(article.publishedOn)}`}
          path={ARTICLE_PATH}
        />
        {user?.isStaff && !isSinglePageMode() && (
          <Button className='btn btn--plain article__edit-links' onClick={() => Taro.navigateTo({ url: `/packages/staff/article-links/index?id=${article.id}` })}>
            {t('article.edit_links')}
          </Button>
        )}
        {alone && (
          <Button className='btn btn--plain article__home' onClick={() => Taro.switchTab({ url: '/pages/index/index' })}>
            {t('article.home')}
          </Button>
        )}
      </View>
    </PageShell>
  )
}

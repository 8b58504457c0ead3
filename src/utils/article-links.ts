import Taro from '@tarojs/taro'
import type { ArticleLink } from '../../common/schemas/article-links'
import type { Profile } from '../../common/schemas/users'
import { contestPath } from '../services/contests'
import { listingPath } from '../services/listings'
import { studioPath } from '../services/studios'
import { isVerifiedChair } from './roles'
import { LOGIN_URL, PROFILE_URL } from './routes'
import { t } from '../i18n'

// Where an article's button takes the reader (the staff editor's words are in packages/staff/article-links).

/** Opens a link's page; the register button sends each person to their next step. */
export function openArticleLink(link: ArticleLink, user: Profile | null): void {
  const go = (url: string) => Taro.navigateTo({ url })
  const id = link.targetId ?? 0
  switch (link.target) {
    case 'register':
      if (!user) return void go(LOGIN_URL)
      if (!user.registered) return void go(PROFILE_URL)
      return void Taro.switchTab({ url: '/pages/mine/index' })
    case 'publish_need':
      return void go('/packages/listings/publish/index?side=need')
    case 'publish_offer':
      return void go('/packages/listings/publish/index?side=offer')
    case 'contest':
      return void go(contestPath(id))
    case 'contest_nominate': {
      // Only a verified chair can nominate: everyone else sees the contest (and can sign up there).
      const chair = isVerifiedChair(user)
      return void go(chair ? `/packages/contests/nominate/index?id=${id}` : contestPath(id))
    }
    case 'studio':
      return void go(studioPath(id))
    case 'listing':
      return void go(listingPath(id))
    case 'talents':
      return void go('/packages/contests/talents/index')
    case 'achievements':
      return void go('/packages/achievements/index')
  }
}

/** The register button says where a registered reader stands instead. */
export function linkLabel(link: ArticleLink, user: Profile | null): string {
  return link.target === 'register' && user?.registered ? t('article.registered_link') : link.label
}

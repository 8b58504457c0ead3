import Taro from '@tarojs/taro'
import type { ArticleLinkTarget } from '../../common/enums'
import type { ArticleLink } from '../../common/schemas/article-links'
import type { Profile } from '../../common/schemas/users'
import { contestPath } from '../services/contests'
import { listingPath } from '../services/listings'
import { studioPath } from '../services/studios'
import { isVerifiedChair } from './roles'
import { LOGIN_URL, PROFILE_URL } from './routes'

// Where an article's button takes the reader. One table for the article page and the staff editor.

/** What staff read when choosing a target. */
export const LINK_TARGET_LABELS: Record<ArticleLinkTarget, string> = {
  register: '注册天府科技云',
  publish_need: '发布科技所需',
  publish_offer: '发布科技所能',
  contest: '比赛或科创会',
  contest_nominate: '举荐人才参赛',
  studio: '专家的科创工作室',
  listing: '一条所能所需或成果',
  talents: '乡土人才库',
  achievements: '科技成果',
}

/** What the id of a target is, for the staff editor's field; null for targets without one. */
export const LINK_TARGET_ID_HINTS: Partial<Record<ArticleLinkTarget, string>> = {
  contest: '比赛编号',
  contest_nominate: '比赛编号',
  studio: '专家的用户编号',
  listing: '信息编号',
}


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
  return link.target === 'register' && user?.registered ? '您已注册 · 查看我的' : link.label
}

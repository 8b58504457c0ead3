import type { ArticleLinkTarget } from '../../../../common/enums'

// The staff editor's words for an article's buttons (staff pages stay Chinese).

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

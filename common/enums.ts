// Domain vocabularies shared by app and server. Values are stored in the database and sent
// over the wire; labels are what people read.

/** What a person says they are at registration. 'chair' and 'expert' are claims until staff verify them. */
export const ROLES = ['farmer', 'chair', 'volunteer', 'expert', 'other'] as const
export type Role = (typeof ROLES)[number]
export const ROLE_LABELS: Record<Role, string> = {
  farmer: '农牧民',
  chair: '乡镇科协主席',
  volunteer: '科普志愿者',
  expert: '科技工作者',
  other: '其他',
}
/** Roles whose claim needs staff verification before it grants anything. */
export const VERIFIED_ROLES: readonly Role[] = ['chair', 'expert']

export const ARTICLE_KINDS = ['article', 'photo'] as const
export type ArticleKind = (typeof ARTICLE_KINDS)[number]
export const ARTICLE_KIND_LABELS: Record<ArticleKind, string> = { article: '文章', photo: '图片新闻' }

/** Version of the privacy guide the user agrees to; bump when the text changes so users agree again. */
export const PRIVACY_VERSION = '2026-11-01'

/** 科技所需 (a need) or 科技所能 (an offer): one domain, `listings`, with a side. */
export const LISTING_SIDES = ['need', 'offer'] as const
export type ListingSide = (typeof LISTING_SIDES)[number]
export const LISTING_SIDE_LABELS: Record<ListingSide, string> = { need: '科技所需', offer: '科技所能' }

export const CATEGORIES = [
  'planting',
  'breeding',
  'veterinary',
  'machinery',
  'processing',
  'ecommerce',
  'health',
  'ecology',
  'it',
  'other',
] as const
export type Category = (typeof CATEGORIES)[number]
export const CATEGORY_LABELS: Record<Category, string> = {
  planting: '种植',
  breeding: '养殖',
  veterinary: '畜牧兽医',
  machinery: '农机',
  processing: '农产品加工',
  ecommerce: '电商',
  health: '医疗卫生',
  ecology: '生态环保',
  it: '信息技术',
  other: '其他',
}

/**
 * pending: waiting for staff review (every new or edited post); published: public;
 * rejected: staff said no (with a reason); closed: the owner withdrew it; resolved: 对接 done.
 */
export const LISTING_STATUSES = ['pending', 'published', 'rejected', 'closed', 'resolved'] as const
export type ListingStatus = (typeof LISTING_STATUSES)[number]
export const LISTING_STATUS_LABELS: Record<ListingStatus, string> = {
  pending: '审核中',
  published: '已发布',
  rejected: '未通过审核',
  closed: '已关闭',
  resolved: '已解决',
}

export const RESPONSE_STATUSES = ['pending', 'accepted', 'declined'] as const
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number]

/** What the status timeline of a post shows, in order of happening. */
export const LISTING_EVENTS = ['submitted', 'approved', 'rejected', 'edited', 'responded', 'accepted', 'resolved', 'closed', 'feedback'] as const
export type ListingEventKind = (typeof LISTING_EVENTS)[number]
export const LISTING_EVENT_LABELS: Record<ListingEventKind, string> = {
  submitted: '提交审核',
  approved: '审核通过，已发布',
  rejected: '未通过审核',
  edited: '修改后重新提交审核',
  responded: '收到对接申请',
  accepted: '接受对接，已交换联系方式',
  resolved: '已解决',
  closed: '已关闭',
  feedback: '留下评价',
}

/** Photos per post: WeChat's chooseMedia allows 9 at once, and so do we. */
export const MAX_LISTING_PHOTOS = 9

export const VERIFICATION_STATUSES = ['pending', 'verified', 'rejected'] as const
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number]

/**
 * What a listing is: an ordinary 科技所能所需 post, or a 科技成果 (an achievement — always on the
 * offer side). Achievements share the posts' review, checks, search, 对接 and timeline.
 */
export const LISTING_KINDS = ['post', 'achievement'] as const
export type ListingKind = (typeof LISTING_KINDS)[number]

export const ACHIEVEMENT_STAGES = ['research', 'small_pilot', 'pilot', 'industrial'] as const
export type AchievementStage = (typeof ACHIEVEMENT_STAGES)[number]
export const ACHIEVEMENT_STAGE_LABELS: Record<AchievementStage, string> = {
  research: '研发',
  small_pilot: '小试',
  pilot: '中试',
  industrial: '产业化',
}

export const TRANSFER_MODES = ['transfer', 'license', 'cooperation', 'other'] as const
export type TransferMode = (typeof TRANSFER_MODES)[number]
export const TRANSFER_MODE_LABELS: Record<TransferMode, string> = {
  transfer: '转让',
  license: '许可',
  cooperation: '合作',
  other: '其他',
}

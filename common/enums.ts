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
export const LISTING_EVENTS = [
  'submitted',
  'approved',
  'rejected',
  'edited',
  'responded',
  'accepted',
  'resolved',
  'closed',
  'feedback',
  // 科服保姆 (triage): a need's service record reads these beside the post's own steps.
  'assigned',
  'assignment_declined',
  'escalated',
  'called',
  'followup_solved',
  'followup_partial',
  'reopened',
] as const
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
  assigned: '科服保姆已指派专家',
  assignment_declined: '指派的专家婉拒',
  escalated: '超时未答，已提醒科服保姆',
  called: '科服保姆电话回复',
  followup_solved: '回访：问题解决了',
  followup_partial: '回访：问题部分解决',
  reopened: '回访：问题没有解决，重新分诊',
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

/** 乡土人才创新创业大赛 (contest) or 科创会 (fair): one domain, `contests`, with a kind. */
export const CONTEST_KINDS = ['contest', 'fair'] as const
export type ContestKind = (typeof CONTEST_KINDS)[number]
export const CONTEST_KIND_LABELS: Record<ContestKind, string> = { contest: '乡土人才大赛', fair: '科创会' }

export const CONTEST_LEVELS = ['province', 'prefecture', 'county'] as const
export type ContestLevel = (typeof CONTEST_LEVELS)[number]
export const CONTEST_LEVEL_LABELS: Record<ContestLevel, string> = { province: '省级', prefecture: '市州级', county: '县级' }

/** A contest's own categories (the facts of the real 大赛), not the posts' CATEGORIES. */
export const CONTEST_CATEGORIES = ['planting', 'breeding', 'extension', 'processing', 'ecommerce', 'crafts', 'other'] as const
export type ContestCategory = (typeof CONTEST_CATEGORIES)[number]
export const CONTEST_CATEGORY_LABELS: Record<ContestCategory, string> = {
  planting: '种植',
  breeding: '养殖',
  extension: '农技推广',
  processing: '加工',
  ecommerce: '电商',
  crafts: '传统技艺',
  other: '其他',
}

/**
 * The stages a contest moves through, in order; staff move it. An entrant's stage_reached is one
 * of the first four ('signup' = entered). 'finished' = results published.
 */
export const CONTEST_STAGES = ['signup', 'preliminary', 'semifinal', 'final', 'finished'] as const
export type ContestStage = (typeof CONTEST_STAGES)[number]
export const CONTEST_STAGE_LABELS: Record<ContestStage, string> = {
  signup: '报名',
  preliminary: '初赛',
  semifinal: '复赛',
  final: '决赛',
  finished: '已结束',
}
export const ENTRY_STAGES = ['signup', 'preliminary', 'semifinal', 'final'] as const
export type EntryStage = (typeof ENTRY_STAGES)[number]

export const ENTRY_SOURCES = ['self', 'nomination'] as const
export type EntrySource = (typeof ENTRY_SOURCES)[number]

export const AWARDS = ['gold', 'silver', 'bronze', 'excellence', 'other'] as const
export type Award = (typeof AWARDS)[number]
/** 'other' shows its award_name instead (e.g. 最佳创意奖). 最受欢迎 is the vote's, not a staff award. */
export const AWARD_LABELS: Record<Award, string> = { gold: '金奖', silver: '银奖', bronze: '铜奖', excellence: '优胜奖', other: '其他奖项' }
export const POPULAR_AWARD_LABEL = '最受欢迎奖'

export const NOMINATION_STATUSES = ['pending', 'confirmed', 'declined', 'withdrawn'] as const
export type NominationStatus = (typeof NOMINATION_STATUSES)[number]
export const NOMINATION_STATUS_LABELS: Record<NominationStatus, string> = {
  pending: '待本人确认',
  confirmed: '已确认参赛',
  declined: '本人已婉拒',
  withdrawn: '已撤回',
}

/** Where an article can send a reader (article_links.target); some need a target id. */
export const ARTICLE_LINK_TARGETS = [
  'register',
  'publish_need',
  'publish_offer',
  'contest',
  'contest_nominate',
  'studio',
  'listing',
  'talents',
  'achievements',
] as const
export type ArticleLinkTarget = (typeof ARTICLE_LINK_TARGETS)[number]
/** Targets whose link names one thing (a contest, an expert's studio, a post). */
export const ARTICLE_LINK_TARGETS_WITH_ID: readonly ArticleLinkTarget[] = ['contest', 'contest_nominate', 'studio', 'listing']

/** What can be shared with attribution, and how. */
export const SHARE_TARGETS = ['article', 'listing', 'studio', 'contest', 'talent'] as const
export type ShareTarget = (typeof SHARE_TARGETS)[number]
export const SHARE_CHANNELS = ['chat', 'timeline', 'poster'] as const
export type ShareChannel = (typeof SHARE_CHANNELS)[number]
/** A registration counts for the sharer when it follows an open of their share within this many days. */
export const SHARE_ATTRIBUTION_DAYS = 7

/** What the dashboard counts, and staff can set monthly targets for. */
export const DASHBOARD_METRICS = [
  'registrations',
  'posts',
  'responses',
  'resolved',
  'contest_entries',
  'nominations',
  'shares',
  'share_registrations',
] as const
export type DashboardMetric = (typeof DASHBOARD_METRICS)[number]
export const DASHBOARD_METRIC_LABELS: Record<DashboardMetric, string> = {
  registrations: '注册人数',
  posts: '发布所能所需',
  responses: '对接申请',
  resolved: '对接成功',
  contest_entries: '大赛报名',
  nominations: '举荐人数',
  shares: '分享次数',
  share_registrations: '分享带来注册',
}

/** Staff decisions the audit log records (server/src/modules/audit), and what they act on. */
export const AUDIT_ACTIONS = [
  'listing.approve',
  'listing.reject',
  /** Staff or the township's chair corrected the title of a need asked by voice (issue 13). */
  'listing.retitle',
  'verification.approve',
  'verification.reject',
  /** Someone opened a claim's proof photo (staff deciding it, or the applicant). */
  'verification.proof_view',
  /** The retention job erased a decided claim's proof photo (actor: none). */
  'verification.proof_erase',
  'contest.create',
  'contest.update',
  'contest.stage',
  'contest.publish_results',
  'entry.advance',
  'entry.award',
  'news.publish',
  'article.links',
  'target.set',
  'staff.grant',
  'staff.revoke',
  /** Staff appointed (or dismissed) a 科服保姆 of a county (issue 14). */
  'triage.appoint',
  'triage.dismiss',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]
export const AUDIT_TARGETS = ['listing', 'verification', 'contest', 'contest_entry', 'news_page', 'article', 'region', 'user'] as const
export type AuditTarget = (typeof AUDIT_TARGETS)[number]

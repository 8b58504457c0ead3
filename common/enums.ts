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

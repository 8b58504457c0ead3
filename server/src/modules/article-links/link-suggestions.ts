// Which product pages an imported article talks about, read from its words, so staff only have to
// accept or drop the buttons in the import preview. Pure: the caller passes the contests to point
// at (the open 乡土人才大赛 for 举荐, the latest 科创会), none of this reads the database.
//
// Rules, in the order the buttons appear (one suggestion per target at most):
//   天府科技云 / 注册              → register
//   科技所能所需 / 所需             → publish_need
//   科技所能 (without 所需)         → publish_offer (not 所能 alone: 竭尽所能 is common)
//   乡土人才 / 大赛 / 举荐           → contest_nominate of the open contest (none without one)
//   科创会                          → contest: the 科创会 itself (none without one)
//   科技成果                        → achievements
//   人才库                          → talents
import type { ArticleLinkTarget } from '../../../../common/enums'

export interface LinkContest {
  id: number
  name: string
}

export interface LinkContext {
  /** The 乡土人才大赛 open for sign-up and nominations now, if any. */
  openContest: LinkContest | null
  /** The latest 科创会, if any. */
  fair: LinkContest | null
}

export interface SuggestedLink {
  target: ArticleLinkTarget
  targetId: number | null
  label: string
  /** The words in the article that made the suggestion, shown to staff. */
  because: string
}

interface Rule {
  target: ArticleLinkTarget
  words: string[]
  /** Words that, when present, leave this rule to another one. */
  unless?: string[]
  contest?: (ctx: LinkContext) => LinkContest | null
  label: (contest: LinkContest | null) => string
}

const LABEL_MAX = 30
const cut = (s: string) => Array.from(s).slice(0, LABEL_MAX).join('')

const FIXED_LABELS: Record<Exclude<ArticleLinkTarget, 'contest' | 'studio' | 'listing'>, string> = {
  register: '注册天府科技云',
  publish_need: '发布科技所需',
  publish_offer: '发布科技所能',
  contest_nominate: '举荐乡土人才参赛',
  talents: '乡土人才库',
  achievements: '浏览科技成果',
}

/**
 * A link's button text when staff wrote none (also the suggestions' and the seed's): fixed per
 * target, or built from the name of what it points at (cut to LABEL_MAX characters).
 */
export function defaultLabel(target: ArticleLinkTarget, name: string): string {
  switch (target) {
    case 'contest':
      return cut(`了解${name}`)
    case 'studio':
      return cut(`${name}的科创工作室`)
    case 'listing':
      return cut(`查看：${name}`)
    default:
      return FIXED_LABELS[target]
  }
}

const fixed = (target: ArticleLinkTarget) => () => defaultLabel(target, '')

const RULES: Rule[] = [
  { target: 'register', words: ['天府科技云', '注册'], label: fixed('register') },
  { target: 'publish_need', words: ['科技所能所需', '所需'], label: fixed('publish_need') },
  { target: 'publish_offer', words: ['科技所能'], unless: ['所需'], label: fixed('publish_offer') },
  { target: 'contest_nominate', words: ['乡土人才', '大赛', '举荐'], contest: (c) => c.openContest, label: fixed('contest_nominate') },
  { target: 'contest', words: ['科创会'], contest: (c) => c.fair, label: (c) => defaultLabel('contest', c!.name) },
  { target: 'achievements', words: ['科技成果'], label: fixed('achievements') },
  { target: 'talents', words: ['人才库'], label: fixed('talents') },
]

/** Suggested links for one article (title, subtitle and body are all read). */
export function suggestLinks(
  article: { title: string; subtitle?: string | null; paragraphs: string[] },
  ctx: LinkContext,
): SuggestedLink[] {
  // NFKC folds full-width forms; whitespace is dropped so a word split by a column break still counts.
  const text = [article.title, article.subtitle ?? '', ...article.paragraphs].join('').normalize('NFKC').replace(/\s+/g, '')
  const out: SuggestedLink[] = []
  for (const rule of RULES) {
    if (rule.unless?.some((w) => text.includes(w))) continue
    const found = rule.words.filter((w) => text.includes(w))
    if (!found.length) continue
    const contest = rule.contest ? rule.contest(ctx) : null
    if (rule.contest && !contest) continue
    out.push({ target: rule.target, targetId: contest?.id ?? null, label: rule.label(contest), because: found.join('、') })
  }
  return out
}

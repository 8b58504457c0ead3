// The importer's link suggestions: which product pages an article's words point at.
import { suggestLinks, type LinkContext } from '../../server/src/modules/article-links/link-suggestions'
import { SEED_ARTICLES } from '../../server/src/seed/articles'

const CONTEST = { id: 7, name: '第七届四川省乡土人才创新创业大赛' }
const FAIR = { id: 9, name: '2023年四川科技成果转化交易会' }
const BOTH: LinkContext = { openContest: CONTEST, fair: FAIR }
const NONE: LinkContext = { openContest: null, fair: null }

const article = (...paragraphs: string[]) => ({ title: '测试', subtitle: null as string | null, paragraphs })
const targets = (a: ReturnType<typeof article>, ctx = BOTH) => suggestLinks(a, ctx).map((l) => (l.targetId ? `${l.target}:${l.targetId}` : l.target))

test('the seed 甘孜 training article: register, publish a need, nominate, the 科创会, achievements', () => {
  const ganzi = SEED_ARTICLES.find((a) => a.title.startsWith('甘孜县科协'))!
  const links = suggestLinks(ganzi, BOTH)
  expect(links.map((l) => [l.target, l.targetId, l.label])).toEqual([
    ['register', null, '注册天府科技云'],
    ['publish_need', null, '发布科技所需'],
    ['contest_nominate', 7, '举荐乡土人才参赛'],
    ['contest', 9, '了解2023年四川科技成果转化交易会'],
    ['achievements', null, '浏览科技成果'],
  ])
  // Staff see why each was suggested.
  expect(links[0].because).toBe('天府科技云、注册')
  expect(links[2].because).toBe('乡土人才、大赛、举荐')
})

test('each rule on its own words', () => {
  expect(targets(article('欢迎大家注册。'))).toEqual(['register'])
  expect(targets(article('平台名叫天府科技云。'))).toEqual(['register'])
  expect(targets(article('发布所需信息。'))).toEqual(['publish_need'])
  expect(targets(article('专家发布科技所能。'))).toEqual(['publish_offer'])
  expect(targets(article('举荐优秀人才。'))).toEqual(['contest_nominate:7'])
  expect(targets(article('参加大赛。'))).toEqual(['contest_nominate:7'])
  expect(targets(article('参加科创会。'))).toEqual(['contest:9'])
  expect(targets(article('转化科技成果。'))).toEqual(['achievements'])
  expect(targets(article('入选人才库。'))).toEqual(['talents'])
  expect(targets(article('今天天气晴朗，牦牛长势良好。'))).toEqual([])
})

test('科技所能所需 is a need (not also an offer); 所能 alone (竭尽所能) is nothing', () => {
  expect(targets(article('培训科技所能所需的发布。'))).toEqual(['publish_need'])
  expect(targets(article('我们将竭尽所能。'))).toEqual([])
})

test('contest suggestions need a contest to point at', () => {
  expect(targets(article('举荐乡土人才参加大赛和科创会。'), NONE)).toEqual([])
  expect(targets(article('举荐乡土人才参加大赛和科创会。'), { openContest: CONTEST, fair: null })).toEqual(['contest_nominate:7'])
})

test('the title and subtitle count; words split by a column break or written full-width still count', () => {
  expect(targets({ title: '天府科技云培训', subtitle: '举荐人才', paragraphs: ['正文。'] })).toEqual(['register', 'contest_nominate:7'])
  expect(targets(article('动员群众注', '册使用平台。'))).toEqual(['register'])
  expect(targets(article('科技成\n果转化'))).toEqual(['achievements'])
})

test('one suggestion per target, labels ≤ 30 characters', () => {
  const long = { id: 3, name: '二〇二三年四川省科技成果转化与产学研合作洽谈交易会暨第一届科创会' }
  const links = suggestLinks(article('注册注册注册，科创会，科创会。'), { openContest: null, fair: long })
  expect(links.map((l) => l.target)).toEqual(['register', 'contest'])
  expect(Array.from(links[1].label).length).toBeLessThanOrEqual(30)
})

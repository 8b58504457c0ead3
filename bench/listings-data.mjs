// Generated 科技所能所需 posts for bench/listings.mjs: realistic Chinese titles and descriptions
// about farming in Sichuan, built from word lists. Runs as a worker thread (one per core): it
// generates a batch of rows, segments them with the real searchTokens() from
// server/src/modules/listings/listings.search.ts and posts the rows back to the main thread,
// which inserts them. Deterministic: batch k always yields the same rows.
//
// 牦牛, 虫草, 青稞 are subjects of a few categories and a line that plateau posts sometimes add;
// 甘孜 comes with the place names of posts from 甘孜州. The bench prints how many posts contain each.
import { parentPort, workerData } from 'node:worker_threads'
import { tsImport } from 'tsx/esm/api'

/** mulberry32: small, fast, seedable. */
export function rng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const CATEGORIES = ['planting', 'breeding', 'veterinary', 'machinery', 'processing', 'ecommerce', 'health', 'ecology', 'it', 'other']
// Share of posts per category (sums to 1).
const CATEGORY_WEIGHTS = [0.22, 0.2, 0.1, 0.07, 0.09, 0.08, 0.06, 0.06, 0.05, 0.07]

/** Per category: subjects (what the post is about) and topics (what about it). */
const VOCAB = {
  planting: {
    subjects: ['青稞', '马铃薯', '玉米', '水稻', '小麦', '油菜', '茶叶', '花椒', '猕猴桃', '柑橘', '脐橙', '蜜柚', '核桃', '苹果', '葡萄', '辣椒', '大白菜', '羊肚菌', '川贝母', '魔芋', '大蒜', '草莓', '青稞', '中药材'],
    topics: ['病虫害防治', '新品种引进', '育苗技术', '测土配方施肥', '田间管理', '高产栽培', '冬季管护', '霜冻预防', '烂根问题', '产量低', '黄叶', '保花保果', '大棚种植', '轮作倒茬'],
  },
  breeding: {
    subjects: ['牦牛', '藏香猪', '黑山羊', '藏系绵羊', '生猪', '肉牛', '蛋鸡', '土鸡', '鸭子', '肉兔', '中蜂', '冷水鱼', '小龙虾', '犏牛'],
    topics: ['冬季补饲', '圈舍建设', '品种改良', '繁殖率低', '掉膘严重', '饲料配方', '育肥技术', '幼崽成活率', '暖棚养殖', '青贮饲料', '放牧管理', '防疫程序'],
  },
  veterinary: {
    subjects: ['口蹄疫', '包虫病', '非洲猪瘟', '禽流感', '寄生虫病', '布病', '乳房炎', '犊牛腹泻', '羊痘', '蜂螨'],
    topics: ['诊断', '预防接种', '驱虫', '治疗方案', '消毒', '检测', '隔离处置', '用药指导'],
  },
  machinery: {
    subjects: ['拖拉机', '旋耕机', '收割机', '植保无人机', '播种机', '烘干机', '微耕机', '滴灌设备', '挤奶机', '铡草机'],
    topics: ['维修保养', '操作培训', '配件采购', '租赁', '故障排除', '作业服务', '购机补贴'],
  },
  processing: {
    subjects: ['虫草', '牦牛肉干', '青稞酒', '酥油', '腊肉', '泡菜', '藏茶', '花椒油', '菜籽油', '核桃油', '虫草', '菌子干货', '牦牛奶'],
    topics: ['加工技术', '保鲜储存', '包装设计', '食品许可', '烘干工艺', '质量检测', '小作坊升级'],
  },
  ecommerce: {
    subjects: ['网店', '直播带货', '快递物流', '冷链运输', '农产品品牌', '短视频', '社区团购', '电商平台'],
    topics: ['开店指导', '拍摄剪辑', '销售渠道', '运营培训', '发货打包', '售后处理', '推广引流'],
  },
  health: {
    subjects: ['高血压', '糖尿病', '包虫病筛查', '儿童营养', '妇幼保健', '义诊', '急救培训', '高原病', '老人体检'],
    topics: ['健康讲座', '上门随访', '用药咨询', '康复指导', '预防知识', '远程问诊'],
  },
  ecology: {
    subjects: ['草原退化', '鼠害', '水土保持', '垃圾分类', '秸秆还田', '沼气池', '退耕还林', '污水处理', '河道治理', '虫草采挖区'],
    topics: ['治理方案', '技术指导', '监测', '宣传培训', '补种草籽', '生态修复'],
  },
  it: {
    subjects: ['手机拍照', '网络信号', '5G基站', '电脑', '小程序', '监控摄像头', '智能温室', '物联网', 'App', 'WiFi'],
    topics: ['安装调试', '使用培训', '故障维修', '数据上传', '远程控制', '系统开发'],
  },
  other: {
    subjects: ['农业保险', '小额贷款', '合作社', '职业技能', '劳务输出', '土地流转', '民宿', '乡村旅游', '农机合作社'],
    topics: ['政策咨询', '办理流程', '经验交流', '合作对接', '培训报名', '资料准备'],
  },
}

const NEED_TITLES = ['{s}{t}求助', '求{s}{t}方面的专家', '{s}{t}问题请教', '急！{s}{t}', '寻找{s}{t}技术', '{place}{s}{t}需要帮助']
const OFFER_TITLES = ['提供{s}{t}服务', '{s}{t}技术指导', '承接{s}{t}', '{s}{t}上门服务', '{place}{s}{t}经验分享', '免费{s}{t}培训']
const NEED_OPENINGS = ['我在{county}{township}，', '我们村在{county}{township}，', '家住{prefecture}{county}，', '{township}这边，']
const NEED_BODIES = [
  '家里有{n}亩{s}，今年{t}方面遇到了困难，自己摸索了很久没有效果。',
  '养了{n}头（只）{s}，最近{t}做得不好，损失不小，心里很着急。',
  '合作社主要做{s}，{t}一直是短板，想找懂行的老师来看看。',
  '今年第一次搞{s}，{t}完全不懂，希望有人指点一下。',
  '{s}的{t}问题已经两三年了，乡里的农技员也来看过，还是没解决。',
]
const OFFER_OPENINGS = ['本人在{county}农技站工作，', '我们是{prefecture}的{s}专业合作社，', '{county}畜牧兽医站，', '从事{s}工作{n}年，']
const OFFER_BODIES = [
  '熟悉{s}{t}，可以到现场查看并给出方案。',
  '能提供{s}{t}的技术服务和培训，{prefecture}范围内可以上门。',
  '有{s}{t}的成功经验，愿意和大家交流，费用可以商量。',
  '团队有{n}名技术员，专门做{s}{t}，节假日也可以联系。',
]
const EXTRAS = [
  '最好能上门看看，路费我们出。',
  '可以先电话沟通，晚上八点以后方便。',
  '冬季气温低，牲畜掉膘快，补饲跟不上。',
  '附近还有几户也有同样的问题，可以一起培训。',
  '高原上海拔三千多米，很多技术不太适用。',
  '微信同号，看到请回复。',
  '春耕前要解决，时间比较紧。',
  '村里的年轻人都出去打工了，留下的多是老人。',
  '去年遭了雹灾，今年想把损失补回来。',
  '我们这里交通不太方便，最近的乡镇要走一个小时。',
  '农忙过后才有时间。',
  '地里收完以后就空着，想种点别的。',
  '希望政府和专家多支持。',
  '可以提供食宿。',
]

/** Lines only posts from the plateau (阿坝, 甘孜) sometimes add. */
const PLATEAU_EXTRAS = ['虫草季节过后才有时间。', '青稞收完以后地就空着，想种点别的。', '牦牛和犏牛都有，一共六七十头。']

function pick(r, list) {
  return list[Math.floor(r() * list.length)]
}

function pickWeighted(r, list, weights) {
  let x = r()
  for (let i = 0; i < list.length; i++) {
    x -= weights[i]
    if (x < 0) return list[i]
  }
  return list[list.length - 1]
}

function fill(template, v) {
  return template.replace(/\{(\w+)\}/g, (_, k) => v[k])
}

/**
 * One post (without search tokens). `towns` is [[code, township, county, prefecture]].
 * Status: ~90 % published, the rest pending / rejected / closed / resolved.
 */
export function makePost(r, towns) {
  const category = pickWeighted(r, CATEGORIES, CATEGORY_WEIGHTS)
  const side = r() < 0.55 ? 'need' : 'offer'
  const vocab = VOCAB[category]
  const [code, township, county, prefecture] = pick(r, towns)
  const v = {
    s: pick(r, vocab.subjects),
    t: pick(r, vocab.topics),
    n: 2 + Math.floor(r() * 80),
    place: r() < 0.5 ? county.replace(/(藏族|彝族|羌族|自治)+县$/, '县') : '',
    township,
    county,
    prefecture,
  }
  const title = fill(pick(r, side === 'need' ? NEED_TITLES : OFFER_TITLES), v).slice(0, 40)
  let description = fill(pick(r, side === 'need' ? NEED_OPENINGS : OFFER_OPENINGS), v) + fill(pick(r, side === 'need' ? NEED_BODIES : OFFER_BODIES), v)
  const extras = Math.floor(r() * 4)
  for (let i = 0; i < extras; i++) description += pick(r, EXTRAS)
  if ((code.startsWith('5132') || code.startsWith('5133')) && r() < 0.1) description += pick(r, PLATEAU_EXTRAS)
  const x = r()
  const status = x < 0.9 ? 'published' : x < 0.94 ? 'pending' : x < 0.96 ? 'rejected' : x < 0.98 ? 'closed' : 'resolved'
  return { side, title, category, regionCode: code, description, status }
}

/**
 * Searches a crowd might type that were not typed a moment ago: every subject with every topic
 * of its category (牦牛冬季补饲, 青稞病虫害防治…), 1,000 and more, shuffled by `r` — what a bench
 * cycles over to measure a search no cache has answered.
 */
export function searchPhrases(r) {
  const phrases = []
  for (const { subjects, topics } of Object.values(VOCAB)) for (const s of new Set(subjects)) for (const t of topics) phrases.push(`${s}${t}`)
  return shuffle(r, phrases)
}

/** Every subject of every category (牦牛, 青稞, 虫草…) with its category, shuffled by `r`. */
export function searchSubjects(r) {
  const seen = new Map()
  for (const [category, { subjects }] of Object.entries(VOCAB)) for (const s of subjects) if (!seen.has(s)) seen.set(s, category)
  return shuffle(r, [...seen].map(([subject, category]) => ({ subject, category })))
}

/** Shuffles `list` in place by `r` (Fisher–Yates) and returns it. */
export function shuffle(r, list) {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1))
    ;[list[i], list[j]] = [list[j], list[i]]
  }
  return list
}

/** [[code, township, county, prefecture]] for every Sichuan township, from regions.data.ts. */
export async function loadTownships(base) {
  const regions = await tsImport('../server/src/modules/regions/regions.data.ts', base)
  const towns = []
  for (const p of regions.prefectures())
    for (const c of regions.countiesOf(p.code) ?? []) for (const t of regions.townshipsOf(c.code) ?? []) towns.push([t.code, t.name, c.name, p.name])
  return towns
}

// ---- worker ----
if (parentPort && workerData?.role === 'seed') {
  const { searchTokens } = await tsImport('../server/src/modules/listings/listings.search.ts', import.meta.url)
  const towns = await loadTownships(import.meta.url)
  const { batchSize, users, startMs } = workerData
  parentPort.on('message', (msg) => {
    if (msg === 'exit') process.exit(0)
    const { batch, firstId, count } = msg
    const r = rng(0x5eed + batch * 7919)
    const rows = new Array(count)
    for (let i = 0; i < count; i++) {
      const id = firstId + i
      const p = makePost(r, towns)
      // One post a minute or so, ids in time order.
      const created = new Date(startMs + id * 60_000).toISOString()
      rows[i] = [
        id,
        p.side,
        p.title,
        p.category,
        p.regionCode,
        p.description,
        1 + Math.floor(r() * users),
        p.status,
        searchTokens(p.title, p.description),
        `seed-${id}`,
        created,
        p.status === 'pending' ? null : created,
      ]
    }
    parentPort.postMessage({ batch, rows })
  })
  parentPort.postMessage({ ready: true, batchSize })
}

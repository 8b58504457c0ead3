import type { AchievementStage, Category, ListingSide, TransferMode } from '../../../common/enums'

// Demo posts for development and the demo (npm start): what a herder, a township chair and an
// expert in this product would really write. Published, so the feed and matching have content.
export interface DemoListing {
  author: string // DemoUser.userKey
  side: ListingSide
  title: string
  category: Category
  regionCode: string
  description: string
  contact: { name: string; phone: string; note?: string }
  proxy?: { name: string; phone: string }
  /** A 科技成果 (kind 'achievement', side 'offer'). */
  achievement?: { stage: AchievementStage; transferMode: TransferMode; patentNo: string | null; institution: string }
}

export const DEMO_LISTINGS: DemoListing[] = [
  {
    author: 'chair-ganzi',
    side: 'need',
    title: '牦牛冬季掉膘严重，求补饲技术指导',
    category: 'breeding',
    regionCode: '513328100',
    description: '村里三十多户养牦牛，每年冬春草场枯黄，牦牛掉膘厉害，小牛成活率低。想请专家来讲讲冬季补饲怎么配料、青稞秸秆怎么加工，最好能现场指导。',
    contact: { name: '格桑', phone: '13800001001', note: '白天在乡政府' },
    proxy: { name: '扎西多吉', phone: '13800001002' },
  },
  {
    author: 'farmer-zhaxi',
    side: 'need',
    title: '青稞种植想换新品种，哪里能买到',
    category: 'planting',
    regionCode: '513328200',
    description: '家里种了二十亩青稞，老品种产量低还容易倒伏。听说有抗倒伏的新品种，想知道适不适合我们这里的海拔，哪里能买到种子。',
    contact: { name: '扎西', phone: '13800001003' },
  },
  {
    author: 'expert-li',
    side: 'offer',
    title: '高原牦牛科学养殖与冬春补饲技术服务',
    category: 'breeding',
    regionCode: '510104022',
    description: '从事牦牛营养与饲养研究十余年，可提供冬春补饲配方设计、青稞秸秆青贮与氨化处理、犊牛培育等技术指导，可线上答疑，也可到甘孜、阿坝等地现场培训。',
    contact: { name: '李建国', phone: '13900002001', note: '工作日可电话联系' },
  },
  {
    author: 'expert-li',
    side: 'offer',
    title: '虫草采挖后草场保护与生态修复咨询',
    category: 'ecology',
    regionCode: '510104022',
    description: '可为乡镇提供虫草采挖季草场保护方案、退化草地补播改良技术咨询，帮助村集体制定采挖管理办法。',
    contact: { name: '李建国', phone: '13900002001' },
  },
  {
    author: 'expert-li',
    side: 'offer',
    title: '牦牛冬季全混合日粮（TMR）补饲技术',
    category: 'breeding',
    regionCode: '510104022',
    description: '以青稞秸秆、燕麦草为主料，配合精料与舔砖的冬春补饲日粮配方及加工工艺。在高原牧区示范应用，冬季牦牛掉膘明显减少，犊牛成活率提高。可技术许可，也可与合作社合作推广。',
    contact: { name: '李建国', phone: '13900002001' },
    achievement: { stage: 'pilot', transferMode: 'license', patentNo: 'ZL202110123456.7', institution: '四川省草原科学研究院' },
  },
  {
    author: 'volunteer-lan',
    side: 'need',
    title: '村里合作社想学电商直播卖牦牛肉干',
    category: 'ecommerce',
    regionCode: '513328102',
    description: '合作社做了牦牛肉干和酥油，产品不错但只能在县城卖。想找懂电商直播的老师教大家开网店、拍短视频，把产品卖到成都和外省。',
    contact: { name: '兰梅', phone: '13800001004' },
  },
]

import { CONTEST_CATEGORIES, PRIVACY_VERSION } from '../../../common/enums'
import { chinaMidnightAfter } from '../../../common/china-time'
import type { Db } from '../db/database'
import { findUserByOpenid, insertUser } from '../modules/users/users.repository'
import { devOpenid } from './demo-users'

// Demo contests: the 7th 乡土人才创新创业大赛 open for sign-up (so chair-ganzi can 举荐 and anyone can
// sign up), the finished 6th with its finalists and awards (so the 乡土人才库 has people in it), and
// a 科创会 in its preliminary round. Deadlines of the open ones are relative to the day of seeding
// and fall on China-time midnights, as real ones do.
//
// The 6th's finalists are demo people in real Sichuan townships outside 甘孜县 (whose numbers the
// chair's and dashboard demos show). Their openids are not 'dev:' ones, so nobody signs in as them.
// Vote counts stand for the online vote of that edition; there are no vote rows behind them.
// Idempotent: each contest is looked up by name, each person by openid.

const DAY = 86_400_000
/** The 7th 乡土人才创新创业大赛, open for sign-up (the seeded article's 举荐 button points at it). */
export const SEED_CONTEST_NAME = '第七届四川省乡土人才创新创业大赛'
const DEMO_TALENT_PREFIX = 'demo:talent-'

const PROVINCE_ORGANISER = '四川省科学技术协会'

const RULES_CONTEST =
  '一、参赛对象：在川从事农业生产、农产品加工、乡村手工艺等的土专家、田秀才、种养殖能手、致富带头人。\n' +
  '二、参赛方式：本人线上报名，或由乡镇科协举荐、本人确认。\n' +
  '三、赛程：报名 → 初赛（县、市州组织）→ 复赛 → 决赛（现场展示与答辩）。\n' +
  '四、奖项：金奖、银奖、铜奖、优胜奖，另设网络投票“最受欢迎奖”。决赛选手入选四川省农村乡土人才库。'

interface DemoTalent {
  key: string
  nickname: string
  regionCode: string
  entry: { title: string; category: string; description: string; years: number; award: string | null; awardName?: string; votes: number }
}

/** Finalists of the 6th (2025). */
const SIXTH_FINALISTS: DemoTalent[] = [
  {
    key: 'zeren',
    nickname: '泽仁多吉',
    regionCode: '513334101', // 甘孜州理塘县甲洼镇
    entry: {
      title: '高原牦牛半舍饲越冬技术',
      category: 'breeding',
      description: '在海拔四千米的牧场摸索出牦牛冬春半舍饲办法：暖棚加青稞秸秆青贮补饲，犊牛成活率从七成提高到九成以上，带动周边四十多户牧民。',
      years: 18,
      award: 'gold',
      votes: 1260,
    },
  },
  {
    key: 'wangxiuying',
    nickname: '王秀英',
    regionCode: '511823101', // 雅安市汉源县九襄镇
    entry: {
      title: '汉源花椒矮化密植与烘干',
      category: 'planting',
      description: '把老椒园改成矮化密植，采摘省工一半；自建小型烘干房，雨季采收不再霉变，合作社花椒卖上了好价钱。',
      years: 22,
      award: 'silver',
      votes: 980,
    },
  },
  {
    key: 'amu',
    nickname: '阿木日哈',
    regionCode: '513431102', // 凉山州昭觉县竹核镇
    entry: {
      title: '高寒山区马铃薯脱毒种薯扩繁',
      category: 'extension',
      description: '在村里建起脱毒种薯扩繁网棚，手把手教乡亲换种、起垄、防晚疫病，全村马铃薯亩产提高三成。',
      years: 12,
      award: 'bronze',
      votes: 1105,
    },
  },
  {
    key: 'lideming',
    nickname: '李德明',
    regionCode: '510824102', // 广元市苍溪县云峰镇
    entry: {
      title: '红心猕猴桃溃疡病绿色防控',
      category: 'planting',
      description: '总结出红心猕猴桃溃疡病“冬剪清园、伤口保护、生物菌剂”三步防控法，农药用量减少四成，带着村里开网店卖果。',
      years: 15,
      award: 'excellence',
      votes: 1530,
    },
  },
  {
    key: 'zhangguifang',
    nickname: '张桂芳',
    regionCode: '511424106', // 眉山市丹棱县杨场镇
    entry: {
      title: '丹棱不知火柑橘电商直供',
      category: 'ecommerce',
      description: '组织四十户果农统一分级、统一包装，通过直播和社区团购直供城市家庭，每斤多卖一块五。',
      years: 9,
      award: 'excellence',
      votes: 870,
    },
  },
  {
    key: 'yangxiaoyan',
    nickname: '杨晓燕',
    regionCode: '513233100', // 阿坝州红原县邛溪镇
    entry: {
      title: '牦牛奶传统酸奶小作坊标准化',
      category: 'processing',
      description: '把家传的牦牛酸奶做法写成操作规程，改造作坊取得小作坊登记证，带动十几名牧民妇女就业。',
      years: 11,
      award: 'other',
      awardName: '最佳创意奖',
      votes: 640,
    },
  },
]

/** Entrants of the 6th who stopped at the semifinal (in the records, not in the talent pool). */
const SIXTH_SEMIFINALISTS: DemoTalent[] = [
  {
    key: 'luorong',
    nickname: '洛绒',
    regionCode: '513334100', // 理塘县高城镇
    entry: {
      title: '藏式木雕传统技艺传承',
      category: 'crafts',
      description: '跟随父辈学习藏式木雕三十年，开办家庭作坊，带徒弟八人，作品在景区销售。',
      years: 30,
      award: null,
      votes: 0,
    },
  },
]

async function demoPerson(db: Db, t: DemoTalent, registeredAt: string): Promise<number> {
  const openid = `${DEMO_TALENT_PREFIX}${t.key}`
  const existing = await findUserByOpenid(db, openid)
  if (existing) return existing.id
  const row = await insertUser(db, {
    openid,
    nickname: t.nickname,
    role: 'farmer',
    region_code: t.regionCode,
    consent_version: PRIVACY_VERSION,
    consent_at: registeredAt,
    registered_at: registeredAt,
    created_at: registeredAt,
    updated_at: registeredAt,
  })
  return row.id
}

async function contestId(db: Db, name: string): Promise<number | undefined> {
  return (await db.selectFrom('contests').select('id').where('name', '=', name).orderBy('id').executeTakeFirst())?.id
}

/** Adds the demo contests that are missing; returns how many were added. */
export async function seedDemoContests(db: Db, now: Date): Promise<number> {
  const staff = await findUserByOpenid(db, devOpenid('staff-sc'))
  if (!staff) return 0
  let added = 0
  await db.transaction().execute(async (trx) => {
    const at = now.toISOString()
    const base = { organiser: PROVINCE_ORGANISER, level: 'province', region_code: '51', created_by: staff.id, created_at: at, updated_at: at }

    const seventh = SEED_CONTEST_NAME
    if (!(await contestId(trx, seventh))) {
      await trx
        .insertInto('contests')
        .values({
          ...base,
          kind: 'contest',
          name: seventh,
          categories: JSON.stringify(CONTEST_CATEGORIES),
          description:
            '第七届四川省乡土人才创新创业大赛由四川省科协主办，面向全省土专家、田秀才、种养殖能手和致富带头人。' +
            '可以本人在线报名，也可以由乡镇科协主席举荐。决赛选手入选四川省农村乡土人才库。',
          rules: RULES_CONTEST,
          stage: 'signup',
          signup_ends_at: chinaMidnightAfter(now, 30),
          preliminary_ends_at: chinaMidnightAfter(now, 75),
          semifinal_ends_at: chinaMidnightAfter(now, 120),
          final_ends_at: chinaMidnightAfter(now, 150),
        })
        .execute()
      added++
    }

    const sixth = '第六届四川省乡土人才创新创业大赛'
    if (!(await contestId(trx, sixth))) {
      const contest = await trx
        .insertInto('contests')
        .values({
          ...base,
          kind: 'contest',
          name: sixth,
          categories: JSON.stringify(CONTEST_CATEGORIES),
          description: '第六届大赛共有来自全省 21 个市州的 461 名选手报名，经初赛、复赛，决赛选手现场展示了各自的绝活和致富项目。',
          rules: RULES_CONTEST,
          stage: 'finished',
          signup_ends_at: '2025-05-31T16:00:00.000Z',
          preliminary_ends_at: '2025-07-31T16:00:00.000Z',
          semifinal_ends_at: '2025-09-30T16:00:00.000Z',
          final_ends_at: '2025-11-20T16:00:00.000Z',
          results_published_at: '2025-11-28T02:00:00.000Z',
          created_at: '2025-04-01T02:00:00.000Z',
          updated_at: '2025-11-28T02:00:00.000Z',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const entrants = [...SIXTH_FINALISTS.map((t) => [t, 'final'] as const), ...SIXTH_SEMIFINALISTS.map((t) => [t, 'semifinal'] as const)]
      const topVotes = Math.max(...SIXTH_FINALISTS.map((t) => t.entry.votes))
      for (const [i, [t, stage]] of entrants.entries()) {
        const enteredAt = new Date(Date.parse('2025-05-06T02:00:00.000Z') + i * 2 * DAY).toISOString()
        const userId = await demoPerson(trx, t, enteredAt)
        await trx
          .insertInto('contest_entries')
          .values({
            contest_id: contest.id,
            user_id: userId,
            source: 'self',
            title: t.entry.title,
            category: t.entry.category,
            description: t.entry.description,
            years_experience: t.entry.years,
            region_code: t.regionCode,
            stage_reached: stage,
            award: t.entry.award,
            award_name: t.entry.awardName ?? null,
            popular_award: stage === 'final' && t.entry.votes === topVotes ? 1 : 0,
            vote_count: t.entry.votes,
            check_suggest: 'pass',
            created_at: enteredAt,
            updated_at: '2025-11-28T02:00:00.000Z',
          })
          .execute()
      }
      added++
    }

    const fair = '2026四川科创会'
    if (!(await contestId(trx, fair))) {
      await trx
        .insertInto('contests')
        .values({
          ...base,
          kind: 'fair',
          name: fair,
          organiser: '四川省科学技术协会、四川省农业农村厅',
          categories: JSON.stringify(['planting', 'breeding', 'extension', 'processing', 'other']),
          description:
            '科创会征集可推广的技术、可转化的成果和待解决的难题，组织专家评审后对接到县乡。2023 年科创会共征集 7201 个项目，遴选 5740 个。',
          rules: '一、征集内容：技术推广、成果转化、难题攻关三类项目。\n二、评审：初审（市州）→ 复审 → 终审，终审项目现场路演。\n三、入选项目在天府科技云发布，供县乡对接。',
          stage: 'preliminary',
          signup_ends_at: chinaMidnightAfter(now, -10),
          preliminary_ends_at: chinaMidnightAfter(now, 20),
          semifinal_ends_at: chinaMidnightAfter(now, 50),
          final_ends_at: chinaMidnightAfter(now, 80),
        })
        .execute()
      added++
    }
  })
  return added
}

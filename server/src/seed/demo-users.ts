import type { Role } from '../../../common/enums'

// Demo people for development and the H5 demo login. Their openids use a 'dev:' prefix that
// real WeChat openids never have, so they cannot collide with real accounts.
export interface DemoUser {
  userKey: string
  label: string
  nickname: string
  role: Role
  regionCode: string
  isStaff?: boolean
  verification?: 'none' | 'pending' | 'verified'
  /** For a verified 科技工作者: what staff verified. */
  institution?: string
  title?: string
  /** A phone bound as WeChat would vouch for it (the H5 demo cannot bind one): staff appoint 科服保姆 by it. */
  phone?: string
}

export const DEMO_USERS: DemoUser[] = [
  { userKey: 'farmer-zhaxi', label: '扎西（农牧民，甘孜县呷拉乡）', nickname: '扎西', role: 'farmer', regionCode: '513328200' },
  {
    userKey: 'chair-ganzi',
    label: '格桑（乡镇科协主席，甘孜县甘孜镇，已认证）',
    nickname: '格桑',
    role: 'chair',
    regionCode: '513328100',
    verification: 'verified',
    phone: '13800000188',
  },
  { userKey: 'volunteer-lan', label: '兰梅（科普志愿者，甘孜县来马镇）', nickname: '兰梅', role: 'volunteer', regionCode: '513328102' },
  {
    userKey: 'expert-li',
    label: '李教授（科技工作者，成都市锦江区春熙路街道，已认证）',
    nickname: '李建国',
    role: 'expert',
    regionCode: '510104022',
    verification: 'verified',
    institution: '四川省草原科学研究院',
    title: '研究员',
  },
  {
    userKey: 'staff-sc',
    label: '省科协工作人员（成都市锦江区）',
    nickname: '省科协小王',
    role: 'other',
    regionCode: '510104022',
    isStaff: true,
  },
]

export function devOpenid(userKey: string): string {
  return `dev:${userKey}`
}

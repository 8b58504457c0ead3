import type { Profile } from '../../common/schemas/users'

// A chair's claim counts once staff verified it: only then may they 代发 for their township,
// 举荐 its people, see its 数据看板 and 我的举荐. This only decides what the app offers; the
// server decides what is allowed (it also checks the profile's township exists).
export function isVerifiedChair(user: Profile | null | undefined): boolean {
  return user?.role === 'chair' && user.verification === 'verified'
}

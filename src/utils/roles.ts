import type { Profile } from '../../common/schemas/users'

// A chair's claim counts once staff verified it: only then may they 代发 for their township,
// 举荐 its people, see its 数据看板 and 我的举荐. The server checks the same again; this only
// decides what the app offers.
export function isVerifiedChair(user: Profile | null | undefined): boolean {
  return user?.role === 'chair' && user.verification === 'verified'
}

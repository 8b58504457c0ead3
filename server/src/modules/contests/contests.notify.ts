import { notify, type NotifyDeps } from '../notifications/notifications.service'

// Subscribe messages for contests. There is no contest template in the configuration yet; the
// 审核结果 ('review') template — thing1 item, phrase2 result (≤ 5 characters), thing3 note — fits
// "you were nominated / advanced / won" the same way verifications reuse it for 身份认证. When a
// dedicated template is configured, only this file changes. A refusal (the person never
// subscribed, 43101) is logged by notify() and never fails the action.

const detailPage = (contestId: number) => `packages/contests/detail/index?id=${contestId}`

export function notifyNominated(deps: NotifyDeps, userId: number, contest: { id: number; name: string }, nominatorTownship: string) {
  return notify(deps, userId, 'review', 'packages/contests/received/index', {
    thing1: contest.name,
    phrase2: '被举荐',
    thing3: `${nominatorTownship}科协举荐您参赛，请确认`,
  })
}

export function notifyAdvanced(deps: NotifyDeps, userId: number, contest: { id: number; name: string }, stageLabel: string) {
  return notify(deps, userId, 'review', detailPage(contest.id), { thing1: contest.name, phrase2: '已晋级', thing3: `恭喜进入${stageLabel}` })
}

export function notifyAwarded(deps: NotifyDeps, userId: number, contest: { id: number; name: string }, awards: string) {
  return notify(deps, userId, 'review', detailPage(contest.id), { thing1: contest.name, phrase2: '获奖', thing3: `恭喜获得${awards}` })
}

/** One contest's 大赛管理 page (stage, entrants, awards); without an id, the 新建比赛 form. */
export const staffContestPath = (id?: number) => `/packages/staff/contests/manage/index${id ? `?id=${id}` : ''}`

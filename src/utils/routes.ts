// Pages other pages send people to. One place, so a moved page is one edit.

/** 微信一键登录: where anyone signed out is sent. */
export const LOGIN_URL = '/packages/account/login/index'
/** 完善资料 (nickname and township): what posting, signing up and 举荐 need first. */
export const PROFILE_URL = '/packages/account/profile/index'

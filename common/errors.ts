// Stable error codes shared by server and app. The server always answers an error as
// { code, message } where message is the Chinese text below; the app shows the message and
// branches on the code. Never rename a code: clients in the field depend on it.
export const ERROR_MESSAGES = {
  VALIDATION_FAILED: '填写的内容有误，请检查后再试',
  NOT_FOUND: '找不到您要的内容',
  AUTH_REQUIRED: '请先登录',
  SESSION_EXPIRED: '登录已过期，请重新登录',
  FORBIDDEN: '您没有权限进行此操作',
  CONSENT_REQUIRED: '请先阅读并同意隐私保护指引',
  AUTH_CODE_INVALID: '微信登录凭证无效或已过期，请重新登录',
  DEV_LOGIN_DISABLED: '演示登录仅在开发环境可用，请在微信中打开',
  PROFILE_INCOMPLETE: '请先完善个人资料',
  NICKNAME_INVALID: '昵称需为 1–20 个字',
  CONTENT_RISKY: '内容含有不适宜发布的信息，请修改后再试',
  REGION_INVALID: '请选择四川省内的乡镇（街道）',
  ROLE_INVALID: '请选择有效的身份',
  PHONE_CODE_INVALID: '获取手机号失败，请重试',
  SUBSCRIBE_REFUSED: '用户未订阅该消息',
  IMAGE_INVALID: '图片格式不支持或已损坏，请换一张',
  IMAGE_TOO_LARGE: '图片太大，请选择 10MB 以内的图片',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  PAYLOAD_TOO_LARGE: '提交的内容太大',
  WECHAT_UNAVAILABLE: '微信服务暂时不可用，请稍后再试',
  INTERNAL_ERROR: '服务器开小差了，请稍后再试',
  NETWORK_OFFLINE: '网络未连接，请检查网络后重试',
  NETWORK_TIMEOUT: '网络不稳定，请求超时，请重试',
} as const

export type ErrorCode = keyof typeof ERROR_MESSAGES

export interface ApiError {
  code: ErrorCode
  message: string
  /** Which fields were wrong, for forms: path → Chinese message. */
  fields?: Record<string, string>
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, value)
}

export function errorMessage(code: ErrorCode): string {
  return ERROR_MESSAGES[code]
}

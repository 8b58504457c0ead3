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
  NICKNAME_INVALID: '昵称须为 1–20 个字',
  CONTENT_RISKY: '内容含有不适宜发布的信息，请修改后再试',
  REGION_INVALID: '请选择四川省内的乡镇（街道）',
  ROLE_INVALID: '请选择有效的身份',
  PHONE_CODE_INVALID: '获取手机号失败，请重试',
  SUBSCRIBE_REFUSED: '用户未订阅该消息',
  IMAGE_INVALID: '图片格式不支持或已损坏，请换一张',
  IMAGE_TOO_LARGE: '图片太大，请选择 10MB 以内的图片',
  IMAGE_TOO_MANY_PIXELS: '图片尺寸太大（超过 5000 万像素），请换一张或截图后再传',
  VOICE_INVALID: '语音文件无法识别，请重新录一段',
  VOICE_TOO_SHORT: '说话时间太短，请按住多说一会儿（至少 1 秒）',
  VOICE_TOO_LONG: '语音太长，最多 60 秒',
  VOICE_TOO_LARGE: '语音文件太大（最多 1MB），请重新录一段',
  VOICE_NOT_USABLE: '语音不存在或已被使用，请重新录一段',
  LISTING_NOT_EDITABLE: '这条信息当前不能修改',
  LISTING_NOT_OPEN: '这条信息已关闭或已解决，不能再对接',
  CATEGORY_INVALID: '请选择有效的分类',
  PHOTO_LIMIT: '最多上传 9 张照片',
  PHOTO_INVALID: '照片不存在或已被使用，请重新上传',
  IDEMPOTENCY_KEY_INVALID: '提交标识无效，请刷新后重试',
  PROXY_NOT_ALLOWED: '只有经认证的乡镇科协主席可以代发',
  PROXY_REGION: '只能为本乡镇的群众代发',
  PROXY_CONSENT_REQUIRED: '代发前请确认已取得本人同意',
  PHONE_INVALID: '请填写正确的 11 位手机号',
  RESPOND_OWN_LISTING: '不能对接自己发布的信息',
  ALREADY_RESPONDED: '您已申请过对接，请等待对方回复',
  RESPONSE_NOT_ACCEPTED: '对接尚未被接受',
  NOTHING_ACCEPTED: '请先接受至少一个对接，再标记为已解决',
  ALREADY_REVIEWED: '这条信息已被处理',
  VERIFICATION_PENDING: '认证申请正在审核中',
  VERIFICATION_NOT_NEEDED: '该身份不需要认证',
  FEEDBACK_EXISTS: '您已评价过',
  PATENT_NO_INVALID: '专利号或登记号格式不正确，例如 ZL202110123456.7',
  ACHIEVEMENT_FIELDS_REQUIRED: '请填写成果的阶段、转化方式和所属单位',
  ACHIEVEMENT_NOT_EXPERT: '只有科技工作者可以发布科技成果',
  VERIFICATION_DETAILS_REQUIRED: '请补全认证资料和证明照片',
  NOT_A_STUDIO: '该用户还没有科创工作室',
  STUDIO_NOT_EXPERT: '只有科技工作者可以编辑科创工作室',
  ASK_NOT_AN_EXPERT: '只能向科技工作者提问',
  SIGNUP_CLOSED: '报名已截止或尚未开始',
  ALREADY_ENTERED: '已报名这项比赛，不能重复报名',
  NOMINATION_NOT_ALLOWED: '只有经认证的乡镇科协主席可以举荐人才',
  NOMINATION_REGION: '只能举荐本乡镇的人才',
  ALREADY_NOMINATED: '这位人才已被举荐参加本次比赛',
  NOMINATION_NOT_PENDING: '这条举荐已处理，不能再操作',
  STAGE_ORDER: '比赛阶段只能依次推进到下一阶段',
  CONTEST_DATES_ORDER: '各阶段截止时间须依次靠后',
  ENTRY_NOT_IN_PREVIOUS_STAGE: '只能晋级上一阶段的选手',
  AWARD_NOT_FINALIST: '只能为决赛选手评奖',
  RESULTS_NOT_PUBLISHED: '比赛结果尚未公布',
  RESULTS_PUBLISHED: '比赛结果已公布，不能再晋级选手或修改奖项',
  VOTE_CLOSED: '投票未开始或已结束',
  VOTE_NOT_FINALIST: '只能为决赛选手投票',
  ALREADY_VOTED: '您已在本次比赛投过票',
  VOTE_OWN_ENTRY: '不能给自己投票',
  MONTH_RANGE_INVALID: '起止月份有误：开始月份不能晚于结束月份，最多 24 个月',
  LINK_TARGET_ID_REQUIRED: '请填写要链接的比赛、工作室或信息的编号',
  LINK_TARGET_NOT_FOUND: '要链接的比赛、工作室或信息不存在，请检查编号',
  LINK_DUPLICATE: '同一个链接不能添加两次',
  SHARE_NOT_FOUND: '分享链接无效或已失效',
  SHARE_TARGET_NOT_FOUND: '要分享的内容不存在或尚未公开',
  URL_INVALID: '链接须以 http:// 或 https:// 开头，请检查后再试',
  CURSOR_INVALID: '翻页位置无效，请刷新列表后重试',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  PENDING_LIMIT: '您有太多信息正在等待审核，请等审核后再发布',
  SERVICE_UNAVAILABLE: '服务正在恢复，请稍后再试',
  ASSIGNEE_NOT_EXPERT: '只能指派经认证的科技工作者',
  TRIAGE_CLOSED: '这条需求已有人接手或已解决，不在分诊中',
  ASSIGNMENT_CLOSED: '这次指派已经回复、婉拒或逾期',
  FOLLOWUP_NOT_ASKED: '现在没有需要回答的回访',
  KEEPER_IS_FARMER: '对方的身份是农牧民，请让对方先在“我的 → 编辑资料”里把身份改为科普志愿者，再任命为科服保姆',
  KEEPER_NOT_FOUND: '没有找到用这个手机号注册的用户，请让对方先在小程序里注册并绑定手机号',
  PAYLOAD_TOO_LARGE: '提交的内容太大',
  BAD_REQUEST: '请求格式不正确，请更新小程序或刷新页面后重试',
  METHOD_NOT_ALLOWED: '不支持这种请求方式',
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

import { ERROR_MESSAGES, type ErrorCode } from '../errors'

// The Chinese catalog: every user-facing string of the farmer's and herder's path, once. Pages never
// write these words themselves; they ask `t('key')` (src/i18n). The Tibetan catalog (bo.ts) holds the
// same keys with the Chinese each was translated from and a note for the translator; the app never
// imports it (the server serves it, src/i18n fetches it when Tibetan is chosen).
//
// Keys: `area.what`, flat (a CSV row each); `{{name}}` marks a value filled in at run time.

const strings = {
  // ── language choice (first open, and under 我的) ──
  'lang.title': '语言',
  'lang.choose': '请选择语言',
  'lang.zh': '中文',
  'lang.bo': 'བོད་ཡིག',
  'lang.loading': '正在下载藏文…',
  'lang.load_failed': '藏文下载失败，请联网后再选',
  'lang.confirm': '确定',

  // ── every page's frame ──
  'shell.offline': '网络未连接，已填写的内容会为您保留',
  'shell.app_name': '天府科技云',
  'common.check_input': '填写的内容有误，请检查后再试',
  // Added to an error when the server says how long to wait (services/http.ts).
  'retry.seconds': '（请 {{n}} 秒后再试）',
  'retry.minutes': '（约 {{n}} 分钟后可再试）',

  // ── H5: a page whose code could not be downloaded (utils/page-code.ts) ──
  'pagecode.title': '网络不通，页面没有打开',
  'pagecode.text': '请检查手机网络。联网后会自动打开，也可以点“重试”。',
  'pagecode.retry': '重试',
  'pagecode.opening': '正在打开…',
  'pagecode.tap_again': '页面没有打开，请再点一次',
  'pagecode.offline_tap_again': '网络不通，请联网后再点一次',

  // ── an article's buttons ──
  'article.registered_link': '您已注册 · 查看我的',

  // ── 待发送 (services/outbox.ts) and offline reading (services/offline-cache.ts) ──
  'outbox.pending_tag': '待发送',
  'outbox.failed_tag': '没有发出',
  'outbox.banner': '{{n}} 条待发送，联网后自动发送',
  'outbox.banner_failed': '{{n}} 条没有发出，请点开查看',
  'outbox.section': '待发送',
  'outbox.hint': '没有网络时提交的内容保存在手机上，联网后自动发送，只发一次。',
  'outbox.queued_title': '已保存，联网后自动发送',
  'outbox.queued_text': '现在没有网络。这条信息已保存在手机上，显示为“待发送”；有网络时会自动发出，只发一次，关掉小程序也不会丢。可以在“我的发布”里看到它。',
  'outbox.queued_short': '没有网络，已保存，联网后自动发送',
  'outbox.photos_wait': '照片要联网才能上传。没有网络时可以先提交文字，联网后自动发送；照片可以以后修改时再补。',
  'outbox.delete': '删除',
  'outbox.delete_confirm': '删除后这条内容不会再发送，确定删除吗？',
  'outbox.cancel': '取消',
  'outbox.revise': '修改',
  'outbox.kind.publish': '发布需求',
  'outbox.kind.respond': '申请对接',
  'outbox.kind.accept': '接受对接',
  'outbox.kind.feedback': '评价',
  'outbox.kind.signup': '大赛报名',
  'offline.mark': '离线内容 · 更新于 {{time}}',
  'saver.label': '省流量',
  'saver.hint': '列表只显示小图，点开再看大图',
  'saver.tap_full': '点击看大图',

  // ── voice notes (components/voice-recorder) ──
  'voice.hold': '按住说话',
  'voice.release_to_stop': '松开结束',
  'voice.tap_to_stop': '正在录音，再点一下结束',
  'voice.stop': '结束录音',
  'voice.starting': '正在打开麦克风…',
  'voice.seconds_left': '还能说 {{s}} 秒',
  'voice.hint': '按住说话，松开结束；也可以点一下开始，再点一下结束。最长 60 秒。',
  'voice.too_short': '说话时间太短，请多说一会儿',
  'voice.record_failed': '录音失败，请再试一次',
  'voice.no_mic': '这台手机不能录音',
  'voice.mic_title': '需要使用麦克风',
  'voice.mic_denied': '没有麦克风权限，不能录音。请在设置里允许使用麦克风，再回来录。',
  'voice.open_settings': '去设置',
  'voice.ok': '知道了',
  'voice.cancel': '取消',
  'voice.uploading': '正在上传 {{p}}%',
  'voice.uploaded': '语音已上传',
  'voice.wait_network': '没有网络，联网后自动上传语音',
  'voice.retry': '重新上传',
  'voice.rerecord': '重录',
  'voice.busy': '语音还在上传，请稍候再提交',
  'voice.field': '语音（可以不打字，直接说）',
  'voice.title_from_category': '已录语音：标题和说明可以不填，会用分类作标题',
  'voice.respond_field': '也可以说一段语音',
  'voice.in_post': '语音',

  // ── post categories, by their picture (src/assets/categories) ──
  'category.planting': '种植',
  'category.breeding': '养殖',
  'category.veterinary': '畜牧兽医',
  'category.machinery': '农机',
  'category.processing': '农产品加工',
  'category.ecommerce': '电商',
  'category.health': '医疗卫生',
  'category.ecology': '生态环保',
  'category.it': '信息技术',
  'category.other': '其他',

  // ── 拍照/语音求助 (packages/listings/quick-ask) ──
  'title.quick_ask': '拍照/语音求助',
  'quickask.entry': '拍照/语音求助',
  'quickask.entry_hint': '拍张照，说句话，就能求助',
  'quickask.photo': '拍照',
  'quickask.photo_hint': '拍下问题（可不拍）',
  'quickask.photo_uploading': '照片上传中 {{p}}%',
  'quickask.photo_remove': '删除照片',
  'quickask.voice': '说说遇到了什么问题',
  'quickask.category': '点一下问题的种类',
  'quickask.where': '发到您所在的乡镇：',
  'quickask.send': '发送',
  'quickask.need_voice': '请先说一段语音',
  'quickask.need_category': '请点一下问题的种类',
  'quickask.need_phone': '请先填写联系电话',
  'quickask.phone': '联系电话',
  'quickask.photo_wait': '照片还在上传，请稍候',
  'quickask.done_title': '已发送，审核通过后公开',
  'quickask.done_text': '科协工作人员听过后公开，专家的回答会显示在“我的消息”里。',
  'quickask.view': '查看',
  'quickask.login': '登录后才能求助',
  'quickask.profile': '请先完善资料（所在乡镇），再来求助',
  'quickask.type_instead': '不方便说话？写字求助',
} as const

/** Every error code's message (common/errors.ts) as `error.<CODE>`: the catalog never drifts from them. */
type ErrorEntries = { readonly [C in ErrorCode as `error.${C}`]: (typeof ERROR_MESSAGES)[C] }
const errors = Object.fromEntries(Object.entries(ERROR_MESSAGES).map(([code, text]) => [`error.${code}`, text])) as ErrorEntries

export const zh = { ...strings, ...errors }

export type MessageKey = keyof typeof zh
export type Catalog = Record<MessageKey, string>

/** What the Tibetan catalog keeps for each key (see bo.ts). */
export interface BoEntry {
  /** The Chinese this was translated from: when zh[key] changes, the translation is stale (a test says so). */
  zh: string
  /** For the translator: where the words show and what they mean. */
  note: string
  bo: string
  /** Whether a native speaker has reviewed it. Only a reviewer sets this. */
  reviewed: boolean
}

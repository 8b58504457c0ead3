/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.jpg'
declare module '*.svg'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production'
    TARO_ENV: 'weapp' | 'h5'
    /** Origin of the API server; empty means the page's own origin (H5 served by the API). */
    TARO_APP_API_BASE?: string
    /** Subscribe-message template id for review results (server: WECHAT_TEMPLATE_REVIEW). */
    TARO_APP_TEMPLATE_REVIEW?: string
    /** Subscribe-message template id for a new 对接 response (server: WECHAT_TEMPLATE_RESPONSE). */
    TARO_APP_TEMPLATE_RESPONSE?: string
  }
}

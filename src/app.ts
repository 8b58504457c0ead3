import { PropsWithChildren } from 'react'
import Taro, { useDidShow, useLaunch } from '@tarojs/taro'
import { initUiPrefs } from './utils/ui-prefs'
import { initLang } from './i18n/catalog'
import { LANG_EVENT } from './i18n'
import { syncTabBarWords } from './utils/tab-bar'
import { focusFieldOnBoxTap } from './utils/field-focus'
import { isOnline, watchNetwork } from './services/network'
import { askConsentAgain } from './services/consent'
import { CONSENT_EVENT } from './services/session'
import { refreshUnread } from './services/messages'
import { flushOutbox, startOutbox } from './services/outbox'
import { mergeInternalComponents } from '@tarojs/shared'
import { makeTaroButtonsAccessible } from './components/tappable/h5-buttons'
import weappAria from './components/tappable/weapp-aria.json'
import { explainFailedNavigation, waitForPageCode } from './utils/page-code'
import './app.scss'

// The same attributes the build added to the mini program's <view> template (config/weapp-aria-plugin.js),
// before the first page renders: the runtime numbers a view's attributes from this list.
if (process.env.TARO_ENV === 'weapp') mergeInternalComponents(weappAria)
if (process.env.TARO_ENV === 'h5') makeTaroButtonsAccessible()
// H5 renders with Preact: numeric and boolean data-/aria- attributes of Taro's components follow
// each render (utils/h5-preact). Required here, so the mini program's build never includes Preact.
if (process.env.TARO_ENV === 'h5') (require('./utils/h5-preact') as typeof import('./utils/h5-preact')).keepComponentAttributesLive()
// Before the first tap: a page whose code cannot be fetched waits for the network instead of failing silently.
if (process.env.TARO_ENV === 'h5') waitForPageCode()
if (process.env.TARO_ENV === 'weapp') explainFailedNavigation(isOnline)

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    initUiPrefs()
    // H5's tab bar (Taro's) follows the language; the mini program's draws its words itself.
    if (process.env.TARO_ENV === 'h5') Taro.eventCenter.on(LANG_EVENT, syncTabBarWords)
    initLang()
    focusFieldOnBoxTap()
    watchNetwork()
    // 待发送 left by the last run (the app killed offline) goes out now, and whenever the network returns.
    startOutbox()
    // The privacy guide changed since the person agreed (their profile or any answer says so):
    // show it again. An app update that ships a new guide finds out on its first signed-in request.
    Taro.eventCenter.on(CONSENT_EVENT, askConsentAgain)
  })
  // Back from the background: 我的消息's count (the 我的 tab's badge) may have grown meanwhile.
  useDidShow(() => {
    refreshUnread()
    void flushOutbox()
  })
  return children
}

export default App

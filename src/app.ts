import { PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import { initUiPrefs } from './utils/ui-prefs'
import { watchNetwork } from './services/network'
import { askConsentAgain } from './services/consent'
import { CONSENT_EVENT } from './services/session'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    initUiPrefs()
    watchNetwork()
    // The privacy guide changed since the person agreed (their profile or any answer says so):
    // show it again. An app update that ships a new guide finds out on its first signed-in request.
    Taro.eventCenter.on(CONSENT_EVENT, askConsentAgain)
  })
  return children
}

export default App

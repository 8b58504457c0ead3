import { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { initUiPrefs } from './utils/ui-prefs'
import { watchNetwork } from './services/network'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    initUiPrefs()
    watchNetwork()
  })
  return children
}

export default App

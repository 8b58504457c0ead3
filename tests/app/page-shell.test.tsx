import Taro, { getAppBaseInfo } from '@tarojs/taro'
import { act, render, screen } from '@testing-library/react'
import { PageShell } from '../../src/components/page-shell'
import { initUiPrefs, setElderMode } from '../../src/utils/ui-prefs'
import { isOnline, NETWORK_EVENT, watchNetwork } from '../../src/services/network'

// The real H5 Taro, except getAppBaseInfo: WeChat's fontSizeScaleFactor has no H5 counterpart
// (the H5 answer has no such field), so the test plays WeChat's part in the one H5 module that
// answers it; everything else in '@tarojs/taro' stays real.
jest.mock('@tarojs/taro-h5/dist/api/base/system.js', () => {
  const actual = jest.requireActual('@tarojs/taro-h5/dist/api/base/system.js')
  return { __esModule: true, ...actual, getAppBaseInfo: jest.fn(actual.getAppBaseInfo) }
})
const appBaseInfo = getAppBaseInfo as jest.Mock
// useDidShow comes from the React framework plugin, which an H5 build adds to Taro at compile time
// and which needs a Taro page around it. The shell rendered alone in jsdom has no page, so it is
// never shown: the hook does nothing here (what it does on weapp is tests/weapp/tab-bar.test.ts).
const hooks = Taro as unknown as Record<string, unknown>
hooks.useDidShow ??= () => undefined

const OFFLINE_NOTICE = '网络未连接，已填写的内容会为您保留'

function renderShell(className?: string) {
  const view = render(
    <PageShell className={className}>
      <div>页面内容</div>
    </PageShell>,
  )
  const shell = () => view.container.firstElementChild as HTMLElement
  return { view, shell }
}

afterEach(() => {
  act(() => setElderMode(false))
  appBaseInfo.mockReset()
  localStorage.clear()
  initUiPrefs()
})

test('renders the page with the standard text size by default', () => {
  const { shell } = renderShell('home')
  expect(shell().className).toBe('shell home')
  expect(shell().style.getPropertyValue('--scale')).toBe('1')
  expect(screen.getByText('页面内容')).toBeTruthy()
  expect(screen.queryByRole('alert')).toBeNull()
})

test('长辈模式: setElderMode(true) applies shell--elder at once and is remembered', () => {
  const { shell } = renderShell()
  expect(shell().classList.contains('shell--elder')).toBe(false)

  act(() => setElderMode(true))
  expect(shell().className).toBe('shell shell--elder')
  // Stored through the H5 storage API (localStorage), so the next launch starts in elder mode.
  expect(Taro.getStorageSync('ui.elder')).toBe(true)
  expect(initUiPrefs().elder).toBe(true)

  act(() => setElderMode(false))
  expect(shell().className).toBe('shell')
  expect(initUiPrefs().elder).toBe(false)
})

/** initUiPrefs as the mini program runs it: only there is WeChat's font scale read (H5 has none). */
function initUiPrefsInWeChat() {
  process.env.TARO_ENV = 'weapp'
  try {
    return initUiPrefs()
  } finally {
    process.env.TARO_ENV = 'h5'
  }
}

test('--scale follows WeChat’s font scale, capped at 2 and never below 1', () => {
  appBaseInfo.mockReturnValue({ fontSizeScaleFactor: 1.4 })
  initUiPrefsInWeChat()
  const first = renderShell()
  expect(first.shell().style.getPropertyValue('--scale')).toBe('1.4')
  first.view.unmount()

  appBaseInfo.mockReturnValue({ fontSizeScaleFactor: 3 })
  initUiPrefsInWeChat()
  const capped = renderShell()
  expect(capped.shell().style.getPropertyValue('--scale')).toBe('2')
  capped.view.unmount()

  appBaseInfo.mockReturnValue({ fontSizeScaleFactor: 0.85 })
  initUiPrefsInWeChat()
  const floor = renderShell()
  expect(floor.shell().style.getPropertyValue('--scale')).toBe('1')
  floor.view.unmount()

  // H5 asks for no font scale (it would load Taro's device detection before the first page): 1.
  appBaseInfo.mockClear()
  appBaseInfo.mockReturnValue({ fontSizeScaleFactor: 1.4 })
  initUiPrefs()
  expect(renderShell().shell().style.getPropertyValue('--scale')).toBe('1')
  expect(appBaseInfo).not.toHaveBeenCalled()
})

test('shows the Chinese offline banner while the network event says offline', () => {
  renderShell()
  expect(screen.queryByText(OFFLINE_NOTICE)).toBeNull()

  act(() => Taro.eventCenter.trigger(NETWORK_EVENT, false))
  expect(screen.getByRole('alert').textContent).toBe(OFFLINE_NOTICE)
  expect(screen.getByText('页面内容')).toBeTruthy() // the page stays; only a notice is added

  act(() => Taro.eventCenter.trigger(NETWORK_EVENT, true))
  expect(screen.queryByRole('alert')).toBeNull()
})

test('end to end: the browser losing its connection reaches the banner through network.ts', async () => {
  // @tarojs/taro-h5 reads navigator.connection (the Network Information API) and its 'change' event.
  const connection = Object.assign(new EventTarget(), { type: 'wifi' })
  Object.defineProperty(navigator, 'connection', { configurable: true, value: connection })
  try {
    watchNetwork()
    renderShell()
    expect(isOnline()).toBe(true)

    connection.type = 'none'
    await act(async () => {
      connection.dispatchEvent(new Event('change'))
    })
    expect(await screen.findByText(OFFLINE_NOTICE)).toBeTruthy()
    expect(isOnline()).toBe(false)

    connection.type = 'wifi'
    await act(async () => {
      connection.dispatchEvent(new Event('change'))
    })
    await act(async () => undefined)
    expect(screen.queryByText(OFFLINE_NOTICE)).toBeNull()
    expect(isOnline()).toBe(true)
  } finally {
    delete (navigator as { connection?: unknown }).connection
  }
})

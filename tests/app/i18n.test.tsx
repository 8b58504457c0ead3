import { act, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { bo } from '../../common/i18n/bo'
import { applyLang, getLang, installCatalog, localize, t, useT } from '../../src/i18n'

// The app's words: Chinese built in, Tibetan installed from the served catalog; components follow a
// switch at once, and Chinese that arrives from the server or a validator is shown in Tibetan too.

const tibetan = Object.fromEntries(Object.entries(bo).map(([key, entry]) => [key, entry.bo]))

afterEach(() => {
  applyLang('zh')
  Taro.clearStorageSync()
})

function Label() {
  const { t } = useT()
  return <span>{t('lang.title')}</span>
}

test('a component re-renders in Tibetan when the language is switched, and back', () => {
  installCatalog('bo', tibetan)
  render(<Label />)
  expect(screen.getByText('语言')).toBeTruthy()
  act(() => applyLang('bo'))
  expect(screen.getByText(bo['lang.title'].bo)).toBeTruthy()
  expect(getLang()).toBe('bo')
  expect(Taro.getStorageSync('ui.lang')).toBe('bo')
  expect(document.documentElement.classList.contains('lang-bo')).toBe(true)
  act(() => applyLang('zh'))
  expect(screen.getByText('语言')).toBeTruthy()
})

test('placeholders are filled, and a word missing in Tibetan falls back to Chinese, never to nothing', () => {
  installCatalog('bo', { ...tibetan, 'lang.title': undefined } as never)
  applyLang('bo')
  expect(t('lang.title')).toBe('语言')
  expect(t('error.NOT_FOUND')).toBe(bo['error.NOT_FOUND'].bo)
})

test('Chinese from the server is shown in Tibetan: exact, with an added tail, or the general message', () => {
  installCatalog('bo', tibetan)
  expect(localize('找不到您要的内容')).toBe('找不到您要的内容')
  applyLang('bo')
  expect(localize('找不到您要的内容')).toBe(bo['error.NOT_FOUND'].bo)
  expect(localize('操作太频繁，请稍后再试（请 5 秒后再试）')).toBe(bo['error.RATE_LIMITED'].bo)
  expect(localize('一句目录里没有的话')).toBe(bo['common.check_input'].bo)
})

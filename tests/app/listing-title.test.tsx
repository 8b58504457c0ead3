import { act, render } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { bo } from '../../common/i18n/bo'
import { voiceTitle } from '../../common/rules/listings'
import { applyLang, installCatalog } from '../../src/i18n'
import { ListingTitle } from '../../src/components/listing-title'

// A need asked by voice alone is titled by the server from its category (语音求助·养殖): the asker
// wrote nothing, so a herder reading Tibetan must see her question named in Tibetan, while a title
// someone wrote stays exactly as written and marked as their words.

const tibetan = Object.fromEntries(Object.entries(bo).map(([key, entry]) => [key, entry.bo]))

afterEach(() => {
  applyLang('zh')
  Taro.clearStorageSync()
})

test('the server’s voice title reads in the reader’s language; in Chinese it is the server’s title to the letter', () => {
  installCatalog('bo', tibetan)
  const { container } = render(<ListingTitle title={voiceTitle('breeding')} category='breeding' />)
  expect(container.textContent).toBe(voiceTitle('breeding'))
  act(() => applyLang('bo'))
  expect(container.textContent).toContain(bo['category.breeding'].bo)
  expect(container.textContent).not.toMatch(/[\u4e00-\u9fa5]/)
  expect(container.querySelector('[data-ugc]')).toBeNull()
})

test('a title someone wrote, or a voice title of another category, stays as written and marked as people’s words', () => {
  installCatalog('bo', tibetan)
  applyLang('bo')
  for (const title of ['牦牛冬季掉膘求补饲技术', voiceTitle('planting')]) {
    const { container, unmount } = render(<ListingTitle title={title} category='breeding' />)
    expect(container.querySelector('[data-ugc]')?.textContent).toBe(title)
    unmount()
  }
})

// The app launched again on a phone where 长辈模式 was switched on earlier: every page opens in it.
import { classesOf, useWeapp } from './harness'

const weapp = useWeapp({ storage: { 'ui.elder': true } })

test('长辈模式 stored by an earlier run applies from the first paint', async () => {
  for (const path of ['pages/index/index', 'pages/mine/index']) {
    const page = await weapp.render(path)
    expect(classesOf(page.one('shell'))).toContain('shell--elder')
  }
  const mine = await weapp.render('pages/mine/index')
  expect(mine.attr(mine.one('mine__elder-switch'), 'checked')).toBe(true)
})

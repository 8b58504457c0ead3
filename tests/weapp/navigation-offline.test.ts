// The mini program's side of issue 12, defect 9: a tap that opens a page of a subpackage WeChat
// cannot download (no network) makes navigateTo fail; Taro turns that into a rejected promise no
// page awaits, which WeChat hands to wx.onUnhandledRejection. The app says so in plain Chinese
// instead of letting the tap do nothing.
import { useWeapp } from './harness'

const weapp = useWeapp()
beforeEach(() => weapp.reset())

test('a navigation that failed offline says 网络不通; online it asks to tap again; other rejections say nothing', async () => {
  const page = await weapp.render('pages/index/index')
  await page.waitFor(() => page.text().length > 0, 'the home page')
  weapp.setOnline(false)
  weapp.unhandledRejection({ errMsg: 'navigateTo:fail loadSubpackage: fail' })
  expect(weapp.toasts).toEqual([expect.objectContaining({ title: '网络不通，请联网后再点一次', icon: 'none' })])

  weapp.setOnline(true)
  weapp.unhandledRejection({ errMsg: 'switchTab:fail timeout' })
  expect(weapp.toasts[1]).toEqual(expect.objectContaining({ title: '页面没有打开，请再点一次' }))

  weapp.unhandledRejection({ errMsg: 'request:fail' })
  weapp.unhandledRejection(new Error('something else'))
  weapp.unhandledRejection({ errMsg: 'navigateTo:fail cancel' })
  expect(weapp.toasts).toHaveLength(2)
})

import { readFileSync } from 'node:fs'
import { TIBETAN_FONT_VERSION } from '../../src/i18n/font-version'
import { installFontStubs, tibetanChosenStorage, USER_DATA_PATH } from './font-stubs'
import { useWeapp, waitFor } from './harness'

// A herder chose བོད་ཡིག on an earlier run: at launch the app loads our Tibetan font from the server
// for every page (loadFontFace global, WOFF as WeChat advises), then keeps a copy on the phone.
const stubs = installFontStubs()
const weapp = useWeapp({ storage: tibetanChosenStorage() })
beforeAll(() => {
  stubs.weapp = weapp
})

const FONT_URL = `http://127.0.0.1:3000/fonts/tibetan.woff?v=${TIBETAN_FONT_VERSION}`

test('loads the Tibetan font from our server for every page, once', async () => {
  await waitFor(() => stubs.loads.length > 0, 'loadFontFace')
  expect(stubs.loads).toEqual([{ global: true, family: 'Tibetan', source: `url("${FONT_URL}")` }])
  // That URL is the font the server serves.
  const res = await fetch(FONT_URL.replace('http://127.0.0.1:3000', weapp.apiOrigin))
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('font/woff')

  // Pages show Tibetan in the family the font was loaded under (.lang-bo, app.scss).
  const home = await weapp.render('pages/index/index')
  await home.waitFor(() => home.root.querySelector('[class*="lang-bo"]'), 'the lang-bo page')
  expect(stubs.loads).toHaveLength(1)
})

test('keeps a copy in the user data folder, so the next launch needs no network for it', async () => {
  const copy = `${USER_DATA_PATH}/tibetan-font-${TIBETAN_FONT_VERSION}.woff`
  await waitFor(() => stubs.files.get(copy), 'the saved copy')
  expect(stubs.downloads).toEqual([{ url: FONT_URL, filePath: copy, statusCode: 200 }])
  expect(stubs.files.get(copy)!.equals(readFileSync('server/static/fonts/tibetan.woff'))).toBe(true)
})

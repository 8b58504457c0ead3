import { readFileSync } from 'node:fs'
import { TIBETAN_FONT_VERSION } from '../../src/i18n/font-version'
import { installFontStubs, tibetanChosenStorage, USER_DATA_PATH } from './font-stubs'
import { useWeapp, waitFor } from './harness'

// The next launch on the grassland: the copy kept on the phone is loaded (a data URL), nothing is
// downloaded. A copy of an older font version is not used.
const woff = readFileSync('server/static/fonts/tibetan.woff')
const stubs = installFontStubs({
  [`${USER_DATA_PATH}/tibetan-font-${TIBETAN_FONT_VERSION}.woff`]: woff,
  [`${USER_DATA_PATH}/tibetan-font-0000000000.woff`]: Buffer.from('an old font'),
})
const weapp = useWeapp({ storage: tibetanChosenStorage() })
beforeAll(() => {
  stubs.weapp = weapp
})

test('loads the kept copy of this version and downloads nothing', async () => {
  await waitFor(() => stubs.loads.length > 0, 'loadFontFace')
  expect(stubs.loads).toEqual([{ global: true, family: 'Tibetan', source: `url("data:font/woff;base64,${woff.toString('base64')}")` }])
  await weapp.render('pages/index/index')
  expect(stubs.downloads).toEqual([])
  expect(weapp.sent.filter((s) => s.includes('/fonts/'))).toEqual([])
})

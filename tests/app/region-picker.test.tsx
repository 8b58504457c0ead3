import { useState } from 'react'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { RegionPath } from '../../common/schemas/regions'
import { ERROR_MESSAGES } from '../../common/errors'
import { childrenOf, townshipPath } from '../../server/src/modules/regions/regions.data'
import { RegionPicker } from '../../src/components/region-picker'
import { FakeServer, errorBody } from './fake-server'

// RegionPicker with the real H5 Taro.request and http.ts, against a fake server that answers from
// the real Sichuan division table. Note: src/services/regions.ts caches each level for the life of
// the module, so every test below drills into levels no earlier test has loaded when it matters.

const server = new FakeServer()
beforeEach(() => server.install())
afterEach(() => server.uninstall())

const names = (code: string) => childrenOf(code)!.map((r) => r.name)

function Harness({ onChange }: { onChange: (p: RegionPath) => void }) {
  const [value, setValue] = useState<RegionPath | null>(null)
  return (
    <RegionPicker
      value={value}
      onChange={(p) => {
        onChange(p)
        setValue(p)
      }}
    />
  )
}

function setup() {
  const onChange = jest.fn()
  const view = render(<Harness onChange={onChange} />)
  const all = (selector: string) => Array.from(view.container.querySelectorAll<HTMLElement>(selector))
  return {
    onChange,
    view,
    crumbs: () => all('.region-picker__crumb').map((e) => e.textContent),
    options: () => all('.region-picker__option').map((e) => e.textContent),
    prompt: () => view.container.querySelector('.region-picker__prompt')?.textContent,
    /** Taps the option button for a division code (the visible name may repeat in the trail). */
    tap: (code: string) => {
      const el = view.container.querySelector(`.region-picker__option[data-code="${code}"]`)
      if (!el) throw new Error(`no option ${code}`)
      fireEvent.click(el)
    },
    tapCrumb: (text: string) => fireEvent.click(all('.region-picker__crumb').find((e) => e.textContent === text)!),
    /** Waits until the grid lists exactly the children of `code` from the division table. */
    waitForChildren: (code: string) =>
      waitFor(() => expect(all('.region-picker__option').map((e) => e.textContent)).toEqual(names(code))),
  }
}

test('starts at 四川省 with the 21 prefectures the server lists', async () => {
  const p = setup()
  expect(p.crumbs()).toEqual(['四川省'])
  expect(p.prompt()).toBe('请选择市（州）')
  expect(screen.getByText('正在加载…')).toBeTruthy()

  await p.waitForChildren('51')
  expect(p.options()).toHaveLength(21)
  expect(p.options()).toContain('甘孜藏族自治州')
  expect(screen.queryByText('正在加载…')).toBeNull()
  expect(server.requests).toEqual([{ method: 'GET', path: '/api/regions/51/children', headers: expect.any(Object) }])
})

test('drills 甘孜藏族自治州 → 甘孜县 → 呷拉乡, reports the full path, then shows it with 修改', async () => {
  const p = setup()
  await p.waitForChildren('51')

  p.tap('5133')
  expect(p.crumbs()).toEqual(['四川省 ›', '甘孜藏族自治州'])
  expect(p.prompt()).toBe('请选择县（市、区）')
  await p.waitForChildren('5133')
  expect(p.options()).toContain('甘孜县')
  expect(server.count('/api/regions/5133/children')).toBe(1)

  p.tap('513328')
  expect(p.crumbs()).toEqual(['四川省 ›', '甘孜藏族自治州 ›', '甘孜县'])
  expect(p.prompt()).toBe('请选择乡镇（街道）')
  await p.waitForChildren('513328')
  expect(p.options()).toEqual(expect.arrayContaining(['甘孜镇', '呷拉乡']))
  expect(p.onChange).not.toHaveBeenCalled()

  p.tap('513328200')
  expect(p.onChange).toHaveBeenCalledTimes(1)
  expect(p.onChange).toHaveBeenCalledWith({
    prefecture: { code: '5133', name: '甘孜藏族自治州' },
    county: { code: '513328', name: '甘孜县' },
    township: { code: '513328200', name: '呷拉乡' },
  })
  expect(p.onChange.mock.calls[0][0]).toEqual(townshipPath('513328200'))

  // Done: the chosen path in words, no grid, and 修改 to start over.
  expect(p.view.container.querySelector('.region-picker--done .region-picker__value')?.textContent).toBe('甘孜藏族自治州 甘孜县 呷拉乡')
  expect(p.options()).toEqual([])
  fireEvent.click(screen.getByText('修改'))
  expect(p.crumbs()).toEqual(['四川省'])
  expect(p.prompt()).toBe('请选择市（州）')
  await p.waitForChildren('51')
})

test('tapping a crumb goes back up, without asking the server again', async () => {
  const p = setup()
  await p.waitForChildren('51')
  p.tap('5133')
  await p.waitForChildren('5133')
  p.tap('513328')
  await p.waitForChildren('513328')
  const before = server.requests.length

  p.tapCrumb('甘孜藏族自治州 ›')
  expect(p.crumbs()).toEqual(['四川省 ›', '甘孜藏族自治州'])
  expect(p.prompt()).toBe('请选择县（市、区）')
  await p.waitForChildren('5133')

  p.tapCrumb('四川省 ›')
  expect(p.crumbs()).toEqual(['四川省'])
  await p.waitForChildren('51')

  // A different branch from the top works too.
  p.tap('5101')
  await p.waitForChildren('5101')
  expect(p.crumbs()).toEqual(['四川省 ›', '成都市'])
  // Only 成都市 was new; the levels we went back to came from the per-launch cache.
  expect(server.requests.slice(before).map((r) => r.path)).toEqual(['/api/regions/5101/children'])
})

test('a failed load shows a Chinese error with 重试, which loads the level again', async () => {
  const p = setup()
  await p.waitForChildren('51')
  server.answerNext('/api/regions/5134/children', { status: 500, body: errorBody('INTERNAL_ERROR') })

  p.tap('5134') // 凉山彝族自治州
  expect(await screen.findByText(ERROR_MESSAGES.INTERNAL_ERROR)).toBeTruthy()
  expect(ERROR_MESSAGES.INTERNAL_ERROR).toBe('服务器开小差了，请稍后再试')
  expect(p.options()).toEqual([])
  expect(screen.queryByText('正在加载…')).toBeNull()
  expect(server.count('/api/regions/5134/children')).toBe(1) // a 500 is not retried by http.ts

  fireEvent.click(screen.getByText('重试'))
  await p.waitForChildren('5134')
  expect(server.count('/api/regions/5134/children')).toBe(2)
  expect(screen.queryByText(ERROR_MESSAGES.INTERNAL_ERROR)).toBeNull()
  expect(screen.queryByText('重试')).toBeNull()
})

test('a dropped connection is retried quietly by http.ts; the list still appears', async () => {
  const p = setup()
  await p.waitForChildren('51')
  server.answerNext('/api/regions/5132/children', 'network-error')

  p.tap('5132') // 阿坝藏族羌族自治州
  await waitFor(() => expect(p.options()).toEqual(names('5132')), { timeout: 3000 })
  expect(server.count('/api/regions/5132/children')).toBe(2)
  expect(screen.queryByText('重试')).toBeNull()
})

test('a level that does not exist on the server shows 找不到您要的内容', async () => {
  const p = setup()
  await p.waitForChildren('51')
  server.answerNext('/api/regions/5120/children', { status: 404, body: errorBody('NOT_FOUND') })
  p.tap('5120') // 资阳市
  expect(await screen.findByText(ERROR_MESSAGES.NOT_FOUND)).toBeTruthy()
  expect(screen.getByText('重试')).toBeTruthy()
})

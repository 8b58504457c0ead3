import Taro from '@tarojs/taro'
import { fireEvent, render, screen } from '@testing-library/react'
import type { Profile } from '../../common/schemas/users'
import { DoneCard } from '../../src/components/done-card'
import { SignInGate } from '../../src/components/sign-in-gate'
import { LOGIN_URL, PROFILE_URL } from '../../src/utils/routes'

// Navigation is the boundary: the H5 router needs a mounted app, so navigateTo is recorded; the
// rest of '@tarojs/taro' stays the real H5 one.
const navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation(() => Promise.resolve({ errMsg: 'navigateTo:ok' }))

const someone = { id: 7, nickname: '拉姆', registered: false } as unknown as Profile

beforeEach(() => navigate.mockClear())

test('signed out: why, and 微信一键登录 opens the login page', () => {
  const { container } = render(<SignInGate user={null} login='登录后才能发布需求或服务' profile='请先完善资料' className='publish__gate' textClassName='publish__gate-text' />)
  expect((container.firstElementChild as HTMLElement).className).toBe('card sign-in-gate publish__gate')
  expect(screen.getByText('登录后才能发布需求或服务').className).toBe('sign-in-gate__text publish__gate-text')
  expect(screen.queryByText('请先完善资料')).toBeNull()
  fireEvent.click(screen.getByText('微信一键登录'))
  expect(navigate).toHaveBeenCalledTimes(1)
  expect(navigate.mock.calls[0][0]).toMatchObject({ url: LOGIN_URL })
})

test('signed in where the page needs a profile: 完善资料 opens the profile page', () => {
  render(<SignInGate user={someone} login='登录后才能报名' profile='请先完善资料（昵称和所在乡镇），再来发布' />)
  expect(screen.getByText('请先完善资料（昵称和所在乡镇），再来发布').className).toBe('sign-in-gate__text')
  expect(screen.queryByText('微信一键登录')).toBeNull()
  fireEvent.click(screen.getByText('完善资料'))
  expect(navigate.mock.calls[0][0]).toMatchObject({ url: PROFILE_URL })
})

test('signed in on a page that needs no profile: still the login words (the page shows the gate only when signed out)', () => {
  render(<SignInGate user={someone} login='登录后才能投票' />)
  expect(screen.getByText('登录后才能投票')).toBeTruthy()
  expect(screen.getByText('微信一键登录')).toBeTruthy()
})

test('a page may name what signing in is for on the button', () => {
  render(<SignInGate user={null} login='登录后可以申请对接，对方接受后交换联系方式。' loginLabel='登录后申请对接' />)
  expect(screen.queryByText('微信一键登录')).toBeNull()
  fireEvent.click(screen.getByText('登录后申请对接'))
  expect(navigate.mock.calls[0][0]).toMatchObject({ url: LOGIN_URL })
})

test('DoneCard: tick, title, text and the buttons, with the page’s class names', () => {
  const onAgain = jest.fn()
  const { container } = render(
    <DoneCard className='publish__done' titleClassName='publish__done-title' textClassName='publish__done-text' title='已提交，审核通过后公开' text='审核后所有人都能看到'>
      <button onClick={onAgain}>再发一条</button>
    </DoneCard>,
  )
  const card = container.firstElementChild as HTMLElement
  expect(card.className).toBe('card done-card publish__done')
  expect(Array.from(card.children).map((el) => el.className)).toEqual([
    'done-card__icon',
    'done-card__title publish__done-title',
    'muted done-card__text publish__done-text',
    '',
  ])
  expect(card.textContent).toBe('✓已提交，审核通过后公开审核后所有人都能看到再发一条')
  fireEvent.click(screen.getByText('再发一条'))
  expect(onAgain).toHaveBeenCalledTimes(1)
})

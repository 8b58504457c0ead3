import { fireEvent, render, screen } from '@testing-library/react'
import { StateView } from '../../src/components/state-view'

test('loading: a skeleton of `rows` items (3 by default), marked busy, no text', () => {
  const { container, rerender } = render(<StateView state='loading' />)
  const skeleton = container.querySelector('.skeleton') as HTMLElement
  expect(skeleton.getAttribute('aria-busy')).toBe('true')
  expect(container.querySelectorAll('.skeleton__item')).toHaveLength(3)
  expect(container.querySelectorAll('.skeleton__line--title')).toHaveLength(3)
  expect(container.textContent).toBe('')
  expect(screen.queryByText('重试')).toBeNull()

  rerender(<StateView state='loading' rows={5} />)
  expect(container.querySelectorAll('.skeleton__item')).toHaveLength(5)
})

test('error: the message and 重试, which calls onRetry', () => {
  const onRetry = jest.fn()
  const { container } = render(<StateView state='error' message='网络不稳定，请求超时，请重试' onRetry={onRetry} />)
  expect(container.querySelector('.skeleton')).toBeNull()
  expect(container.querySelector('.state')?.className).toBe('state state--error')
  expect(screen.getByText('网络不稳定，请求超时，请重试')).toBeTruthy()

  fireEvent.click(screen.getByText('重试'))
  expect(onRetry).toHaveBeenCalledTimes(1)
  fireEvent.click(screen.getByText('重试'))
  expect(onRetry).toHaveBeenCalledTimes(2)
})

test('error without a message says 加载失败; without onRetry there is no button', () => {
  render(<StateView state='error' />)
  expect(screen.getByText('加载失败')).toBeTruthy()
  expect(screen.queryByText('重试')).toBeNull()
})

test('empty: 暂无内容 by default or the given message, and never a retry', () => {
  const onRetry = jest.fn()
  const { container, rerender } = render(<StateView state='empty' onRetry={onRetry} />)
  expect(container.querySelector('.state')?.className).toBe('state state--empty')
  expect(screen.getByText('暂无内容')).toBeTruthy()
  expect(screen.queryByText('重试')).toBeNull()

  rerender(<StateView state='empty' message='还没有收藏的文章' />)
  expect(screen.getByText('还没有收藏的文章')).toBeTruthy()
  expect(screen.queryByText('暂无内容')).toBeNull()
})

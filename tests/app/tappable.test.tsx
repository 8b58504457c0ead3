import { fireEvent, render, screen } from '@testing-library/react'
import { Tappable } from '../../src/components/tappable'

// H5: a tappable card or chip is a button or link a keyboard reaches (Tab) and presses (Enter,
// Space for buttons), with its state and a name a screen reader can say.

test('a button: role, Tab stop, Enter and Space press it, its pressed state and name are said', () => {
  const onClick = jest.fn()
  render(
    <Tappable className='chip' pressed label='全部分类（已选）' data-category='' onClick={onClick}>
      全部分类
    </Tappable>,
  )
  const chip = screen.getByRole('button', { name: '全部分类（已选）' })
  expect(chip.getAttribute('tabindex')).toBe('0')
  expect(chip.getAttribute('aria-pressed')).toBe('true')
  expect(chip.className).toBe('tappable chip')
  expect(chip.getAttribute('data-category')).toBe('')
  fireEvent.keyDown(chip, { key: 'Enter' })
  fireEvent.keyDown(chip, { key: ' ' })
  expect(onClick).toHaveBeenCalledTimes(2)
  // Other keys do nothing.
  fireEvent.keyDown(chip, { key: 'a' })
  expect(onClick).toHaveBeenCalledTimes(2)
})

test('a link opens with Enter only (Space scrolls the page, as on any link)', () => {
  const onClick = jest.fn()
  render(
    <Tappable role='link' className='article-card' onClick={onClick}>
      牦牛冬季补饲
    </Tappable>,
  )
  const card = screen.getByRole('link', { name: '牦牛冬季补饲' })
  fireEvent.keyDown(card, { key: ' ' })
  expect(onClick).not.toHaveBeenCalled()
  fireEvent.keyDown(card, { key: 'Enter' })
  expect(onClick).toHaveBeenCalledTimes(1)
})

test('a tick box says whether it is ticked; a disabled one is out of the Tab order and does nothing', () => {
  const onClick = jest.fn()
  const { rerender } = render(
    <Tappable role='checkbox' pressed={false} onClick={onClick}>
      已征得本人同意
    </Tappable>,
  )
  const box = screen.getByRole('checkbox', { name: '已征得本人同意' })
  expect(box.getAttribute('aria-checked')).toBe('false')
  rerender(
    <Tappable role='checkbox' pressed={false} disabled onClick={onClick}>
      已征得本人同意
    </Tappable>,
  )
  expect(box.getAttribute('tabindex')).toBe('-1')
  expect(box.getAttribute('aria-disabled')).toBe('true')
  fireEvent.click(box)
  fireEvent.keyDown(box, { key: ' ' })
  expect(onClick).not.toHaveBeenCalled()
})

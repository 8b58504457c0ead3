import { render, screen } from '@testing-library/react'
import { Counter, Field, FieldError } from '../../src/components/field'

test('FieldError: nothing without a message; the message with error-text and the form’s own class', () => {
  const { container, rerender } = render(<FieldError />)
  expect(container.innerHTML).toBe('')

  rerender(<FieldError message='标题须为 4–40 个字' className='publish__error' />)
  const el = screen.getByText('标题须为 4–40 个字')
  expect(el.className).toBe('error-text field-error publish__error')
})

test('Counter counts characters as the server does: trimmed, invisible characters left out, an emoji is one', () => {
  const { container, rerender } = render(<Counter value='  牦牛补饲  ' max={40} />)
  expect(container.textContent).toBe('4/40')
  rerender(<Counter value={'牦\u200b牛🐄'} max={40} className='publish__counter' />)
  expect(container.textContent).toBe('3/40')
  expect((container.firstElementChild as HTMLElement).className).toBe('form-counter publish__counter')
})

test('Field: label (with the gap modifier), the control, counter and message, each with the block’s BEM names', () => {
  const { container } = render(
    <Field block='publish' label='标题' gap counter={{ value: '求助', max: 40 }} error='标题须为 4–40 个字'>
      <input className='publish__title' />
    </Field>,
  )
  const parts = Array.from(container.children).map((el) => el.className)
  expect(parts).toEqual([
    'form-label publish__label form-label--gap publish__label--gap',
    'publish__title',
    'form-counter publish__counter',
    'error-text field-error publish__error',
  ])
  expect(container.textContent).toBe('标题2/40标题须为 4–40 个字')
})

test('Field without label, counter or message renders the control alone', () => {
  const { container } = render(
    <Field block='publish'>
      <input className='publish__patent' />
    </Field>,
  )
  expect(container.innerHTML).toBe('<input class="publish__patent">')
})

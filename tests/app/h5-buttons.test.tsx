// Enter and Space press a focused Taro button on H5 (src/components/tappable/h5-buttons.ts), as
// they would a native one, unless the button is disabled at that moment: its property says so at
// once, while the attribute follows only on the component's next frame.
import { makeTaroButtonsAccessible } from '../../src/components/tappable/h5-buttons'

makeTaroButtonsAccessible(document)

/** A <taro-button-core> as Taro draws it: `disabled` is a property, reflected to the attribute later. */
function button(disabled: boolean) {
  const el = document.createElement('taro-button-core') as HTMLElement & { disabled?: boolean }
  el.disabled = disabled
  if (disabled) el.setAttribute('disabled', '')
  const clicks = jest.fn()
  el.addEventListener('click', clicks)
  document.body.appendChild(el)
  return { el, clicks }
}

const press = (el: Element, key: string) => el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))

test('Enter and Space press a focusable button, announced as one', async () => {
  const { el, clicks } = button(false)
  await Promise.resolve() // the MutationObserver's turn
  expect([el.getAttribute('role'), el.getAttribute('tabindex')]).toEqual(['button', '0'])
  press(el, 'Enter')
  press(el, ' ')
  expect(clicks).toHaveBeenCalledTimes(2)
})

test('a button enabled again is pressed at once, before its disabled attribute is gone', async () => {
  const { el, clicks } = button(true)
  await Promise.resolve()
  expect(el.getAttribute('aria-disabled')).toBe('true')
  press(el, 'Enter')
  expect(clicks).not.toHaveBeenCalled()
  // The app's render: the property now, the attribute on the component's next frame.
  el.disabled = false
  press(el, 'Enter')
  expect(clicks).toHaveBeenCalledTimes(1)
  // And disabled again by the property alone: pressing does nothing.
  el.disabled = true
  el.removeAttribute('disabled')
  press(el, 'Enter')
  expect(clicks).toHaveBeenCalledTimes(1)
})

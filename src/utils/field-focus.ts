// H5: Taro draws every <Input>/<Textarea> as a box (taro-input-core, taro-textarea-core) around the
// real control, and a tap on the box's padding lands on the box, which cannot take focus: the
// person taps a field and nothing happens. The field kit (components/field/form.scss) makes its
// control fill the box; this passes on a tap that still lands on a box (forms with their own
// field styles) to the control inside, so the whole box focuses on every form.
const BOXES = new Set(['TARO-INPUT-CORE', 'TARO-TEXTAREA-CORE'])

export function focusFieldOnBoxTap(): void {
  if (process.env.TARO_ENV !== 'h5') return
  document.addEventListener('click', (event) => {
    const box = event.target as Element | null
    if (!box || !BOXES.has(box.tagName)) return
    const control = box.querySelector<HTMLInputElement | HTMLTextAreaElement>('input, textarea')
    if (!control || control.disabled || document.activeElement === control) return
    control.focus()
  })
}

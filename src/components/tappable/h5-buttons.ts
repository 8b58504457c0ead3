// H5 only. Taro's <Button> is a <taro-button-core> element, not a <button>: no role, no Tab stop,
// Enter and Space do nothing. The mini program's button has all three, and 119 buttons of the app
// should not each need a wrapper, so every Taro button on the page is given them here, once, as
// it is added to the document. Their focus ring, and the app-wide H5 rules, are in global.scss
// (loaded with the app, since app.ts imports this file).
import './global.scss'

const SELECTOR = 'taro-button-core'

function upgrade(el: Element): void {
  if (!el.hasAttribute('role')) el.setAttribute('role', 'button')
  if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '0')
  const disabled = el.hasAttribute('disabled') && el.getAttribute('disabled') !== 'false'
  if (disabled) el.setAttribute('aria-disabled', 'true')
  else el.removeAttribute('aria-disabled')
}

function upgradeWithin(node: Node): void {
  if (!(node instanceof Element)) return
  if (node.matches(SELECTOR)) upgrade(node)
  node.querySelectorAll(SELECTOR).forEach(upgrade)
}

/**
 * Whether a Taro button is disabled at this moment. The app's render sets the element's `disabled`
 * property at once; the attribute (and aria-disabled, mirrored from it above) follows only on
 * Stencil's next frame (8 ms in Chromium), and a key pressed in between was judged by the old state.
 */
function isDisabled(el: Element): boolean {
  const now = (el as Element & { disabled?: unknown }).disabled
  if (typeof now === 'boolean') return now
  return el.hasAttribute('disabled') && el.getAttribute('disabled') !== 'false'
}

export function makeTaroButtonsAccessible(root: Document = document): void {
  upgradeWithin(root.documentElement)
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') upgrade(r.target as Element)
      else r.addedNodes.forEach(upgradeWithin)
    }
  }).observe(root.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled'] })
  // Enter and Space press a focused Taro button, as they would a native one (Space must not scroll).
  root.addEventListener('keydown', (e) => {
    const target = e.target as Element | null
    if (!target || !target.matches?.(SELECTOR) || e.defaultPrevented) return
    if (e.key !== 'Enter' && e.key !== ' ' && e.key !== 'Spacebar') return
    e.preventDefault()
    if (!isDisabled(target)) (target as HTMLElement).click()
  })
}

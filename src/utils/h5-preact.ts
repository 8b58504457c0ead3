import { options } from 'preact'

// H5 renders with Preact (config/index.ts `framework`). Taro's H5 components are custom elements
// behind a wrapper that copies every prop onto the element as a property, and as an attribute only
// when it is a string. Preact updates a prop the element already has as a property by assigning
// the property, so a number or boolean data-* / aria-* attribute (the voice countdown's
// data-left={left}) kept its first value in the DOM (React sets attributes on custom elements every
// time). Written as strings, they go to the attribute on every render, as the DOM would hold them
// anyway ('60', 'true'). Only components' props are touched: plain elements already get attributes.
export function keepComponentAttributesLive(): void {
  const previous = options.vnode
  options.vnode = (vnode) => {
    const props = vnode.props as Record<string, unknown> | null
    if (props && typeof vnode.type !== 'string') {
      for (const key in props) {
        const value = props[key]
        if ((typeof value === 'number' || typeof value === 'boolean') && (key.startsWith('data-') || key.startsWith('aria-'))) props[key] = String(value)
      }
    }
    previous?.(vnode)
  }
}

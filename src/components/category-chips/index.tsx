import { ScrollView, View } from '@tarojs/components'
import { CATEGORIES, CATEGORY_LABELS, type Category } from '../../../common/enums'
import { Tappable } from '../tappable'
import './index.scss'

/**
 * Big chips to pick one of a few values (categories, 科技成果 stages, transfer modes). `allLabel`
 * adds a first chip for "none" (a filter); `wrap` lays them out in rows (a form) instead of one
 * sideways-scrolling line (a filter bar). `name` tags each chip (data-<name>) and the row.
 */
export function Chips<T extends string>({
  options,
  value,
  onChange,
  allLabel,
  wrap = false,
  name = 'key',
}: {
  options: ReadonlyArray<{ key: T; label: string }>
  value: T | null
  onChange: (value: T | null) => void
  allLabel?: string
  wrap?: boolean
  name?: string
}) {
  const chips: Array<{ key: T | null; label: string }> = [...(allLabel ? [{ key: null, label: allLabel }] : []), ...options]
  const list = chips.map((c) => (
    <Tappable
      key={c.key ?? 'all'}
      className={`chip${value === c.key ? ' chip--on' : ''}`}
      pressed={value === c.key}
      {...{ [`data-${name}`]: c.key ?? '' }}
      onClick={() => onChange(c.key)}
    >
      {c.label}
    </Tappable>
  ))
  if (wrap) return <View className={`category-chips category-chips--wrap chips--${name}`}>{list}</View>
  return (
    <ScrollView className={`category-chips chips--${name}`} scrollX enhanced showScrollbar={false}>
      <View className='category-chips__line'>{list}</View>
    </ScrollView>
  )
}

/** The labels of an enum as chip options, in the enum's order. */
export function optionsOf<T extends string>(keys: readonly T[], labels: Record<T, string>): Array<{ key: T; label: string }> {
  return keys.map((key) => ({ key, label: labels[key] }))
}

const CATEGORY_OPTIONS = optionsOf(CATEGORIES, CATEGORY_LABELS)

/** The categories (科技成果: 领域) as chips. */
export function CategoryChips(props: { value: Category | null; onChange: (value: Category | null) => void; allLabel?: string; wrap?: boolean }) {
  return <Chips {...props} options={CATEGORY_OPTIONS} name='category' />
}

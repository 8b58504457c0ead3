import { ScrollView, View } from '@tarojs/components'
import { CATEGORIES, CATEGORY_LABELS, type Category } from '../../../common/enums'
import './index.scss'

/**
 * The categories as big chips. `allLabel` adds a first chip for "no category" (a filter);
 * `wrap` lays them out in rows (a form) instead of one sideways-scrolling line (a filter bar).
 */
export function CategoryChips({
  value,
  onChange,
  allLabel,
  wrap = false,
}: {
  value: Category | null
  onChange: (value: Category | null) => void
  allLabel?: string
  wrap?: boolean
}) {
  const chips: Array<{ key: Category | null; label: string }> = [
    ...(allLabel ? [{ key: null, label: allLabel }] : []),
    ...CATEGORIES.map((c) => ({ key: c, label: CATEGORY_LABELS[c] })),
  ]
  const list = chips.map((c) => (
    <View
      key={c.key ?? 'all'}
      className={`chip${value === c.key ? ' chip--on' : ''}`}
      data-category={c.key ?? ''}
      onClick={() => onChange(c.key)}
    >
      {c.label}
    </View>
  ))
  if (wrap) return <View className='category-chips category-chips--wrap'>{list}</View>
  return (
    <ScrollView className='category-chips' scrollX enhanced showScrollbar={false}>
      <View className='category-chips__line'>{list}</View>
    </ScrollView>
  )
}

import { Image, ScrollView, View } from '@tarojs/components'
import { CATEGORIES, type Category } from '../../../common/enums'
import { useT } from '../../i18n'
import { CATEGORY_ICONS } from '../../assets/categories'
import { Tappable } from '../tappable'
import './index.scss'

/**
 * Big chips to pick one of a few values (categories, 科技成果 stages, transfer modes). `allLabel`
 * adds a first chip for "none" (a filter); `wrap` lays them out in rows (a form) instead of one
 * sideways-scrolling line (a filter bar). `name` tags each chip (data-<name>) and the row.
 * `icons` puts a picture before a chip's words, so it is found without reading.
 */
export function Chips<T extends string>({
  options,
  value,
  onChange,
  allLabel,
  wrap = false,
  name = 'key',
  icons,
}: {
  options: ReadonlyArray<{ key: T; label: string }>
  value: T | null
  onChange: (value: T | null) => void
  allLabel?: string
  wrap?: boolean
  name?: string
  icons?: Partial<Record<T, string>>
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
      {c.key !== null && icons?.[c.key] && (
        <View className='chip__icon' aria-hidden='true'>
          <Image className='chip__img' src={icons[c.key]!} />
        </View>
      )}
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


/** The categories (科技成果: 领域) as chips. */
export function CategoryChips(props: { value: Category | null; onChange: (value: Category | null) => void; allLabel?: string; wrap?: boolean }) {
  const { t } = useT()
  const options = CATEGORIES.map((key) => ({ key, label: t(`category.${key}`) }))
  return <Chips {...props} options={options} name='category' icons={CATEGORY_ICONS} />
}

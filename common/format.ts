import type { RegionPath } from './schemas/regions'

/** 13800001234 → 138****1234; anything that is not 11 digits is masked except its last 4. */
export function maskPhone(phone: string): string {
  if (/^\d{11}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`
  return phone.length > 4 ? `${'*'.repeat(phone.length - 4)}${phone.slice(-4)}` : '****'
}

/** 'YYYY-MM-DD' → 2022年6月24日; 'YYYY-MM' → 2022年6月. */
export function formatChineseDate(value: string | null | undefined): string {
  if (!value) return ''
  const [y, m, d] = value.split('-').map(Number)
  return d ? `${y}年${m}月${d}日` : `${y}年${m}月`
}

/** 甘孜藏族自治州 甘孜县 呷拉乡 */
export function formatRegionPath(path: RegionPath | null | undefined): string {
  if (!path) return ''
  return `${path.prefecture.name} ${path.county.name} ${path.township.name}`
}

/** 甘孜县 呷拉乡: the short form on cards, without the prefecture (the county already places it). */
export function formatRegionShort(path: Pick<RegionPath, 'county' | 'township'> | null | undefined): string {
  if (!path) return ''
  return `${path.county.name} ${path.township.name}`
}

/** 45 → '45分钟'; 135 → '2小时15分钟'; 3000 → '50小时'. A median time to answer (分诊数据, an expert's studio), in hours and minutes. */
export function hoursMinutes(minutes: number | null): string {
  if (minutes === null) return '—'
  const h = Math.floor(minutes / 60)
  const m = Math.round(minutes % 60)
  if (!h) return `${m}分钟`
  return m ? `${h}小时${m}分钟` : `${h}小时`
}

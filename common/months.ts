// Calendar months and years in China time now live in common/china-time.ts, the one China-time
// module; this path re-exports them until its importers move there.
export {
  MONTH_PATTERN,
  isMonth,
  chinaMonthOf,
  addMonths,
  monthCount,
  monthRange,
  monthStartUtc,
  monthLabel,
  chinaYear,
  chinaYearRange,
  chinaMidnightAfter,
} from './china-time'

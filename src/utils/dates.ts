// Dates as people here say them, in China time: moved to common/china-time.ts (no date library in
// the main package). This path re-exports them until its importers move there.
export { relativeDate, dateTime } from '../../common/china-time'

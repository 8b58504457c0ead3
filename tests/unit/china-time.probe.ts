// Run by china-time.test.ts in a child process with another TZ (the zone of a process is fixed
// when it starts): prints what common/china-time.ts and src/utils/china-time.ts make of a few
// instants, as JSON.
import { chinaInstant, chinaYear, countdownTo, formatChina, formatCountdown, formatDeadline } from '../../common/china-time'
import { nextDeadline, scheduledStage } from '../../src/utils/china-time'
import { PROBE_CONTEST, PROBE_INSTANTS, PROBE_NOW, PROBE_WALL_CLOCKS } from './china-time.fixtures'

const out = {
  zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  localOffset: new Date('2026-11-30T16:00:00Z').getTimezoneOffset(),
  formatted: PROBE_INSTANTS.map((i) => formatChina(i, 'YYYY-MM-DD HH:mm:ss')),
  deadlines: PROBE_INSTANTS.map((i) => formatDeadline(i, PROBE_NOW)),
  years: PROBE_INSTANTS.map((i) => chinaYear(i)),
  countdown: formatCountdown(countdownTo(PROBE_CONTEST.signupEndsAt, PROBE_NOW)),
  next: nextDeadline(PROBE_CONTEST),
  scheduled: scheduledStage(PROBE_CONTEST, '2026-12-15T00:00:00Z'),
  instants: PROBE_WALL_CLOCKS.map(([d, t]) => chinaInstant(d, t)),
}
process.stdout.write(JSON.stringify(out))

// common/china-time.ts and src/utils/china-time.ts: contest deadlines read and counted down in
// China time whatever zone the phone is in. A process's zone is fixed when it starts (setting process.env.TZ inside jest is not
// reliable), so the zone-independence checks run the same probe in child processes started with
// TZ=America/Los_Angeles and others, and compare them with this process and with the truth.
import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import {
  chinaInstant,
  chinaPickerValue,
  countdownTo,
  dateTime,
  formatChina,
  formatCountdown,
  formatCountdownCoarse,
  formatDeadline,
  relativeDate,
} from '../../common/china-time'
import { nextDeadline, scheduledStage } from '../../src/utils/china-time'
import { isSignupOpen, nextStage } from '../../common/rules'
import { PROBE_CONTEST, PROBE_EXPECTED, PROBE_INSTANTS, PROBE_NOW, PROBE_WALL_CLOCKS, PROBE_WALL_INSTANTS } from './china-time.fixtures'

const PROBE = resolve(__dirname, 'china-time.probe.ts')

function probeIn(tz: string) {
  const res = spawnSync(process.execPath, [require.resolve('tsx/cli'), PROBE], {
    env: { ...process.env, TZ: tz },
    encoding: 'utf8',
    timeout: 30_000,
  })
  if (res.status !== 0) throw new Error(`probe in ${tz} failed: ${res.stderr}`)
  return JSON.parse(res.stdout)
}

describe('China time in this process', () => {
  test('a second before and at China midnight', () => {
    expect(formatChina('2026-11-30T15:59:59Z', 'M月D日 HH:mm:ss')).toBe('11月30日 23:59:59')
    expect(formatChina('2026-11-30T16:00:00Z', 'M月D日 HH:mm')).toBe('12月1日 00:00')
    expect(formatDeadline('2026-11-30T16:00:00Z', PROBE_NOW)).toBe('12月1日 00:00 截止')
    expect(formatDeadline('2026-11-30T15:59:59Z', PROBE_NOW)).toBe('11月30日 23:59 截止')
  })

  test('the year shows only when the deadline is not in this China year', () => {
    // 2026-12-31 20:00 UTC is already 2027 in China: "this year" is China's year.
    expect(formatDeadline('2027-01-05T02:00:00Z', '2026-12-31T20:00:00Z')).toBe('1月5日 10:00 截止')
    expect(formatDeadline('2027-01-05T02:00:00Z', '2026-12-31T15:00:00Z')).toBe('2027年1月5日 10:00 截止')
    expect(formatDeadline('not a date')).toBe('')
    expect(formatChina(null, 'YYYY')).toBe('')
  })

  test('every probe instant reads as in China', () => {
    expect(PROBE_INSTANTS.map((i) => formatChina(i, 'YYYY-MM-DD HH:mm:ss'))).toEqual(PROBE_EXPECTED.formatted)
    expect(PROBE_INSTANTS.map((i) => formatDeadline(i, PROBE_NOW))).toEqual(PROBE_EXPECTED.deadlines)
  })

  test('countdown parts: days, hours, minutes, seconds; expired at and after the deadline', () => {
    const deadline = '2026-11-30T16:00:00Z'
    const now = Date.parse(deadline) - ((3 * 24 + 4) * 3600 + 5 * 60 + 6) * 1000
    expect(countdownTo(deadline, now)).toEqual({ days: 3, hours: 4, minutes: 5, seconds: 6, totalMs: 273_906_000, expired: false })
    expect(formatCountdown(countdownTo(deadline, now))).toBe('3天 04:05:06')
    // Under a day: no "0天".
    expect(formatCountdown(countdownTo(deadline, Date.parse(deadline) - 59_000))).toBe('00:00:59')
    // Part of a second left still shows a second: never 00:00:00 before the deadline.
    expect(formatCountdown(countdownTo(deadline, Date.parse(deadline) - 1))).toBe('00:00:01')
    expect(countdownTo(deadline, deadline)).toMatchObject({ expired: true, totalMs: 0, days: 0, seconds: 0 })
    expect(countdownTo(deadline, Date.parse(deadline) + 1000).expired).toBe(true)
    expect(countdownTo('garbage', now).expired).toBe(true)
  })

  test('coarse countdown for lists', () => {
    const d = Date.parse('2026-11-30T16:00:00Z')
    expect(formatCountdownCoarse(countdownTo(d, d - 12 * 86_400_000 - 5))).toBe('还有 12天')
    expect(formatCountdownCoarse(countdownTo(d, d - 5 * 3_600_000))).toBe('还有 5小时')
    expect(formatCountdownCoarse(countdownTo(d, d - 8 * 60_000))).toBe('还有 8分钟')
    expect(formatCountdownCoarse(countdownTo(d, d - 30_000))).toBe('不到 1分钟')
    expect(formatCountdownCoarse(countdownTo(d, d))).toBe('已截止')
  })

  test('the next deadline is the end of the stage the contest is in; none once finished', () => {
    expect(nextDeadline(PROBE_CONTEST)).toEqual({ stage: 'signup', at: PROBE_CONTEST.signupEndsAt })
    expect(nextDeadline({ ...PROBE_CONTEST, stage: 'preliminary' })).toEqual({ stage: 'preliminary', at: PROBE_CONTEST.preliminaryEndsAt })
    expect(nextDeadline({ ...PROBE_CONTEST, stage: 'semifinal' })).toEqual({ stage: 'semifinal', at: PROBE_CONTEST.semifinalEndsAt })
    expect(nextDeadline({ ...PROBE_CONTEST, stage: 'final' })).toEqual({ stage: 'final', at: PROBE_CONTEST.finalEndsAt })
    expect(nextDeadline({ ...PROBE_CONTEST, stage: 'finished' })).toBeNull()
  })

  test('the stage the schedule expects, and whether sign-up is open', () => {
    const c = PROBE_CONTEST
    expect(scheduledStage(c, '2026-11-30T15:59:59Z')).toBe('signup')
    expect(scheduledStage(c, '2026-11-30T16:00:00Z')).toBe('preliminary')
    expect(scheduledStage(c, '2027-01-01T00:00:00Z')).toBe('semifinal')
    expect(scheduledStage(c, '2027-02-01T00:00:00Z')).toBe('final')
    expect(scheduledStage(c, '2028-01-01T00:00:00Z')).toBe('final') // until results are published
    expect(scheduledStage({ ...c, stage: 'finished' }, PROBE_NOW)).toBe('finished')

    expect(isSignupOpen(c, '2026-11-30T15:59:59Z')).toBe(true)
    expect(isSignupOpen(c, '2026-11-30T16:00:00Z')).toBe(false)
    // Staff moved it on early: closed even before the date.
    expect(isSignupOpen({ ...c, stage: 'preliminary' }, PROBE_NOW)).toBe(false)

    expect(nextStage('signup')).toBe('preliminary')
    expect(nextStage('final')).toBe('finished')
    expect(nextStage('finished')).toBeNull()
  })

  test('a China wall clock picked by staff is the instant it names, and back', () => {
    expect(PROBE_WALL_CLOCKS.map(([d, t]) => chinaInstant(d, t))).toEqual(PROBE_WALL_INSTANTS)
    expect(chinaInstant('2026-12-31', '23:59:59')).toBe('2026-12-31T15:59:59.000Z')
    expect(chinaInstant('2026-02-30', '10:00')).toBe('')
    expect(chinaInstant('2026-12-01', '24:00')).toBe('')
    expect(chinaInstant('31/12/2026')).toBe('')
    expect(chinaPickerValue('2026-11-30T16:00:00Z')).toEqual({ date: '2026-12-01', time: '00:00' })
    expect(chinaPickerValue(chinaInstant('2026-03-08', '02:30'))).toEqual({ date: '2026-03-08', time: '02:30' })
  })

  test('relative dates count China days and years: 23:00 is 昨天 at 00:30 the next morning in China', () => {
    const now = '2026-11-30T16:30:00Z' // 12月1日 00:30 in China (still 30 November in UTC)
    expect(relativeDate('2026-11-30T16:29:30Z', now)).toBe('刚刚')
    expect(relativeDate('2026-11-30T16:31:00Z', now)).toBe('刚刚') // a little in the future: the phone's clock is behind
    expect(relativeDate('2026-11-30T16:05:00Z', now)).toBe('25分钟前')
    expect(relativeDate('2026-11-30T15:00:00Z', now)).toBe('昨天') // 11月30日 23:00 in China
    expect(relativeDate('2026-11-30T16:00:00Z', '2026-12-01T02:00:00Z')).toBe('10小时前')
    expect(relativeDate('2026-11-26T15:59:59Z', now)).toBe('5天前') // 11月26日 23:59:59 in China
    expect(relativeDate('2026-11-23T16:00:00Z', now)).toBe('11月24日')
    expect(relativeDate('2025-12-31T16:00:00Z', now)).toBe('1月1日') // 2026 in China
    expect(relativeDate('2025-12-31T15:59:59Z', now)).toBe('2025年12月31日')
    expect(relativeDate(null, now)).toBe('')
    expect(relativeDate('garbage', now)).toBe('')
    expect(dateTime('2026-11-30T16:05:00Z')).toBe('2026年12月1日 00:05')
    expect(dateTime(undefined)).toBe('')
  })

  test('reads the same whatever Intl says (older WeChat engines have no time zones)', () => {
    const noZone = () => {
      throw new RangeError('Invalid time zone specified: Asia/Shanghai')
    }
    const spies = [
      jest.spyOn(Date.prototype, 'toLocaleString').mockImplementation(noZone),
      jest.spyOn(Intl, 'DateTimeFormat').mockImplementation(noZone),
    ]
    try {
      expect(PROBE_INSTANTS.map((i) => formatChina(i, 'YYYY-MM-DD HH:mm:ss'))).toEqual(PROBE_EXPECTED.formatted)
      expect(PROBE_INSTANTS.map((i) => formatDeadline(i, PROBE_NOW))).toEqual(PROBE_EXPECTED.deadlines)
      expect(chinaInstant('2026-12-01', '00:00')).toBe('2026-11-30T16:00:00.000Z')
    } finally {
      for (const spy of spies) spy.mockRestore()
    }
  })
})

describe('the same answers on phones set to other zones (child processes)', () => {
  jest.setTimeout(60_000)
  const expected = {
    formatted: PROBE_EXPECTED.formatted,
    deadlines: PROBE_EXPECTED.deadlines,
    years: PROBE_EXPECTED.years,
    countdown: '29天 16:00:00',
    next: { stage: 'signup', at: PROBE_CONTEST.signupEndsAt },
    scheduled: 'preliminary',
    instants: PROBE_WALL_INSTANTS,
  }

  test.each([
    ['America/Los_Angeles', 480], // UTC−8 in winter: China midnight is the afternoon before; DST on 3月8日 and 11月1日
    ['UTC', 0],
    ['Asia/Kolkata', -330], // a half-hour zone
    ['Pacific/Kiritimati', -840], // UTC+14: ahead of China, already the next day
    ['Asia/Shanghai', -480],
  ])('TZ=%s', (tz, localOffset) => {
    const out = probeIn(tz)
    // The child really ran in that zone…
    expect(out.localOffset).toBe(localOffset)
    // …and still reads every instant in China time.
    expect(out).toMatchObject(expected)
  })
})

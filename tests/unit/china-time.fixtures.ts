// Instants chosen around China midnight and around other zones' DST changes, where a zone-naive
// implementation reads an hour or a day wrong. Shared by china-time.test.ts and its child probe.
export const PROBE_INSTANTS = [
  '2026-11-30T15:59:59Z', // 11月30日 23:59:59 in China
  '2026-11-30T16:00:00Z', // 12月1日 00:00 in China
  '2026-12-31T15:59:59.999Z', // the last moment of 2026 in China
  '2026-12-31T16:00:00Z', // 2027年1月1日 00:00 in China
  '2026-03-07T18:30:00Z', // 3月8日 02:30 in China: inside Los Angeles' spring-forward gap (2026-03-08 02:00→03:00)
  '2026-11-01T08:30:00Z', // 11月1日 16:30 in China, Los Angeles' fall-back hour (01:30 PDT/PST)
] as const

export const PROBE_EXPECTED = {
  formatted: ['2026-11-30 23:59:59', '2026-12-01 00:00:00', '2026-12-31 23:59:59', '2027-01-01 00:00:00', '2026-03-08 02:30:00', '2026-11-01 16:30:00'],
  deadlines: ['11月30日 23:59 截止', '12月1日 00:00 截止', '12月31日 23:59 截止', '2027年1月1日 00:00 截止', '3月8日 02:30 截止', '11月1日 16:30 截止'],
  years: [2026, 2026, 2026, 2027, 2026, 2026],
}

/** 'now' for the probes: 2026年11月1日 08:00 in China. */
export const PROBE_NOW = '2026-11-01T00:00:00Z'

export const PROBE_CONTEST = {
  stage: 'signup' as const,
  signupEndsAt: '2026-11-30T16:00:00Z', // 12月1日 00:00
  preliminaryEndsAt: '2026-12-31T15:59:59.999Z',
  semifinalEndsAt: '2027-01-31T15:59:59.999Z',
  finalEndsAt: '2027-03-07T18:30:00Z',
}

/** China wall clocks a staff member picks, and the instants they mean. */
export const PROBE_WALL_CLOCKS: Array<[string, string]> = [
  ['2026-12-01', '00:00'],
  ['2026-03-08', '02:30'],
  ['2026-11-01', '16:30'],
]
export const PROBE_WALL_INSTANTS = ['2026-11-30T16:00:00.000Z', '2026-03-07T18:30:00.000Z', '2026-11-01T08:30:00.000Z']

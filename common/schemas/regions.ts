import { z } from 'zod'
import { REGION_CODE, TOWNSHIP_CODE } from '../rules/fields'

/** National administrative division codes: 2 digits province, 4 prefecture, 6 county, 9 township. */
export const REGION_LEVELS = ['province', 'prefecture', 'county', 'township'] as const
export type RegionLevel = (typeof REGION_LEVELS)[number]

export const SICHUAN_CODE = '51'
export const regionCode = z.string().regex(REGION_CODE, { message: 'REGION_INVALID' })
export const townshipCode = z.string().regex(TOWNSHIP_CODE, { message: 'REGION_INVALID' })

export const region = z.object({ code: z.string(), name: z.string() })
export type Region = z.infer<typeof region>

/** A township with the names of the levels above it, for display ("甘孜藏族自治州 甘孜县 呷拉乡"). */
export const regionPath = z.object({
  prefecture: region,
  county: region,
  township: region,
})
export type RegionPath = z.infer<typeof regionPath>

export const regionChildrenResponse = z.object({ parent: region, children: z.array(region) })
export type RegionChildren = z.infer<typeof regionChildrenResponse>

export function levelOf(code: string): RegionLevel {
  return code.length === 2 ? 'province' : code.length === 4 ? 'prefecture' : code.length === 6 ? 'county' : 'township'
}

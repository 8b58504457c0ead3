import { z } from 'zod'
import { CATEGORIES } from '../enums'
import { listingSummary, person } from './listings'
import { regionPath } from './regions'

/** 科创工作室: a 科技工作者's public page — who they are, what they offer, what they achieved. */
export const studio = z.object({
  person,
  region: regionPath.nullable(),
  /** From the staff-verified request; null until verified. */
  institution: z.string().nullable(),
  title: z.string().nullable(),
  /** Categories of their published offers and achievements, most used first. */
  fields: z.array(z.enum(CATEGORIES)),
  offers: z.array(listingSummary),
  achievements: z.array(listingSummary),
  /** 对接 that ended resolved: their own posts, and others' posts where they were accepted. */
  resolvedCount: z.number(),
})
export type Studio = z.infer<typeof studio>

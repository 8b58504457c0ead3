import { z } from 'zod'
import { CATEGORIES } from '../enums'
import { STUDIO_LIMITS, STUDIO_MESSAGES } from '../rules'
import { bodyId, text } from './common'
import { category, listingSummary, person, photo } from './listings'
import { regionPath } from './regions'

/** 科创工作室: a 科技工作者's public page — who they are, what they offer, what they achieved. */
export const studio = z.object({
  person,
  region: regionPath.nullable(),
  /** From the staff-verified request; null until verified. */
  institution: z.string().nullable(),
  title: z.string().nullable(),
  /** What the expert wrote about themselves ('' until they do). */
  intro: z.string(),
  /** Their studio photo; null: none chosen (the page shows the avatar). */
  photo: photo.nullable(),
  /** The fields they chose, in their order; until they choose, those of their published offers and achievements, most used first. */
  fields: z.array(z.enum(CATEGORIES)),
  offers: z.array(listingSummary),
  achievements: z.array(listingSummary),
  /** 对接 that ended resolved: their own posts, and others' posts where they were accepted. */
  resolvedCount: z.number(),
})
export type Studio = z.infer<typeof studio>

/** PUT /api/studios/me: an expert writes their studio (the whole of it each time). */
export const studioUpdateBody = z
  .object({
    intro: text(...STUDIO_LIMITS.intro),
    /** An upload id (POST /api/uploads) of their photo, or null for none. */
    photoId: bodyId.nullable(),
    // refine, not .max(): zod 4 also reports .max() on a value that is no list at all.
    fields: z
      .array(category)
      .refine((a) => a.length <= STUDIO_LIMITS.fields, { message: STUDIO_MESSAGES.tooManyFields })
      .refine((a) => new Set(a).size === a.length, { message: STUDIO_MESSAGES.duplicateField })
      .meta({ maxItems: STUDIO_LIMITS.fields }),
  })
  .meta({ examples: [{ intro: '从事高原牦牛养殖技术推广二十年，可以上门指导冬春补饲和疫病防治。', photoId: 12, fields: ['breeding', 'veterinary'] }] })
export type StudioUpdate = z.infer<typeof studioUpdateBody>

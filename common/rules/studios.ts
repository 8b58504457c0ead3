import { CATEGORIES } from '../enums'
import { ERROR_MESSAGES } from '../errors'
import { Problems, type FieldErrors, type FormOptions, type Limit } from './fields'

// An expert's own words for their 科创工作室: what common/schemas/studios.ts `studioUpdateBody` takes.

export const STUDIO_LIMITS = {
  /** A few paragraphs: who they are, what they can help with, how to reach them best. */
  intro: [0, 500] as Limit,
  /** 专业领域 chosen, in their order: more than a few says nothing. */
  fields: 5,
} as const

export const STUDIO_MESSAGES = {
  tooManyFields: `专业领域最多选 ${STUDIO_LIMITS.fields} 个`,
  duplicateField: '专业领域不能重复',
} as const

/** PUT /api/studios/me. */
export function validateStudio(input: object, opts: FormOptions = {}): FieldErrors {
  const v = input as Record<string, unknown>
  const p = new Problems(opts.labels)
  p.text('intro', v.intro, STUDIO_LIMITS.intro)
  if (v.photoId !== null) p.id('photoId', v.photoId)
  if (!Array.isArray(v.fields)) p.wrongType('fields')
  else {
    v.fields.forEach((c, i) => {
      if (!(CATEGORIES as readonly unknown[]).includes(c)) p.add(`fields.${i}`, ERROR_MESSAGES.CATEGORY_INVALID, true)
    })
    if (v.fields.length > STUDIO_LIMITS.fields) p.add('fields', STUDIO_MESSAGES.tooManyFields)
    else if (!p.stopped && new Set(v.fields).size !== v.fields.length) p.add('fields', STUDIO_MESSAGES.duplicateField)
  }
  return p.errors
}

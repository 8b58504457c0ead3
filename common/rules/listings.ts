import { ACHIEVEMENT_STAGES, CATEGORIES, CATEGORY_LABELS, LISTING_SIDES, MAX_LISTING_PHOTOS, TRANSFER_MODES, type Category, type ListingStatus } from '../enums'
import { ERROR_MESSAGES } from '../errors'
import { charCount } from '../text'
import { CONTROL_MESSAGE, FORMAT_MESSAGE, isRecord, lengthMessage, MAX_ID, Problems, textProblem, type FieldErrors, type FormOptions, type Limit } from './fields'
import { USER_LIMITS } from './users'

// 科技所能所需 posts and 科技成果 (achievements: listings of kind 'achievement', with a few fields
// of their own), the responses to them (对接) and the feedback after. The schemas:
// common/schemas/listings.ts.

export const LISTING_LIMITS = {
  title: [4, 40] as Limit,
  description: [10, 2000] as Limit,
  photos: MAX_LISTING_PHOTOS,
  contactName: USER_LIMITS.personName,
  /** e.g. "微信同号，晚上打" */
  contactNote: [0, 40] as Limit,
  proxyName: USER_LIMITS.personName,
  /** 单位 of a 科技成果. */
  institution: [2, 50] as Limit,
  /** A patent number as typed, spaces included. */
  patentNoMax: 40,
  /** 对接: what a responder says to the owner. */
  response: [2, 200] as Limit,
  feedback: [0, 200] as Limit,
  rating: [1, 5] as Limit,
} as const

export const ACHIEVEMENT_MESSAGES = {
  /** A post (kind 'post') carrying achievement fields. */
  onPost: '只有科技成果需要填写成果信息',
  side: '科技成果属于科技所能',
  proxy: '科技成果不能代发',
} as const

// ---------------------------------------------------------------- voice notes (issue 13)

/** A voice note's id as a body carries it (POST /api/uploads/voice answered it). */
export function isVoiceId(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_ID
}

/**
 * A need asked by voice: a herder who cannot type may send the note alone. Its title and
 * description may then be empty (the server titles it from the category: voiceTitle); staff and
 * the township's chair can correct the title later. Offers and 科技成果 keep their words.
 */
export function isVoiceOnlyNeed(v: Record<string, unknown>): boolean {
  return (v.kind === undefined || v.kind === 'post') && v.side === 'need' && isVoiceId(v.voiceId)
}

/** The title a need sent by voice without one gets: 语音求助·养殖. */
export function voiceTitle(category: Category): string {
  return `语音求助·${CATEGORY_LABELS[category]}`
}

/** What a text field beside a voice note must hold: nothing at least when `voice`, its own limit otherwise. */
export function limitBesideVoice([min, max]: Limit, voice: boolean): Limit {
  return voice ? [0, max] : [min, max]
}

/** A text a voice note may stand in for, as common/schemas/listings.ts `besideVoice` checks it. */
function textBesideVoice(p: Problems, path: string, value: unknown, limit: Limit, voice: boolean): void {
  if (typeof value !== 'string') return p.wrongType(path)
  const own = limitBesideVoice(limit, voice)
  const problem = textProblem(value, own)
  if (problem === 'control') p.add(path, CONTROL_MESSAGE)
  else if (problem) p.length(path, own, lengthMessage(own))
}

// ---------------------------------------------------------------- patent numbers

/** Upper case, no spaces: 'zl 2021 10123456.7' → 'ZL202110123456.7'. */
export function normalizePatentNo(s: string): string {
  return s.replace(/\s+/g, '').toUpperCase()
}

/**
 * A Chinese patent number (ZL optional + 8 or 12 digits + . + check digit or X) or a plant-variety
 * right (CNA + 8–9 digits + . + digit). Spaces and case do not matter; it is stored normalised.
 */
export function isPatentNo(s: string): boolean {
  const n = normalizePatentNo(s)
  return /^(ZL)?(\d{8}|\d{12})\.[\dX]$/.test(n) || /^CNA\d{8,9}\.\d$/.test(n)
}

// ---------------------------------------------------------------- what an owner may do

const EDITABLE: ReadonlySet<ListingStatus> = new Set(['pending', 'published', 'rejected'])

/**
 * What the owner may do with their listing in `status`: edit it while it is pending, public or
 * turned down; close it until it is closed or resolved; mark it resolved once public and at least
 * one response was accepted.
 */
export function listingActions(status: ListingStatus, hasAccepted: boolean): { canEdit: boolean; canClose: boolean; canResolve: boolean } {
  return {
    canEdit: EDITABLE.has(status),
    canClose: status !== 'closed' && status !== 'resolved',
    canResolve: status === 'published' && hasAccepted,
  }
}

// ---------------------------------------------------------------- forms

/**
 * A post or a 科技成果 as the publish form sends it (POST /api/listings, PUT /api/listings/:id).
 * `kind` decides the rest: a post may be posted for a farmer (proxy) and has no achievement
 * fields; a 科技成果 is an offer, never posted for someone, and must have them.
 */
export function validateListingForm(input: object, opts: FormOptions = {}): FieldErrors {
  const v = input as Record<string, unknown>
  const p = new Problems(opts.labels)
  const kind = v.kind === undefined ? 'post' : v.kind
  // An unknown kind is the only thing the server names: it cannot tell which form the rest is.
  if (kind !== 'post' && kind !== 'achievement') return { kind: FORMAT_MESSAGE }
  const achievement = kind === 'achievement'

  if (achievement) {
    if (v.side !== 'offer') p.add('side', ACHIEVEMENT_MESSAGES.side, true)
  } else p.oneOf('side', v.side, LISTING_SIDES)
  const voiceOnly = isVoiceOnlyNeed(v)
  textBesideVoice(p, 'title', v.title, LISTING_LIMITS.title, voiceOnly)
  p.oneOf('category', v.category, CATEGORIES, 'CATEGORY_INVALID')
  p.township('regionCode', v.regionCode)
  textBesideVoice(p, 'description', v.description, LISTING_LIMITS.description, voiceOnly)
  p.ids('photoIds', v.photoIds, LISTING_LIMITS.photos, 'PHOTO_LIMIT', Number.MAX_SAFE_INTEGER)
  if (v.voiceId !== undefined && v.voiceId !== null) p.id('voiceId', v.voiceId)
  const contact = p.object('contact', v.contact)
  if (contact) {
    p.text('contact.name', contact.name, LISTING_LIMITS.contactName)
    p.phone('contact.phone', contact.phone)
    p.text('contact.note', contact.note, LISTING_LIMITS.contactNote, { optional: true })
  }
  if (v.expertId !== undefined && v.expertId !== null) p.id('expertId', v.expertId)

  const proxy = v.proxy ?? null
  const fields = v.achievement ?? null
  if (achievement) {
    if (proxy !== null) p.add('proxy', ACHIEVEMENT_MESSAGES.proxy, true)
    if (fields === null) p.wrongType('achievement', 'ACHIEVEMENT_FIELDS_REQUIRED')
    else if (!isRecord(fields)) p.wrongType('achievement')
    else {
      p.oneOf('achievement.stage', fields.stage, ACHIEVEMENT_STAGES)
      p.oneOf('achievement.transferMode', fields.transferMode, TRANSFER_MODES)
      patentNo(p, 'achievement.patentNo', fields.patentNo)
      p.text('achievement.institution', fields.institution, LISTING_LIMITS.institution)
    }
  } else {
    if (fields !== null) p.add('achievement', ACHIEVEMENT_MESSAGES.onPost, true)
    if (proxy !== null) {
      const farmer = p.object('proxy', proxy)
      if (farmer) {
        p.text('proxy.name', farmer.name, LISTING_LIMITS.proxyName)
        p.phone('proxy.phone', farmer.phone)
        p.township('proxy.regionCode', farmer.regionCode)
        if (farmer.consent !== true) p.wrongType('proxy.consent', 'PROXY_CONSENT_REQUIRED')
      }
    }
  }
  return p.errors
}

/** Optional: null, undefined or an empty (or blank) field mean "no patent". */
function patentNo(p: Problems, path: string, value: unknown): void {
  if (value === undefined || value === null) return
  if (typeof value !== 'string') return p.wrongType(path)
  const n = normalizePatentNo(value)
  if (charCount(value) > LISTING_LIMITS.patentNoMax || (n !== '' && !isPatentNo(n))) p.add(path, ERROR_MESSAGES.PATENT_NO_INVALID)
}

/**
 * 对接 (an expert's answer too): a message to the owner, or a voice note with or without one, and
 * the phone they may call once accepted (the profile's when left out).
 */
export function validateResponse(input: object, opts: FormOptions = {}): FieldErrors {
  const v = input as Record<string, unknown>
  const p = new Problems(opts.labels)
  // Left out: nothing typed (enough when a voice note goes with it).
  textBesideVoice(p, 'message', v.message === undefined ? '' : v.message, LISTING_LIMITS.response, isVoiceId(v.voiceId))
  if (v.voiceId !== undefined && v.voiceId !== null) p.id('voiceId', v.voiceId)
  p.phone('phone', v.phone, true)
  return p.errors
}

/** Feedback after an accepted 对接: 1–5 stars and an optional text. */
export function validateFeedback(input: object, opts: FormOptions = {}): FieldErrors {
  const v = input as Record<string, unknown>
  const p = new Problems(opts.labels)
  p.integer('rating', v.rating, ...LISTING_LIMITS.rating)
  p.text('text', v.text, LISTING_LIMITS.feedback)
  return p.errors
}

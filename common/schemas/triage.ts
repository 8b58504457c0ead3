import { z } from 'zod'
import { ASSIGNMENT_STATUSES, FOLLOWUP_OUTCOMES, FOLLOWUP_ROUNDS, MAX_ASSIGNEES, TRIAGE_STATES, URGENT_REASONS } from '../rules/triage'
import { bodyId, cursorParam, mobilePhone, page, text } from './common'
import { month } from './dashboard'
import { listingSummary, person, voice } from './listings'
import { LISTING_EVENTS } from '../enums'
import { region, regionCode } from './regions'

// 科服保姆 on the wire (server/src/modules/triage): the queue of needs nobody has answered, the
// 保姆单 of each, assignments to experts, 问题解决了吗, and the figures that show how fast and how
// well an area answers.

export const triageQueueQuery = z.object({
  /** A county (or township) inside the caller's area; default: all of it. */
  region: regionCode.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: cursorParam,
})

export const assignment = z.object({
  id: z.number(),
  expert: person,
  status: z.enum(ASSIGNMENT_STATUSES),
  assignedAt: z.string(),
  dueAt: z.string(),
  declineReason: z.string().nullable(),
})
export type Assignment = z.infer<typeof assignment>

export const triageItem = z.object({
  listing: listingSummary,
  state: z.enum(TRIAGE_STATES),
  /** Set while the need is at the top of the queue, with why. */
  urgent: z.object({ since: z.string(), reason: z.enum(URGENT_REASONS) }).nullable(),
  publishedAt: z.string(),
  firstResponseAt: z.string().nullable(),
  assignments: z.array(assignment),
})
export type TriageItem = z.infer<typeof triageItem>

export const triageQueue = page(triageItem).extend({
  /** The counties the caller triages (staff: of their area; a 科服保姆: those they were appointed to). */
  areas: z.array(region),
})
export type TriageQueue = z.infer<typeof triageQueue>

/** GET /api/triage/me: what the 我的 page offers this person (the 分诊 entry, the figures entry). */
export const triageMe = z.object({
  /** The counties they triage (staff: of their area; a 科服保姆: those appointed to); empty: none. */
  areas: z.array(region),
  /** They may read figures (triage people, and a verified chair for their township). */
  figures: z.boolean(),
})
export type TriageMe = z.infer<typeof triageMe>

export const suggestedExpert = z.object({
  expert: person,
  /** What fits: the offer or achievement that matched, or the expert's own fields. */
  why: z.string(),
  /** Needs this expert has open assignments for now (so no one is swamped). */
  openAssignments: z.number(),
})

/** GET /api/triage/experts?q=: any verified expert by name (or the phone they bound), beyond the matching's. */
export const expertSearchQuery = z.object({ q: z.string().trim().min(1).max(20) })
export const expertSearch = z.object({ items: z.array(suggestedExpert) })

export const caseEvent = z.object({
  kind: z.enum(LISTING_EVENTS),
  at: z.string(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
})

export const followup = z.object({
  round: z.number(),
  outcome: z.enum(FOLLOWUP_OUTCOMES),
  note: z.string().nullable(),
  /** A spoken answer: its author hears it at once, those who read the 保姆单 once WeChat's audio check passed it. */
  voice: voice.nullable(),
  createdAt: z.string(),
})

/** 保姆单: one need's service record. */
export const triageCase = triageItem.extend({
  /** How to reach the asker, for those who triage it (代为回复 is a phone call); null for the chair reading the record. */
  contact: z
    .object({
      name: z.string(),
      phone: z.string(),
      note: z.string().nullable(),
      /** A need a chair posted for a farmer (代发): the farmer. */
      farmer: z.object({ name: z.string(), phone: z.string() }).nullable(),
    })
    .nullable(),
  acceptedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  outcome: z.enum(FOLLOWUP_OUTCOMES).nullable(),
  events: z.array(caseEvent),
  followups: z.array(followup),
  /** Only for those who triage it (empty for the township's chair, who reads the record). */
  suggestions: z.array(suggestedExpert),
  viewer: z.object({ canTriage: z.boolean() }),
})
export type TriageCase = z.infer<typeof triageCase>

export const assignInput = z
  .object({ expertIds: z.array(bodyId).min(1).max(MAX_ASSIGNEES) })
  .strict()
  .meta({ examples: [{ expertIds: [12, 15] }] })

/** 代为回复: what triage told the farmer on the phone; `resolved` when that settled it. */
export const callInput = z
  .object({ note: text(2, 500), resolved: z.boolean().default(false) })
  .strict()
  .meta({ examples: [{ note: '电话联系了县畜牧站，已告知牦牛腹泻的处理办法和用药。', resolved: false }] })

export const declineInput = z.object({ reason: text(2, 200) }).strict().meta({ examples: [{ reason: '不熟悉牦牛疾病，建议找兽医' }] })

/** An expert's assignments, newest first. */
export const myAssignment = assignment.omit({ expert: true }).extend({ listing: listingSummary })
export const myAssignments = z.object({ items: z.array(myAssignment) })

/** 问题解决了吗: the farmer's answer, with an optional note or voice note. */
export const followupInput = z
  .object({
    outcome: z.enum(FOLLOWUP_OUTCOMES),
    note: text(0, 300).optional(),
    voiceId: bodyId.nullable().default(null),
  })
  .strict()
  .meta({ examples: [{ outcome: 'solved' }, { outcome: 'unsolved', note: '吃了药还是不好' }] })

/** What the follow-up page shows its author: the question that is waiting, if any. */
export const followupState = z.object({
  listing: listingSummary,
  /** 7 or 30 when that question is waiting for an answer; null when none is. */
  asking: z.union(FOLLOWUP_ROUNDS.map((r) => z.literal(r)) as unknown as [z.ZodLiteral<7>, z.ZodLiteral<30>]).nullable(),
  answers: z.array(followup),
})
export type FollowupState = z.infer<typeof followupState>

export const keeper = z.object({ user: person, county: region, appointedAt: z.string() })
export const keeperList = z.object({ items: z.array(keeper) })
export const keeperInput = z
  .object({ phone: mobilePhone, countyCode: regionCode })
  .strict()
  .meta({ examples: [{ phone: '13900001111', countyCode: '513328' }] })

export const figuresQuery = z.object({
  region: regionCode.optional(),
  /** Default: the current China-time month. */
  month: month.optional(),
})

export const figures = z.object({
  /** Needs published in the month. */
  needs: z.number(),
  /** …of which answered (a response or triage's 代为回复). */
  answered: z.number(),
  /** Median minutes from publication to the first answer, over answered needs; null when none. */
  medianFirstResponseMinutes: z.number().nullable(),
  /**
   * Share answered within 48 hours (0…1) of the month's needs whose 48 hours are over or that were
   * answered in them (a younger need still waiting counts neither way); null when there are none.
   */
  answeredWithin48h: z.number().nullable(),
  /** The share's numbers: needs answered within 48 hours, of the needs counted (see above). */
  within48h: z.object({ answered: z.number(), of: z.number() }),
  /** Share of the month's needs resolved. */
  resolved: z.number().nullable(),
  /** The farmers' latest answers to 问题解决了吗. */
  outcomes: z.object({ solved: z.number(), partial: z.number(), unsolved: z.number() }),
})
export type Figures = z.infer<typeof figures>

export const areaFigures = z.object({ region, figures })
export const triageFigures = z.object({
  region,
  month,
  figures,
  /** The level below (counties of a prefecture …), most needs first. */
  children: z.array(areaFigures),
  /** The month's ranking of the counties in the area: within 48 h first, then median, then resolved. */
  ranking: z.array(areaFigures.extend({ rank: z.number() })),
})
export type TriageFigures = z.infer<typeof triageFigures>

/** An expert's own record, on their studio. */
export const expertRecord = z.object({
  answered: z.number(),
  medianMinutes: z.number().nullable(),
  outcomes: z.object({ solved: z.number(), partial: z.number(), unsolved: z.number() }),
})
export type ExpertRecord = z.infer<typeof expertRecord>

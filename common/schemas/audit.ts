import { z } from 'zod'
import { AUDIT_ACTIONS, AUDIT_TARGETS } from '../enums'
import { cursorParam, dbId, page } from './common'

/** GET /api/staff/audit: newest first, narrowed by any of these; `cursor` is the previous page's `next`. */
export const auditQuery = z
  .object({
    actorId: dbId.optional(),
    action: z.enum(AUDIT_ACTIONS).optional(),
    targetType: z.enum(AUDIT_TARGETS).optional(),
    /** Only with targetType: a row id, or a region code for targets. */
    targetId: z.string().regex(/^\d{1,12}$/).optional(),
    /** From this instant (inclusive) to that one (exclusive), ISO 8601 with a zone. */
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    cursor: cursorParam,
    /** Compatibility (remove 2027-03-01): the last id of the previous page, as builds before `cursor` send. */
    before: dbId.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .refine((q) => q.targetId === undefined || q.targetType !== undefined, { message: '按对象编号筛选时请同时选择对象类型', path: ['targetId'] })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), { message: '开始时间须早于结束时间', path: ['from'] })

export const auditEntry = z.object({
  id: z.number(),
  /** null: an operator at the server's shell (the grant-staff and import-newspaper scripts). */
  actor: z.object({ id: z.number(), name: z.string() }).nullable(),
  action: z.enum(AUDIT_ACTIONS),
  targetType: z.enum(AUDIT_TARGETS),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  reason: z.string().nullable(),
  createdAt: z.string(),
})
export type AuditEntry = z.infer<typeof auditEntry>

export const auditPage = page(auditEntry).extend({
  /** Compatibility (remove 2027-03-01): the last id shown, for builds that read it instead of `next`. */
  nextBefore: z.number().nullable(),
})
export type AuditPage = z.infer<typeof auditPage>

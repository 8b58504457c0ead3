import { userInfo } from 'node:os'
import type { Selectable } from 'kysely'
import type { AuditAction, AuditTarget } from '../../../../common/enums'
import type { AuditLogTable, Db } from '../../db/database'

// Staff decisions as they are made. `recordAudit` takes the decision's own transaction, so the
// entry exists exactly when the decision does: a refused or rolled-back decision leaves none.

export type AuditRow = Selectable<AuditLogTable>

export interface AuditRecord {
  /** The staff member; null for an operator at the server's shell. */
  actorId: number | null
  action: AuditAction
  targetType: AuditTarget
  targetId: number | string | null
  /** What changed: ids, stages, the award… (no personal data: the log outlives accounts). */
  details?: Record<string, unknown>
  reason?: string | null
  at: Date | string
}

export async function recordAudit(db: Db, r: AuditRecord): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: r.actorId,
      action: r.action,
      target_type: r.targetType,
      target_id: r.targetId === null ? null : String(r.targetId),
      details: JSON.stringify(r.details ?? {}),
      reason: r.reason ?? null,
      created_at: typeof r.at === 'string' ? r.at : r.at.toISOString(),
    })
    .execute()
}

export interface AuditFilter {
  actorId?: number
  action?: AuditAction
  targetType?: AuditTarget
  targetId?: string
  from?: string
  to?: string
  before?: number
}

export function findAudit(db: Db, f: AuditFilter, limit: number): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_log').selectAll()
  if (f.actorId !== undefined) q = q.where('actor_id', '=', f.actorId)
  if (f.action) q = q.where('action', '=', f.action)
  if (f.targetType) q = q.where('target_type', '=', f.targetType)
  if (f.targetId !== undefined) q = q.where('target_id', '=', f.targetId)
  // Stored as ISO strings in UTC on SQLite (text compares in time order), timestamptz on PostgreSQL.
  if (f.from) q = q.where('created_at', '>=', new Date(f.from).toISOString())
  if (f.to) q = q.where('created_at', '<', new Date(f.to).toISOString())
  if (f.before !== undefined) q = q.where('id', '<', f.before)
  return q.orderBy('id', 'desc').limit(limit).execute()
}

/** Who ran a script at the server's shell (there is no staff account behind it): kept in `details`. */
export function scriptDetails(script: string): { via: string; operator: string } {
  let operator = process.env.SUDO_USER || process.env.USER || 'unknown'
  try {
    operator = process.env.SUDO_USER || userInfo().username
  } catch {
    // No passwd entry for this uid (some containers): keep what the environment says.
  }
  return { via: script, operator }
}

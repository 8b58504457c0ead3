import type { AuditAction, AuditTarget } from '../../../../common/enums'
import type { AuditPage } from '../../../../common/schemas/audit'
import { SICHUAN_CODE } from '../../../../common/schemas/regions'
import type { Deps } from '../../deps'
import { forbidden } from '../../errors'
import { beforeId, nextAfter } from '../../lib/cursor'
import { displayName, findPeople } from '../users/people'
import { staffScope } from '../users/roles'
import type { UserRow } from '../users/users.repository'
import { findAudit, type AuditFilter } from './audit.repository'

// Reading the log is for staff who act for the whole province: a county's staff would otherwise
// learn what other areas decided (and which posts and people were involved).

export async function listAudit(deps: Pick<Deps, 'db'>, staff: UserRow, filter: AuditFilter & { limit: number; cursor?: string }): Promise<AuditPage> {
  if (staffScope(staff) !== SICHUAN_CODE) throw forbidden()
  const rows = await findAudit(deps.db, { ...filter, before: beforeId(filter) }, filter.limit + 1)
  const page = rows.slice(0, filter.limit)
  const { next, lastId } = nextAfter(rows, filter.limit)
  const people = await findPeople(deps.db, page.flatMap((r) => (r.actor_id === null ? [] : [r.actor_id])))
  return {
    items: page.map((r) => ({
      id: r.id,
      actor: r.actor_id === null ? null : { id: r.actor_id, name: displayName(people.get(r.actor_id)) },
      action: r.action as AuditAction,
      targetType: r.target_type as AuditTarget,
      targetId: r.target_id,
      details: JSON.parse(r.details) as Record<string, unknown>,
      reason: r.reason,
      createdAt: r.created_at,
    })),
    next,
    // Compatibility for older builds, remove 2027-03-01.
    nextBefore: lastId,
  }
}

import type { BulkOutcome } from '../../../../common/schemas/review'
import { AppError } from '../../errors'

// Bulk decisions run the single-item decision once per item, one after the other, each in its own
// transaction: the same authorisation, audit entry, 我的消息 and notice as a tap on one item, and
// an item that cannot be decided (decided meanwhile, outside the area, gone) is reported, not
// thrown, so it never undoes or blocks the rest. Anything else (a database failure) still throws:
// the items before it stay decided and staff see the error, as after a failed single tap.
const OUTCOMES: Partial<Record<string, BulkOutcome>> = { ALREADY_REVIEWED: 'already', FORBIDDEN: 'forbidden', NOT_FOUND: 'missing' }

export async function decideEach<T>(items: readonly T[], decideOne: (item: T) => Promise<void>): Promise<Array<{ item: T; outcome: BulkOutcome }>> {
  const results: Array<{ item: T; outcome: BulkOutcome }> = []
  for (const item of items) {
    try {
      await decideOne(item)
      results.push({ item, outcome: 'done' })
    } catch (err) {
      const outcome = err instanceof AppError ? OUTCOMES[err.code] : undefined
      if (!outcome) throw err
      results.push({ item, outcome })
    }
  }
  return results
}

import type { Db } from '../../db/database'
import { eraseViewer } from './sharing.repository'

/**
 * Account deletion, the sharing part. The opens the person made stay counted for the sharers, but
 * nothing in them names the person or their phone any more: viewer_id goes and the key becomes
 * 'x:<row id>', one per row, so their opens cannot even be told to be one person's. (A person's
 * rows are all keyed 'u:<id>': folding a phone into its owner rewrites its rows, so the key finds
 * them all.) Their phones (visitors) are forgotten. Registrations they brought or made stay
 * counted: share_registrations holds only ids, and the users row they name is erased. Their own
 * codes stop working — lookups skip deleted sharers — so new opens of them are not credited.
 */
export function eraseSharing(db: Db, userId: number): Promise<void> {
  return eraseViewer(db, userId)
}

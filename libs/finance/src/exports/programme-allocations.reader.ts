import { Cents, sqlRows, SqlRunner } from '@mptf/platform';
import { LedgerKind } from '../ledger-kind';

/** What a programme has been allocated (its ALLOCATION entries summed), for another lib. */
export interface ProgrammeAllocation {
  proposalId: string;
  amount: Cents;
}

/**
 * Every programme's allocated US$ above zero, from the ledger (issue 16: other libs read finance's
 * tables only through its exports). Read in the caller's transaction (the decision pack's snapshot).
 * With `asOf`, only allocations recorded at or before that moment (the pack's agenda moment).
 */
export function programmeAllocations(db: SqlRunner, asOf?: Date): Promise<ProgrammeAllocation[]> {
  return sqlRows<{ proposal_id: string; amount: string }, ProgrammeAllocation>(
    db,
    `SELECT proposal_id, sum(amount)::text AS amount FROM ledger_entries
      WHERE kind = $1 AND proposal_id IS NOT NULL ${asOf ? 'AND created_at <= $2' : ''}
      GROUP BY proposal_id HAVING sum(amount) > 0`,
    asOf ? [LedgerKind.ALLOCATION, asOf] : [LedgerKind.ALLOCATION],
    (row) => ({ proposalId: row.proposal_id, amount: BigInt(row.amount) }),
  );
}

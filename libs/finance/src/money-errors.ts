import { Cents, ConflictError, DomainError, ErrorCode, formatMoney } from '@mptf/platform';

/** 409 INSUFFICIENT_FUNDS naming the rule and the amount still available (never below zero). */
export function insufficient(rule: string, message: string, available: Cents): DomainError {
  return new DomainError(ErrorCode.INSUFFICIENT_FUNDS, message, [
    { rule, message, available: formatMoney(available > 0n ? available : 0n) },
  ]);
}

/** Unique indexes that allow one reversal per entry (ledger) and per report (expenditure). */
const ONE_REVERSAL_INDEXES = ['ledger_entries_corrects_idx', 'expenditure_reports_reverses_idx'];

export function alreadyReversed(what: string, id: string): ConflictError {
  return new ConflictError(`${what} ${id} is already reversed`, [
    { rule: 'REVERSED_ONCE', message: 'an entry is reversed at most once' },
  ]);
}

export function reversalOfReversal(what: string, id: string): ConflictError {
  return new ConflictError(`${what} ${id} is itself a reversal: record the entry again instead`, [
    { rule: 'NOT_A_REVERSAL', message: 'a reversing entry cannot be reversed' },
  ]);
}

/**
 * Runs a reversal's transaction. The services check "not yet reversed" under their locks; should
 * two reversals of one entry still meet (a path without the lock), the database's unique index
 * refuses the second, and it gets the same 409 as one that saw the first.
 */
export async function oneReversal<T>(what: string, id: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const { code, constraint } = error as { code?: string; constraint?: string };
    if (code === '23505' && constraint && ONE_REVERSAL_INDEXES.includes(constraint))
      throw alreadyReversed(what, id);
    throw error;
  }
}

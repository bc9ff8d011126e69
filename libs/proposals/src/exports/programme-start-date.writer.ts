import type { SqlRunner } from '@mptf/platform';

/**
 * Moves an active programme's start date without a change of status: finance sets it to the
 * date of the first transfer still standing when a transfer is reversed (the first transfer
 * itself sets it through the lifecycle, `ProposalAction.FIRST_TRANSFER`). Call it under the
 * proposal's lock (`ProposalStatusService.lock`).
 */
export async function setProgrammeStartDate(
  db: SqlRunner,
  proposalId: string,
  startDate: string,
): Promise<void> {
  await db.query(
    `UPDATE proposals SET start_date = $2, updated_at = now() WHERE id = $1 AND start_date IS DISTINCT FROM $2::date`,
    [proposalId, startDate],
  );
}

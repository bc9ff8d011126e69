import { Injectable } from '@nestjs/common';
import { Cents, SqlRunner, sqlRows } from '@mptf/platform';
import { LedgerKind } from './ledger-kind';

export interface ReallocationEntry {
  id: string;
  orgCode: string;
  amount: string;
  entryDate: string;
}

/** The allocation entries a programme revision posts (migration RevisionReallocation). */
@Injectable()
export class ReallocationRepository {
  ofRevision(db: SqlRunner, revisionId: string): Promise<ReallocationEntry[]> {
    return sqlRows<ReallocationEntry>(
      db,
      `SELECT e.id, o.code AS "orgCode", e.amount::text AS amount, e.entry_date::text AS "entryDate"
         FROM ledger_entries e JOIN identity_organizations_v o ON o.id = e.organization_id
        WHERE e.revision_id = $1 ORDER BY o.code`,
      [revisionId],
    );
  }

  /** Posts the entries; one per revision and PUNO (the unique index), so a second posting adds nothing. */
  async post(
    db: SqlRunner,
    entry: {
      programmeId: string;
      revisionId: string;
      date: string;
      actorId: string | null;
      description: string;
    },
    changes: { organizationId: string; amount: Cents }[],
  ): Promise<number> {
    const rows = await sqlRows<{ id: string }>(
      db,
      `INSERT INTO ledger_entries (kind, entry_date, year, amount, proposal_id, organization_id, revision_id,
                                   description, actor_id)
       SELECT $1, $2::date, extract(year FROM $2::date)::smallint, c.amount, $3, c.organization_id, $4, $5, $6
         FROM unnest($7::uuid[], $8::bigint[]) AS c(organization_id, amount)
       ON CONFLICT (revision_id, organization_id) WHERE revision_id IS NOT NULL DO NOTHING
       RETURNING id`,
      [
        LedgerKind.ALLOCATION,
        entry.date,
        entry.programmeId,
        entry.revisionId,
        entry.description,
        entry.actorId,
        changes.map((c) => c.organizationId),
        changes.map((c) => c.amount.toString()),
      ],
    );
    return rows.length;
  }
}

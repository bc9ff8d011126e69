import { Injectable } from '@nestjs/common';
import { sqlRow, sqlRows, SqlRunner } from '@mptf/platform';
import { LedgerKind } from './ledger-kind';

export interface CurrencyPositionRow {
  currency: string;
  committedOriginal: bigint;
  paidOriginal: bigint;
  committedUsd: bigint;
  paidUsd: bigint;
}

export interface AreaRow {
  code: number;
  title: string;
  earmarkedUsd: bigint;
  transfersUsd: bigint;
}

const big = (value: string | null) => BigInt(value ?? '0');

/** One donor's standing in the fund, read from the ledger (ledger_entries, netting reversals). */
@Injectable()
export class DonorPositionRepository {
  /** The donor's name, or null when no organization has that code. */
  donor(db: SqlRunner, code: string): Promise<{ id: string; code: string; name: string } | null> {
    return sqlRow(db, 'SELECT id, code, name FROM identity_organizations_v WHERE code = $1', [code]);
  }

  /** Commitments and deposits per currency, in that currency and in US$ at each entry's own rate. */
  byCurrency(db: SqlRunner, donorId: string): Promise<CurrencyPositionRow[]> {
    return sqlRows(
      db,
      `SELECT currency,
              coalesce(sum(original_amount) FILTER (WHERE kind = '${LedgerKind.COMMITMENT}'), 0)::text AS c_orig,
              coalesce(sum(original_amount) FILTER (WHERE kind = '${LedgerKind.DEPOSIT}'), 0)::text AS d_orig,
              coalesce(sum(amount) FILTER (WHERE kind = '${LedgerKind.COMMITMENT}'), 0)::text AS c_usd,
              coalesce(sum(amount) FILTER (WHERE kind = '${LedgerKind.DEPOSIT}'), 0)::text AS d_usd
         FROM ledger_entries
        WHERE donor_org_id = $1 AND kind IN ('${LedgerKind.COMMITMENT}', '${LedgerKind.DEPOSIT}')
        GROUP BY currency ORDER BY currency`,
      [donorId],
      (row: { currency: string; c_orig: string; d_orig: string; c_usd: string; d_usd: string }) => ({
        currency: row.currency,
        committedOriginal: big(row.c_orig),
        paidOriginal: big(row.d_orig),
        committedUsd: big(row.c_usd),
        paidUsd: big(row.d_usd),
      }),
    );
  }

  /** The donor's deposits net of AA fees, and every donor's, in US$ cents. */
  async netDeposits(db: SqlRunner, donorId: string): Promise<{ own: bigint; all: bigint }> {
    const net = `CASE WHEN kind = '${LedgerKind.AA_FEE}' THEN -amount ELSE amount END`;
    const row = await sqlRow<{ own: string; all: string }>(
      db,
      `SELECT coalesce(sum(${net}) FILTER (WHERE donor_org_id = $1), 0)::text AS own,
              coalesce(sum(${net}), 0)::text AS all
         FROM ledger_entries WHERE kind IN ('${LedgerKind.DEPOSIT}', '${LedgerKind.AA_FEE}')`,
      [donorId],
    );
    return { own: big(row?.own ?? null), all: big(row?.all ?? null) };
  }

  /** Per thematic area: what the donor earmarked to it, and the fund's transfers net of refunds. */
  areas(db: SqlRunner, donorId: string): Promise<AreaRow[]> {
    return sqlRows(
      db,
      `SELECT a.code, a.title,
              coalesce((SELECT sum(e.amount) FROM ledger_entries e
                         WHERE e.kind = '${LedgerKind.DEPOSIT}' AND e.donor_org_id = $1
                           AND e.earmark_thematic_area_code = a.code), 0)::text AS earmarked,
              coalesce((SELECT sum(CASE WHEN e.kind = '${LedgerKind.REFUND}' THEN -e.amount ELSE e.amount END)
                          FROM ledger_entries e JOIN proposals_summary_v p ON p.id = e.proposal_id
                         WHERE e.kind IN ('${LedgerKind.TRANSFER}', '${LedgerKind.REFUND}')
                           AND p.thematic_area_code = a.code), 0)::text AS transfers
         FROM reference_thematic_areas_v a ORDER BY a.code`,
      [donorId],
      (row: { code: number; title: string; earmarked: string; transfers: string }) => ({
        code: Number(row.code),
        title: row.title,
        earmarkedUsd: big(row.earmarked),
        transfersUsd: big(row.transfers),
      }),
    );
  }

  /**
   * Organizations that may contribute (active, of a contributor type), by name; those that have
   * contributed first when `contributedOnly` is false. `q` matches a word of the name or the code
   * by prefix, case- and accent-insensitively.
   */
  donors(
    db: SqlRunner,
    filter: { types: readonly string[]; q?: string; contributedOnly: boolean },
  ): Promise<{ code: string; name: string; type: string; hasContributed: boolean }[]> {
    const q = (filter.q ?? '').trim().toLowerCase();
    return sqlRows(
      db,
      `SELECT o.code, o.name, o.type,
              EXISTS (SELECT 1 FROM ledger_entries e WHERE e.donor_org_id = o.id
                         AND e.kind IN ('${LedgerKind.COMMITMENT}', '${LedgerKind.DEPOSIT}')) AS "hasContributed"
         FROM identity_organizations_v o
        WHERE o.active AND o.type = ANY($1)
          AND ($2 = '' OR lower(o.code) LIKE $2 || '%'
               OR lower(o.name) LIKE $2 || '%' OR lower(o.name) LIKE '% ' || $2 || '%')
          AND (NOT $3 OR EXISTS (SELECT 1 FROM ledger_entries e WHERE e.donor_org_id = o.id
                                   AND e.kind IN ('${LedgerKind.COMMITMENT}', '${LedgerKind.DEPOSIT}')))
        ORDER BY o.name`,
      [filter.types, q.replace(/[%_\\]/g, ''), filter.contributedOnly],
    );
  }
}

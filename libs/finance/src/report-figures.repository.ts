import { Injectable } from '@nestjs/common';
import { SqlRunner, sqlRows } from '@mptf/platform';
import { endOfYear, proposalStatusAsOfIsSql, ProposalStatus } from '@mptf/proposals';
import { CONTRIBUTION_KINDS, LedgerKind, PROGRAMME_KINDS } from './ledger-kind';

/** One PUNO's money on one programme, cut at a year, as text (bigint sums). */
export interface PunoSumsRow {
  proposal_id: string;
  org_code: string;
  org_name: string;
  allocated: string;
  transferred: string;
  refunded: string;
  expenditure: string;
}

/** A donor's contributions in one currency, cut at a year. */
export interface DonorCurrencyRow {
  code: string;
  name: string;
  currency: string;
  committed_original: string;
  deposited_original: string;
  committed_usd: string;
  deposited_usd: string;
  deposited_usd_in_year: string;
  fees: string;
  fees_in_year: string;
}

/** The rate of the latest contribution in a currency on or before the cut-off. */
export interface LatestRateRow {
  currency: string;
  usd: string;
  original: string;
  date: string;
}

export interface EarmarkRow {
  area: number | null;
  deposits: string;
  deposits_in_year: string;
}

export interface PipelineRow {
  reference: string;
  title: string;
  thematic_area_code: number;
  requested: string;
}

export interface ClosureRow {
  proposal_id: string;
  operational: string | null;
  financial: string | null;
}

/** A cut-off after every entry: the year column is a smallint of four digits. */
export const MAX_YEAR = 9999;

/**
 * `puno_ledger_sums` cut at the end of a year, as a relation with its columns: the kept sums less
 * the programme entries (kinds bound as `kinds`) booked for a later year (bound as `year`).
 */
export function punoSumsCut(kinds: string, year: string): string {
  const later = (kind: LedgerKind) => `coalesce(sum(amount) FILTER (WHERE kind = '${kind}'), 0)`;
  return `(SELECT s.proposal_id, s.organization_id,
                  s.allocated - coalesce(l.allocated, 0) AS allocated,
                  s.transferred - coalesce(l.transferred, 0) AS transferred,
                  s.refunded - coalesce(l.refunded, 0) AS refunded,
                  s.expenditure - coalesce(l.expenditure, 0) AS expenditure
             FROM puno_ledger_sums s
             LEFT JOIN (SELECT proposal_id, organization_id,
                               ${later(LedgerKind.ALLOCATION)} AS allocated, ${later(LedgerKind.TRANSFER)} AS transferred,
                               ${later(LedgerKind.REFUND)} AS refunded, ${later(LedgerKind.EXPENDITURE)} AS expenditure
                          FROM ledger_entries
                         WHERE proposal_id IS NOT NULL AND kind = ANY(${kinds}) AND year > ${year}
                         GROUP BY proposal_id, organization_id) l
                    ON l.proposal_id = s.proposal_id AND l.organization_id = s.organization_id)`;
}

/**
 * The sums the donor reports need cut at 31 December of a year. A PUNO's programme money comes
 * from `puno_ledger_sums` (the one PUNO sum) less the entries booked for later years, so the sum
 * stays the one kept by the ledger's trigger and only the few later entries are read.
 */
@Injectable()
export class ReportFiguresRepository {
  /** Each PUNO's money per programme to the end of `throughYear` (everything without one). */
  async punoSumsThrough(db: SqlRunner, throughYear?: number): Promise<PunoSumsRow[]> {
    return sqlRows<PunoSumsRow>(
      db,
      `SELECT s.proposal_id, o.code AS org_code, o.name AS org_name,
              s.allocated::text, s.transferred::text, s.refunded::text, s.expenditure::text
         FROM ${punoSumsCut('$1', '$2')} s
         JOIN identity_organizations_v o ON o.id = s.organization_id
        ORDER BY s.proposal_id, o.code`,
      [PROGRAMME_KINDS, throughYear ?? MAX_YEAR],
    );
  }

  /** Per donor and currency: commitments and deposits (original and US$) and AA fees to the cut-off. */
  async donorCurrencies(
    db: SqlRunner,
    filter: { throughYear: number; donorCode?: string },
  ): Promise<DonorCurrencyRow[]> {
    return sqlRows<DonorCurrencyRow>(
      db,
      `WITH entries AS (
         SELECT e.*, coalesce(e.currency, d.currency) AS pledge_currency
           FROM ledger_entries e
           -- A fee has no currency of its own: it is in the currency of the deposit it was taken on.
           LEFT JOIN ledger_entries d ON d.id = e.related_entry_id AND e.kind = '${LedgerKind.AA_FEE}'
          WHERE e.kind = ANY($1) AND e.donor_org_id IS NOT NULL AND e.year <= $2)
       SELECT o.code, o.name, coalesce(e.pledge_currency, 'USD') AS currency,
              coalesce(sum(e.original_amount) FILTER (WHERE e.kind = '${LedgerKind.COMMITMENT}'), 0)::text AS committed_original,
              coalesce(sum(e.original_amount) FILTER (WHERE e.kind = '${LedgerKind.DEPOSIT}'), 0)::text AS deposited_original,
              coalesce(sum(e.amount) FILTER (WHERE e.kind = '${LedgerKind.COMMITMENT}'), 0)::text AS committed_usd,
              coalesce(sum(e.amount) FILTER (WHERE e.kind = '${LedgerKind.DEPOSIT}'), 0)::text AS deposited_usd,
              coalesce(sum(e.amount) FILTER (WHERE e.kind = '${LedgerKind.DEPOSIT}' AND e.year = $2), 0)::text AS deposited_usd_in_year,
              coalesce(sum(e.amount) FILTER (WHERE e.kind = '${LedgerKind.AA_FEE}'), 0)::text AS fees,
              coalesce(sum(e.amount) FILTER (WHERE e.kind = '${LedgerKind.AA_FEE}' AND e.year = $2), 0)::text AS fees_in_year
         FROM entries e JOIN identity_organizations_v o ON o.id = e.donor_org_id
        WHERE ($3::text IS NULL OR o.code = $3)
        GROUP BY o.code, o.name, 3
        ORDER BY o.code, 3`,
      [[...CONTRIBUTION_KINDS, LedgerKind.AA_FEE], filter.throughYear, filter.donorCode ?? null],
    );
  }

  /**
   * Per currency, the latest standing contribution (commitment or deposit, not a reversal nor
   * reversed) on or before the end of `throughYear`: its US$ and original amounts give the rate.
   */
  async latestRates(db: SqlRunner, throughYear: number): Promise<LatestRateRow[]> {
    return sqlRows<LatestRateRow>(
      db,
      `SELECT DISTINCT ON (e.currency) e.currency, e.amount::text AS usd,
              e.original_amount::text AS original, to_char(e.entry_date, 'YYYY-MM-DD') AS date
         FROM ledger_entries e
        WHERE e.kind = ANY($1) AND e.year <= $2 AND e.corrects_entry_id IS NULL AND e.original_amount > 0
          AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.corrects_entry_id = e.id)
        ORDER BY e.currency, e.entry_date DESC, e.seq DESC`,
      [CONTRIBUTION_KINDS, throughYear],
    );
  }

  /** Deposits per earmarked thematic area (null: unearmarked), to the cut-off and in its year. */
  async depositsByEarmark(db: SqlRunner, throughYear: number): Promise<EarmarkRow[]> {
    return sqlRows<EarmarkRow>(
      db,
      `SELECT earmark_thematic_area_code AS area, sum(amount)::text AS deposits,
              coalesce(sum(amount) FILTER (WHERE year = $2), 0)::text AS deposits_in_year
         FROM ledger_entries WHERE kind = $1 AND year <= $2
        GROUP BY 1 ORDER BY 1 NULLS LAST`,
      [LedgerKind.DEPOSIT, throughYear],
    );
  }

  /**
   * Proposals the SC endorsed and keeps in the pipeline for lack of funds, with what they ask for;
   * with `throughYear`, those in the pipeline at 31 December of it (their status timeline).
   */
  async pipeline(db: SqlRunner, throughYear?: number): Promise<PipelineRow[]> {
    const inPipeline = throughYear === undefined ? 'status = $1' : proposalStatusAsOfIsSql('id', '$1', '$2');
    return sqlRows<PipelineRow>(
      db,
      `SELECT reference, title, thematic_area_code, requested_total::text AS requested
         FROM proposals_summary_v WHERE ${inPipeline} ORDER BY reference`,
      throughYear === undefined
        ? [ProposalStatus.PIPELINE]
        : [ProposalStatus.PIPELINE, endOfYear(throughYear)],
    );
  }

  /** When each programme was operationally and financially closed (the latest such change). */
  async closureDates(db: SqlRunner): Promise<ClosureRow[]> {
    return sqlRows<ClosureRow>(
      db,
      `SELECT proposal_id,
              to_char(max(occurred_at) FILTER (WHERE to_status = $1), 'YYYY-MM-DD') AS operational,
              to_char(max(occurred_at) FILTER (WHERE to_status = $2), 'YYYY-MM-DD') AS financial
         FROM proposals_status_changes_v WHERE to_status = ANY(ARRAY[$1, $2])
        GROUP BY proposal_id`,
      [ProposalStatus.OPERATIONALLY_CLOSED, ProposalStatus.FINANCIALLY_CLOSED],
    );
  }
}

import { Injectable } from '@nestjs/common';
import { formatMoney, positionalParams, SqlRunner, sqlRow, sqlRows, sumCents } from '@mptf/platform';
import { LedgerKind } from './ledger-kind';
import { ExpenditureReportView } from './programme-money.types';

/** One PUNO's year of expenditure on a programme. */
export interface ExpenditureYear {
  proposalId: string;
  organizationId: string;
  year: number;
}

/** An expenditure entry that counts: an original line nobody has reversed. */
export interface StandingLine {
  id: string;
  category: number;
  amount: bigint;
}

export interface ReportForReversal {
  id: string;
  organizationId: string;
  orgCode: string;
  year: number;
  version: number;
  reversesReportId: string | null;
  reversedBy: string | null;
}

interface ReportRow {
  id: string;
  org_code: string;
  year: number;
  version: number;
  submitted_at: Date;
  submitted_by: string | null;
  current: boolean;
  lines: { categoryCode: number; amount: string }[];
  reverses: string | null;
  reversed_by: string | null;
  reason: string | null;
}

const STANDING = `e.corrects_entry_id IS NULL
  AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.corrects_entry_id = e.id)`;

const toStandingLine = (row: { id: string; category: number; amount: string }): StandingLine => ({
  id: row.id,
  category: row.category,
  amount: BigInt(row.amount),
});

/**
 * Expenditure reports: each submission is a version of a PUNO's year, its lines posted as
 * EXPENDITURE entries of the ledger; a new version reverses the lines of the one before.
 */
@Injectable()
export class ExpenditureReportRepository {
  /** The lines of the year's current version: its entries nobody has reversed yet, in posting order. */
  async standingLinesOfYear(db: SqlRunner, of: ExpenditureYear): Promise<StandingLine[]> {
    return sqlRows(
      db,
      `SELECT e.id, e.budget_category_code AS category, e.amount::text AS amount
         FROM ledger_entries e
        WHERE e.kind = '${LedgerKind.EXPENDITURE}' AND e.proposal_id = $1 AND e.organization_id = $2 AND e.year = $3
          AND ${STANDING}
        ORDER BY e.seq`,
      [of.proposalId, of.organizationId, of.year],
      toStandingLine,
    );
  }

  /** The lines of one report that still count, in posting order. */
  async standingLinesOfReport(db: SqlRunner, reportId: string): Promise<StandingLine[]> {
    return sqlRows(
      db,
      `SELECT e.id, e.budget_category_code AS category, e.amount::text AS amount
         FROM ledger_entries e
        WHERE e.expenditure_report_id = $1 AND ${STANDING}
        ORDER BY e.seq`,
      [reportId],
      toStandingLine,
    );
  }

  /** The year's latest version number, 0 before any report. */
  async latestVersion(db: SqlRunner, of: ExpenditureYear): Promise<number> {
    const row = await sqlRow<{ version: number }>(
      db,
      `SELECT coalesce(max(version), 0) AS version FROM expenditure_reports
        WHERE proposal_id = $1 AND organization_id = $2 AND year = $3`,
      [of.proposalId, of.organizationId, of.year],
    );
    return row?.version ?? 0;
  }

  /** A new version of the year; a reversing version names the report it reverses and why. */
  async insert(
    db: SqlRunner,
    report: ExpenditureYear & { version: number; submittedBy: string; reverses?: string; reason?: string },
  ): Promise<string> {
    const [{ id }] = await sqlRows<{ id: string }>(
      db,
      `INSERT INTO expenditure_reports (proposal_id, organization_id, year, version, submitted_by, reverses_report_id, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        report.proposalId,
        report.organizationId,
        report.year,
        report.version,
        report.submittedBy,
        report.reverses ?? null,
        report.reason ?? null,
      ],
    );
    return id;
  }

  async findForReversal(
    db: SqlRunner,
    reportId: string,
    programmeId: string,
  ): Promise<ReportForReversal | null> {
    return sqlRow<ReportForReversal>(
      db,
      `SELECT r.id, r.organization_id AS "organizationId", o.code AS "orgCode", r.year, r.version,
              r.reverses_report_id AS "reversesReportId",
              (SELECT x.id FROM expenditure_reports x WHERE x.reverses_report_id = r.id) AS "reversedBy"
         FROM expenditure_reports r JOIN identity_organizations_v o ON o.id = r.organization_id
        WHERE r.id = $1 AND r.proposal_id = $2`,
      [reportId, programmeId],
    );
  }

  /** A programme's reports (all versions), newest first; optionally one PUNO, one year or one report. */
  async list(
    db: SqlRunner,
    programmeId: string,
    filter: { orgCode?: string; year?: number; reportId?: string } = {},
  ): Promise<ExpenditureReportView[]> {
    const params: unknown[] = [];
    const bind = positionalParams(params);
    const conditions = [`r.proposal_id = ${bind(programmeId)}`];
    if (filter.orgCode) conditions.push(`o.code = ${bind(filter.orgCode)}`);
    if (filter.year !== undefined) conditions.push(`r.year = ${bind(filter.year)}`);
    if (filter.reportId) conditions.push(`r.id = ${bind(filter.reportId)}`);
    return sqlRows(
      db,
      `SELECT r.id, o.code AS org_code, r.year, r.version, r.submitted_at, u.email AS submitted_by,
              r.reverses_report_id AS reverses, r.reason,
              (SELECT x.id FROM expenditure_reports x WHERE x.reverses_report_id = r.id) AS reversed_by,
              r.version = (SELECT max(x.version) FROM expenditure_reports x WHERE x.proposal_id = r.proposal_id
                             AND x.organization_id = r.organization_id AND x.year = r.year) AS current,
              coalesce((SELECT json_agg(json_build_object('categoryCode', e.budget_category_code, 'amount', e.amount::text)
                                        ORDER BY e.budget_category_code)
                          FROM ledger_entries e WHERE e.expenditure_report_id = r.id AND e.corrects_entry_id IS NULL), '[]') AS lines
         FROM expenditure_reports r
         JOIN identity_organizations_v o ON o.id = r.organization_id
         LEFT JOIN identity_users_v u ON u.id = r.submitted_by
        WHERE ${conditions.join(' AND ')}
        ORDER BY r.year DESC, o.code, r.version DESC`,
      params,
      (row: ReportRow): ExpenditureReportView => ({
        id: row.id,
        programmeId,
        orgCode: row.org_code,
        year: row.year,
        version: row.version,
        current: row.current,
        lines: row.lines.map((line) => ({
          categoryCode: line.categoryCode,
          amount: formatMoney(line.amount),
        })),
        total: formatMoney(sumCents(row.lines.map((line) => BigInt(line.amount)))),
        submittedAt: new Date(row.submitted_at).toISOString(),
        submittedBy: row.submitted_by,
        reversedBy: row.reversed_by,
        reverses: row.reverses,
        reason: row.reason,
      }),
    );
  }
}

import { Injectable } from '@nestjs/common';
import { positionalParams, SqlRunner, sqlRow, sqlRows } from '@mptf/platform';
import { orderBy, prefixPattern } from './list-sort';
import { ExpectedObligation, ObligationKind, ObligationStatus } from './obligation-schedule';

export interface ObligationView {
  id: string;
  programmeId: string;
  reference: string;
  title: string;
  kind: ObligationKind;
  year: number | null;
  /** The PUNO of a financial report; null for a narrative one (the convening agency's). */
  orgCode: string | null;
  convenerCode: string;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  status: ObligationStatus;
  /** Days past the due date while DUE work is still missing. */
  daysOverdue: number | null;
  submittedOn: string | null;
  /** Days a submission came after its due date. */
  lateByDays: number | null;
  progressReportId: string | null;
}

/** An obligation the daily scan tells its agency about. */
export interface ObligationNotice {
  id: string;
  programmeId: string;
  reference: string;
  title: string;
  kind: ObligationKind;
  year: number | null;
  dueDate: string;
  status: ObligationStatus;
  organizationId: string;
}

export interface ObligationFilter {
  today: string;
  programmeId?: string;
  status?: ObligationStatus;
  /** Obligations of this agency: its financial reports, and the narrative ones of its programmes. */
  organizationCode?: string;
  /** Row scope: only programmes this organization takes part in. */
  scopeOrganizationId?: string | null;
  q?: string;
  sort?: string;
  /** Late ones only: overdue, or submitted after the due date. */
  late?: boolean;
  /** Reporting year: the annual ones of that year and final ones whose period ends in it. */
  year?: number;
  page: number;
  pageSize: number;
}

const SORTABLE = {
  dueDate: 'due_date',
  status: 'status',
  kind: 'kind',
  reference: 'reference',
  daysOverdue: 'days_overdue',
  year: 'year',
  orgCode: 'org_code',
};

/**
 * Each obligation's status comes from the clock and the work itself, never stored: a narrative one
 * from its progress report, an annual financial one from the PUNO's expenditure report of that
 * year (finance's ledger), every financial one ACCEPTED at the programme's financial closure.
 */
const WITH_STATUS = `
  WITH o AS (
    SELECT ob.id, ob.proposal_id, ob.kind, ob.year, ob.organization_id, ob.period_start, ob.period_end, ob.due_date,
           ob.due_notified_on, ob.overdue_notified_on, ps.convener_org_id,
           ps.reference, ps.title, ps.status AS programme_status, conv.code AS convener_code, org.code AS org_code,
           pr.id AS report_id, pr.status AS report_status, pr.first_submitted_on,
           CASE WHEN ob.kind = 'ANNUAL_FINANCIAL' THEN
             (SELECT min(e.entry_date) FROM finance_programme_entry_v e
               WHERE e.proposal_id = ob.proposal_id AND e.organization_id = ob.organization_id
                 AND e.year = ob.year AND e.kind = 'EXPENDITURE' AND e.corrects_entry_id IS NULL) END AS expenditure_on
      FROM reporting_obligations ob
      JOIN proposals_summary_v ps ON ps.id = ob.proposal_id
      JOIN identity_organizations_v conv ON conv.id = ps.convener_org_id
      LEFT JOIN identity_organizations_v org ON org.id = ob.organization_id
      LEFT JOIN progress_reports pr ON pr.obligation_id = ob.id
     WHERE ob.cancelled_at IS NULL
  ), d AS (
    SELECT o.*,
           CASE WHEN o.kind IN ('ANNUAL_NARRATIVE', 'FINAL_NARRATIVE') THEN
                  CASE o.report_status WHEN 'ACCEPTED' THEN 'ACCEPTED' WHEN 'SUBMITTED' THEN 'SUBMITTED' END
                WHEN o.programme_status = 'FINANCIALLY_CLOSED' THEN 'ACCEPTED'
                WHEN o.expenditure_on IS NOT NULL THEN 'SUBMITTED' END AS done_status,
           CASE WHEN o.kind IN ('ANNUAL_NARRATIVE', 'FINAL_NARRATIVE') THEN o.first_submitted_on
                ELSE o.expenditure_on END AS submitted_on
      FROM o
  ), s AS (
    SELECT d.*,
           coalesce(d.done_status, CASE WHEN d.due_date < $1::date THEN 'OVERDUE' ELSE 'DUE' END) AS status,
           CASE WHEN d.done_status IS NULL AND d.due_date < $1::date THEN $1::date - d.due_date END AS days_overdue,
           CASE WHEN d.submitted_on > d.due_date THEN d.submitted_on - d.due_date END AS late_by_days
      FROM d
  )`;

interface Row {
  id: string;
  proposal_id: string;
  reference: string;
  title: string;
  kind: ObligationKind;
  year: number | null;
  org_code: string | null;
  convener_code: string;
  period_start: string;
  period_end: string;
  due_date: string;
  status: ObligationStatus;
  days_overdue: number | null;
  submitted_on: string | null;
  late_by_days: number | null;
  report_id: string | null;
}

function toView(row: Row): ObligationView {
  return {
    id: row.id,
    programmeId: row.proposal_id,
    reference: row.reference,
    title: row.title,
    kind: row.kind,
    year: row.year,
    orgCode: row.org_code,
    convenerCode: row.convener_code,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    dueDate: row.due_date,
    status: row.status,
    daysOverdue: row.days_overdue,
    submittedOn: row.submitted_on,
    lateByDays: row.late_by_days,
    progressReportId: row.report_id,
  };
}

@Injectable()
export class ObligationsRepository {
  /** Inserts the expected obligations, re-dates the existing ones, cancels those no longer expected. */
  async reconcile(db: SqlRunner, programmeId: string, expected: ExpectedObligation[]): Promise<void> {
    const rows = await sqlRows<{ id: string }>(
      db,
      `INSERT INTO reporting_obligations (proposal_id, kind, year, organization_id, period_start, period_end, due_date)
       SELECT $1, e.kind, e.year, e.organization_id, e.period_start, e.period_end, e.due_date
         FROM jsonb_to_recordset($2::jsonb) AS e(kind text, year int, organization_id uuid, period_start date, period_end date, due_date date)
       ON CONFLICT (proposal_id, kind, coalesce(year, 0), coalesce(organization_id, '00000000-0000-0000-0000-000000000000'::uuid))
       DO UPDATE SET period_start = EXCLUDED.period_start, period_end = EXCLUDED.period_end,
                     due_date = EXCLUDED.due_date, cancelled_at = NULL
       RETURNING id`,
      [
        programmeId,
        JSON.stringify(
          expected.map((e) => ({
            kind: e.kind,
            year: e.year,
            organization_id: e.organizationId,
            period_start: e.periodStart,
            period_end: e.periodEnd,
            due_date: e.dueDate,
          })),
        ),
      ],
    );
    // Work already done on a cancelled obligation stays readable: only untouched ones are cancelled.
    await db.query(
      `UPDATE reporting_obligations ob SET cancelled_at = now()
        WHERE ob.proposal_id = $1 AND ob.cancelled_at IS NULL AND NOT (ob.id = ANY($2::uuid[]))
          AND NOT EXISTS (SELECT 1 FROM progress_reports pr WHERE pr.obligation_id = ob.id)`,
      [programmeId, rows.map((row) => row.id)],
    );
  }

  /** How many obligations the programme has that are not cancelled. */
  async openCount(db: SqlRunner, programmeId: string): Promise<number> {
    const [row] = await sqlRows<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM reporting_obligations WHERE proposal_id = $1 AND cancelled_at IS NULL`,
      [programmeId],
    );
    return row.n;
  }

  /** Cancels every obligation not yet worked on (a programme back to APPROVED). */
  async cancelAll(db: SqlRunner, programmeId: string): Promise<void> {
    await this.reconcile(db, programmeId, []);
  }

  async list(db: SqlRunner, filter: ObligationFilter): Promise<{ items: ObligationView[]; total: number }> {
    const params: unknown[] = [filter.today];
    const bind = positionalParams(params);
    const where: string[] = [];
    if (filter.programmeId) where.push(`s.proposal_id = ${bind(filter.programmeId)}`);
    if (filter.status) where.push(`s.status = ${bind(filter.status)}`);
    if (filter.late) where.push(`(s.days_overdue > 0 OR s.late_by_days > 0)`);
    if (filter.year !== undefined) {
      const year = bind(filter.year);
      where.push(`(s.year = ${year} OR (s.year IS NULL AND extract(year FROM s.period_end) = ${year}))`);
    }
    if (filter.organizationCode) {
      const code = bind(filter.organizationCode);
      where.push(`(s.org_code = ${code} OR (s.organization_id IS NULL AND EXISTS (
                    SELECT 1 FROM proposals_participants_v pp JOIN identity_organizations_v po ON po.id = pp.organization_id
                     WHERE pp.proposal_id = s.proposal_id AND po.code = ${code})))`);
    }
    if (filter.scopeOrganizationId !== undefined) {
      const org = bind(filter.scopeOrganizationId);
      where.push(
        `EXISTS (SELECT 1 FROM proposals_participants_v pp WHERE pp.proposal_id = s.proposal_id AND pp.organization_id = ${org})`,
      );
    }
    if (filter.q?.trim()) {
      const pattern = bind(prefixPattern(filter.q));
      const word = bind(`% ${prefixPattern(filter.q)}`);
      where.push(
        `(s.reference ILIKE ${pattern} OR s.title ILIKE ${pattern} OR s.title ILIKE ${word} OR s.org_code ILIKE ${pattern})`,
      );
    }
    const condition = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const order = orderBy(filter.sort, SORTABLE, 'due_date, reference, kind, org_code NULLS FIRST, id');
    const limit = bind(filter.pageSize);
    const offset = bind((filter.page - 1) * filter.pageSize);
    const rows = await sqlRows<Row & { total: string }>(
      db,
      `${WITH_STATUS}
       SELECT s.id, s.proposal_id, s.reference, s.title, s.kind, s.year, s.org_code, s.convener_code,
              to_char(s.period_start, 'YYYY-MM-DD') AS period_start, to_char(s.period_end, 'YYYY-MM-DD') AS period_end,
              to_char(s.due_date, 'YYYY-MM-DD') AS due_date, s.status, s.days_overdue,
              to_char(s.submitted_on, 'YYYY-MM-DD') AS submitted_on, s.late_by_days, s.report_id,
              count(*) OVER () AS total
         FROM s ${condition}
        ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    return { items: rows.map(toView), total: rows.length ? Number(rows[0].total) : 0 };
  }

  /** Counts per status (the fund unit's home, the portfolio), within the same scope rules. */
  async counts(
    db: SqlRunner,
    today: string,
    scopeOrganizationId?: string | null,
  ): Promise<Record<ObligationStatus, number>> {
    const params: unknown[] = [today];
    const bind = positionalParams(params);
    const scope =
      scopeOrganizationId !== undefined
        ? `WHERE EXISTS (SELECT 1 FROM proposals_participants_v pp WHERE pp.proposal_id = s.proposal_id AND pp.organization_id = ${bind(scopeOrganizationId)})`
        : '';
    const rows = await sqlRows<{ status: ObligationStatus; n: string }>(
      db,
      `${WITH_STATUS} SELECT s.status, count(*) AS n FROM s ${scope} GROUP BY s.status`,
      params,
    );
    const counts = { DUE: 0, OVERDUE: 0, SUBMITTED: 0, ACCEPTED: 0 };
    for (const row of rows) counts[row.status] = Number(row.n);
    return counts;
  }

  /**
   * Obligations to tell their agency about (the daily scan): due within `horizonDays` and not yet
   * told so, or overdue and not yet told so; with the agency responsible (the PUNO of a financial
   * report, the convening agency of a narrative one).
   */
  noticesDue(db: SqlRunner, today: string, horizonDays: number): Promise<ObligationNotice[]> {
    return sqlRows<ObligationNotice>(
      db,
      `${WITH_STATUS}
       SELECT s.id, s.proposal_id AS "programmeId", s.reference, s.title, s.kind, s.year,
              to_char(s.due_date, 'YYYY-MM-DD') AS "dueDate", s.status,
              coalesce(s.organization_id, s.convener_org_id) AS "organizationId"
         FROM s
        WHERE (s.status = 'DUE' AND s.due_date <= $1::date + $2::int AND s.due_notified_on IS NULL)
           OR (s.status = 'OVERDUE' AND s.overdue_notified_on IS NULL)
        ORDER BY s.due_date, s.reference`,
      [today, horizonDays],
    );
  }

  /** Locks the obligation's row and says whether its agency was already told of `status`. */
  async lockNotified(db: SqlRunner, obligationId: string, status: ObligationStatus): Promise<boolean> {
    const row = await sqlRow<{ told: boolean }>(
      db,
      `SELECT (CASE WHEN $2 = 'OVERDUE' THEN overdue_notified_on ELSE due_notified_on END) IS NOT NULL AS told
         FROM reporting_obligations WHERE id = $1 FOR UPDATE`,
      [obligationId, status],
    );
    return row?.told ?? true;
  }

  async markNotified(
    db: SqlRunner,
    obligationId: string,
    status: ObligationStatus,
    today: string,
  ): Promise<void> {
    const column = status === ObligationStatus.OVERDUE ? 'overdue_notified_on' : 'due_notified_on';
    await db.query(`UPDATE reporting_obligations SET ${column} = $2 WHERE id = $1`, [obligationId, today]);
  }

  async find(
    db: SqlRunner,
    obligationId: string,
  ): Promise<{
    id: string;
    programmeId: string;
    kind: ObligationKind;
    periodStart: string;
    periodEnd: string;
    cancelled: boolean;
  } | null> {
    return sqlRow(
      db,
      `SELECT id, proposal_id AS "programmeId", kind, to_char(period_start, 'YYYY-MM-DD') AS "periodStart",
              to_char(period_end, 'YYYY-MM-DD') AS "periodEnd", cancelled_at IS NOT NULL AS cancelled
         FROM reporting_obligations WHERE id = $1`,
      [obligationId],
    );
  }
}

import { Injectable } from '@nestjs/common';
import { SqlRunner, sqlRow, sqlRows } from '@mptf/platform';

export enum ProgressReportStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  ACCEPTED = 'ACCEPTED',
}

export interface SectionText {
  progress: string;
  challenges: string;
  adjustments: string;
  genderHumanRights: string;
  story: string;
}

export interface SectionRow extends SectionText {
  resultKey: string;
  orgCode: string;
  organizationId: string;
  updatedBy: string;
  updatedAt: string;
}

export interface ProgressReportRow {
  id: string;
  programmeId: string;
  reference: string;
  title: string;
  obligationId: string;
  kind: string;
  year: number | null;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  status: ProgressReportStatus;
  version: number;
  createdAt: string;
  firstSubmittedOn: string | null;
  acceptedOn: string | null;
}

export interface ReportVersionRow {
  version: number;
  content: unknown;
  submittedBy: { id: string; name: string };
  submittedAt: string;
  outcome: 'ACCEPTED' | 'RETURNED' | null;
  reviewComment: string | null;
  reviewedBy: { id: string; name: string } | null;
  reviewedAt: string | null;
}

const SELECT = `
  SELECT pr.id, pr.proposal_id AS "programmeId", ps.reference, ps.title, pr.obligation_id AS "obligationId",
         ob.kind, ob.year, to_char(ob.period_start, 'YYYY-MM-DD') AS "periodStart",
         to_char(ob.period_end, 'YYYY-MM-DD') AS "periodEnd", to_char(ob.due_date, 'YYYY-MM-DD') AS "dueDate",
         pr.status, pr.version, pr.created_at AS "createdAt",
         to_char(pr.first_submitted_on, 'YYYY-MM-DD') AS "firstSubmittedOn", to_char(pr.accepted_on, 'YYYY-MM-DD') AS "acceptedOn"
    FROM progress_reports pr
    JOIN reporting_obligations ob ON ob.id = pr.obligation_id
    JOIN proposals_summary_v ps ON ps.id = pr.proposal_id`;

function iso(row: ProgressReportRow): ProgressReportRow {
  return { ...row, createdAt: new Date(row.createdAt).toISOString() };
}

@Injectable()
export class ProgressReportsRepository {
  async insert(
    db: SqlRunner,
    input: { programmeId: string; obligationId: string; createdBy: string },
  ): Promise<string | null> {
    const row = await sqlRow<{ id: string }>(
      db,
      `INSERT INTO progress_reports (proposal_id, obligation_id, status, created_by) VALUES ($1, $2, 'DRAFT', $3)
       ON CONFLICT (obligation_id) DO NOTHING RETURNING id`,
      [input.programmeId, input.obligationId, input.createdBy],
    );
    return row?.id ?? null;
  }

  find(db: SqlRunner, id: string, lock = false): Promise<ProgressReportRow | null> {
    return sqlRow<ProgressReportRow, ProgressReportRow>(
      db,
      `${SELECT} WHERE pr.id = $1 ${lock ? 'FOR UPDATE OF pr' : ''}`,
      [id],
      iso,
    );
  }

  ofProgramme(db: SqlRunner, programmeId: string): Promise<ProgressReportRow[]> {
    return sqlRows<ProgressReportRow, ProgressReportRow>(
      db,
      `${SELECT} WHERE pr.proposal_id = $1 ORDER BY ob.period_end, ob.kind`,
      [programmeId],
      iso,
    );
  }

  /** Accepted reports (for the reporting lib), optionally of one programme or one reporting year. */
  accepted(
    db: SqlRunner,
    filter: { programmeId?: string; year?: number },
  ): Promise<(ProgressReportRow & { content: unknown })[]> {
    return sqlRows(
      db,
      `${SELECT.replace(
        'FROM progress_reports pr',
        `, v.content FROM progress_reports pr
         JOIN progress_report_versions v ON v.report_id = pr.id AND v.version = pr.version`,
      )}
        WHERE pr.status = 'ACCEPTED' AND ($1::uuid IS NULL OR pr.proposal_id = $1)
          AND ($2::int IS NULL OR extract(year FROM ob.period_end) = $2)
        ORDER BY ps.reference, ob.period_end`,
      [filter.programmeId ?? null, filter.year ?? null],
    );
  }

  sections(db: SqlRunner, reportId: string): Promise<SectionRow[]> {
    return sqlRows<SectionRow>(
      db,
      `SELECT s.result_key AS "resultKey", o.code AS "orgCode", s.organization_id AS "organizationId", s.progress,
              s.challenges, s.adjustments, s.gender_human_rights AS "genderHumanRights", s.story,
              s.updated_by AS "updatedBy", s.updated_at AS "updatedAt"
         FROM progress_report_sections s JOIN identity_organizations_v o ON o.id = s.organization_id
        WHERE s.report_id = $1 ORDER BY s.result_key, o.code`,
      [reportId],
    );
  }

  async upsertSection(
    db: SqlRunner,
    input: SectionText & { reportId: string; resultKey: string; organizationId: string; updatedBy: string },
  ): Promise<void> {
    await db.query(
      `INSERT INTO progress_report_sections (report_id, result_key, organization_id, progress, challenges, adjustments,
                                             gender_human_rights, story, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (report_id, result_key, organization_id) DO UPDATE SET
         progress = EXCLUDED.progress, challenges = EXCLUDED.challenges, adjustments = EXCLUDED.adjustments,
         gender_human_rights = EXCLUDED.gender_human_rights, story = EXCLUDED.story,
         updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [
        input.reportId,
        input.resultKey,
        input.organizationId,
        input.progress,
        input.challenges,
        input.adjustments,
        input.genderHumanRights,
        input.story,
        input.updatedBy,
      ],
    );
    await db.query(`UPDATE progress_reports SET updated_at = now() WHERE id = $1`, [input.reportId]);
  }

  async submit(
    db: SqlRunner,
    reportId: string,
    version: number,
    content: unknown,
    by: string,
    today: string,
  ): Promise<void> {
    await db.query(
      `INSERT INTO progress_report_versions (report_id, version, content, submitted_by) VALUES ($1, $2, $3, $4)`,
      [reportId, version, JSON.stringify(content), by],
    );
    await db.query(
      `UPDATE progress_reports SET status = 'SUBMITTED', version = $2, updated_at = now(),
              first_submitted_on = coalesce(first_submitted_on, $3::date) WHERE id = $1`,
      [reportId, version, today],
    );
  }

  async review(
    db: SqlRunner,
    reportId: string,
    version: number,
    review: { outcome: 'ACCEPTED' | 'RETURNED'; comment: string | null; by: string; today: string },
  ): Promise<void> {
    await db.query(
      `UPDATE progress_report_versions SET outcome = $3, review_comment = $4, reviewed_by = $5, reviewed_at = now()
        WHERE report_id = $1 AND version = $2`,
      [reportId, version, review.outcome, review.comment, review.by],
    );
    await db.query(
      `UPDATE progress_reports SET status = $2, updated_at = now(),
              accepted_on = CASE WHEN $2 = 'ACCEPTED' THEN $3::date END WHERE id = $1`,
      [reportId, review.outcome, review.today],
    );
  }

  versions(db: SqlRunner, reportId: string): Promise<ReportVersionRow[]> {
    return sqlRows<ReportVersionRow, ReportVersionRow>(
      db,
      `SELECT v.version, v.content, json_build_object('id', su.id, 'name', su.name) AS "submittedBy", v.submitted_at AS "submittedAt",
              v.outcome, v.review_comment AS "reviewComment",
              CASE WHEN ru.id IS NULL THEN NULL ELSE json_build_object('id', ru.id, 'name', ru.name) END AS "reviewedBy",
              v.reviewed_at AS "reviewedAt"
         FROM progress_report_versions v
         JOIN identity_users_v su ON su.id = v.submitted_by
         LEFT JOIN identity_users_v ru ON ru.id = v.reviewed_by
        WHERE v.report_id = $1 ORDER BY v.version`,
      [reportId],
      (row) => ({
        ...row,
        submittedAt: new Date(row.submittedAt).toISOString(),
        reviewedAt: row.reviewedAt ? new Date(row.reviewedAt).toISOString() : null,
      }),
    );
  }
}

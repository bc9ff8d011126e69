import { Injectable } from '@nestjs/common';
import {
  BindParam,
  offsetOf,
  orderByOf,
  positionalParams,
  searchPatterns,
  SqlRunner,
  sqlRow,
  sqlRows,
} from '@mptf/platform';
import { fromDb } from './decimal';
import { ActualStatus, DisaggregationPart, IndicatorMeasure } from './results.types';
import type { ActualsQuery, ActualView, CreateActualInput } from './actuals.service';

interface ActualRow {
  id: string;
  indicator_id: string;
  indicator_key: string;
  indicator_title: string;
  measure: IndicatorMeasure;
  proposal_id: string;
  reference: string;
  period_start: string;
  period_end: string;
  value: string | null;
  narrative: string;
  disaggregation: DisaggregationPart[];
  status: ActualStatus;
  review_comment: string | null;
  created_at: Date;
  submitted_at: Date | null;
  reviewed_at: Date | null;
}

const ACTUAL_SELECT = `
  SELECT a.id, a.indicator_id, i.key AS indicator_key, i.title AS indicator_title, i.measure, a.proposal_id,
         p.reference, a.period_start::text AS period_start, a.period_end::text AS period_end,
         a.value::text AS value, a.narrative, a.status, a.review_comment, a.created_at, a.submitted_at,
         a.reviewed_at,
         coalesce((SELECT json_agg(json_build_object('dimension', d.dimension, 'category', d.category,
                                                     'value', d.value::text) ORDER BY d.position)
                   FROM actual_disaggregations d WHERE d.actual_id = a.id), '[]'::json) AS disaggregation
  FROM indicator_actuals a
  JOIN indicators i ON i.id = a.indicator_id
  JOIN proposals_summary_v p ON p.id = a.proposal_id`;

/** What the actuals list sorts by, and the column each sorts on. */
export const ACTUAL_SORT_FIELDS: Record<string, string> = {
  programmeReference: 'p.reference',
  indicatorKey: 'i.key',
  indicatorTitle: 'lower(i.title)',
  periodStart: 'a.period_start',
  periodEnd: 'a.period_end',
  value: 'a.value',
  status: 'a.status',
  createdAt: 'a.created_at',
  submittedAt: 'a.submitted_at',
  reviewedAt: 'a.reviewed_at',
};

function toView(row: ActualRow): ActualView {
  return {
    id: row.id,
    indicatorId: row.indicator_id,
    indicatorKey: row.indicator_key,
    indicatorTitle: row.indicator_title,
    measure: row.measure,
    programmeId: row.proposal_id,
    programmeReference: row.reference,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    value: fromDb(row.value),
    narrative: row.narrative,
    disaggregation: row.disaggregation.map((d) => ({ ...d, value: fromDb(d.value) as string })),
    status: row.status,
    reviewComment: row.review_comment,
    createdAt: row.created_at.toISOString(),
    submittedAt: row.submitted_at?.toISOString() ?? null,
    reviewedAt: row.reviewed_at?.toISOString() ?? null,
  };
}

export interface DueRow {
  indicator_id: string;
  indicator_key: string;
  indicator_title: string;
  result_key: string;
  period_start: string;
  period_end: string;
  actual_id: string | null;
  actual_status: ActualStatus | null;
}

/** Which actuals a reader may list, as an SQL condition over `p` (the proposal) and `a` (the actual). */
export type ActualsScope = (bind: BindParam) => string;

/** Actuals per indicator and reporting period, with their disaggregation. */
@Injectable()
export class ActualRepository {
  async find(db: SqlRunner, id: string, lock = false): Promise<ActualView | null> {
    return sqlRow(db, `${ACTUAL_SELECT} WHERE a.id = $1 ${lock ? 'FOR UPDATE OF a' : ''}`, [id], toView);
  }

  async proposalOf(db: SqlRunner, actualId: string): Promise<string | null> {
    const row = await sqlRow<{ proposal_id: string }>(
      db,
      `SELECT proposal_id FROM indicator_actuals WHERE id = $1`,
      [actualId],
    );
    return row?.proposal_id ?? null;
  }

  async indicator(
    db: SqlRunner,
    indicatorId: string,
  ): Promise<{ proposalId: string; measure: IndicatorMeasure } | null> {
    return sqlRow(db, `SELECT proposal_id AS "proposalId", measure FROM indicators WHERE id = $1`, [
      indicatorId,
    ]);
  }

  /** The indicator's target periods, the only periods actuals are reported for. */
  async periods(db: SqlRunner, indicatorId: string): Promise<{ start: string; end: string }[]> {
    return sqlRows(
      db,
      `SELECT period_start::text AS start, period_end::text AS end FROM indicator_targets
        WHERE indicator_id = $1 ORDER BY period_start`,
      [indicatorId],
    );
  }

  async findForPeriod(
    db: SqlRunner,
    indicatorId: string,
    period: { periodStart: string; periodEnd: string },
  ): Promise<{ id: string; status: ActualStatus } | null> {
    return sqlRow(
      db,
      `SELECT id, status FROM indicator_actuals WHERE indicator_id = $1 AND period_start = $2 AND period_end = $3`,
      [indicatorId, period.periodStart, period.periodEnd],
    );
  }

  async insert(
    db: SqlRunner,
    actual: CreateActualInput & { indicatorId: string; proposalId: string; createdBy: string },
  ): Promise<string> {
    const [{ id }] = await sqlRows<{ id: string }>(
      db,
      `INSERT INTO indicator_actuals (indicator_id, proposal_id, period_start, period_end, value, narrative, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        actual.indicatorId,
        actual.proposalId,
        actual.periodStart,
        actual.periodEnd,
        actual.value,
        actual.narrative,
        actual.createdBy,
      ],
    );
    await this.insertDisaggregation(db, id, actual.disaggregation);
    return id;
  }

  async update(
    db: SqlRunner,
    id: string,
    next: { value: string | null; narrative: string; disaggregation?: DisaggregationPart[] },
  ): Promise<void> {
    await db.query(
      `UPDATE indicator_actuals SET value = $2, narrative = $3, updated_at = now() WHERE id = $1`,
      [id, next.value, next.narrative],
    );
    if (!next.disaggregation) return;
    await db.query(`DELETE FROM actual_disaggregations WHERE actual_id = $1`, [id]);
    await this.insertDisaggregation(db, id, next.disaggregation);
  }

  async markSubmitted(db: SqlRunner, id: string, status: ActualStatus, by: string): Promise<void> {
    await db.query(
      `UPDATE indicator_actuals SET status = $2, submitted_at = now(), submitted_by = $3, updated_at = now()
        WHERE id = $1`,
      [id, status, by],
    );
  }

  async markReviewed(
    db: SqlRunner,
    id: string,
    review: { status: ActualStatus; by: string; comment: string | null },
  ): Promise<void> {
    await db.query(
      `UPDATE indicator_actuals SET status = $2, reviewed_at = now(), reviewed_by = $3, review_comment = $4,
         updated_at = now()
        WHERE id = $1`,
      [id, review.status, review.by, review.comment],
    );
  }

  /** The actuals `scope` lets the reader see, matching the query, oldest first, with their total. */
  async list(
    db: SqlRunner,
    query: ActualsQuery,
    scope: ActualsScope,
  ): Promise<{ total: number; items: ActualView[] }> {
    const params: unknown[] = [];
    const bind = positionalParams(params);
    const where = [scope(bind)];
    if (query.status) where.push(`a.status = ${bind(query.status)}`);
    if (query.programmeId) where.push(`a.proposal_id = ${bind(query.programmeId)}`);
    if (query.indicatorId) where.push(`a.indicator_id = ${bind(query.indicatorId)}`);
    const search = searchPatterns(query.q);
    if (search) {
      const contains = bind(search.contains);
      // Reference, indicator title and narrative by part (trigram indexes), the indicator key by prefix.
      where.push(
        `(lower(p.reference) LIKE ${contains} OR lower(i.title) LIKE ${contains}
          OR lower(i.key) LIKE ${bind(search.prefix)} OR lower(a.narrative) LIKE ${contains})`,
      );
    }
    const condition = where.join(' AND ');
    const sorted = orderByOf(query.sort, ACTUAL_SORT_FIELDS).map((term) => `${term} NULLS LAST`);
    const count = await sqlRow<{ total: number }>(
      db,
      `SELECT count(*)::int AS total FROM indicator_actuals a JOIN proposals_summary_v p ON p.id = a.proposal_id
        JOIN indicators i ON i.id = a.indicator_id
        WHERE ${condition}`,
      params,
    );
    const items = await sqlRows(
      db,
      `${ACTUAL_SELECT} WHERE ${condition}
       ORDER BY ${[...sorted, 'coalesce(a.submitted_at, a.created_at)', 'a.id'].join(', ')}
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, offsetOf(query)],
      toView,
    );
    return { total: count?.total ?? 0, items };
  }

  /** Target periods ended before `today` without an approved actual, oldest first. */
  async due(db: SqlRunner, programmeId: string, today: string): Promise<DueRow[]> {
    return sqlRows<DueRow>(
      db,
      `SELECT i.id AS indicator_id, i.key AS indicator_key, i.title AS indicator_title, r.key AS result_key,
              t.period_start::text AS period_start, t.period_end::text AS period_end,
              a.id AS actual_id, a.status AS actual_status
         FROM indicator_targets t
         JOIN indicators i ON i.id = t.indicator_id
         JOIN matrix_results r ON r.id = i.result_id
         LEFT JOIN indicator_actuals a ON a.indicator_id = t.indicator_id
           AND a.period_start = t.period_start AND a.period_end = t.period_end
        WHERE i.proposal_id = $1 AND t.period_end < $2 AND (a.status IS NULL OR a.status <> $3)
        ORDER BY t.period_end, r.position, i.position`,
      [programmeId, today, ActualStatus.APPROVED],
    );
  }

  private async insertDisaggregation(
    db: SqlRunner,
    actualId: string,
    parts: DisaggregationPart[],
  ): Promise<void> {
    if (!parts.length) return;
    await db.query(
      `INSERT INTO actual_disaggregations (actual_id, dimension, category, value, position)
       SELECT $1, d, c, v, ordinality - 1
       FROM unnest($2::text[], $3::text[], $4::numeric[]) WITH ORDINALITY AS u(d, c, v, ordinality)`,
      [actualId, parts.map((p) => p.dimension), parts.map((p) => p.category), parts.map((p) => p.value)],
    );
  }
}

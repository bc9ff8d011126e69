import { PortfolioDimension } from '@mptf/finance';
import { statSync } from 'node:fs';
import { Pool, PoolClient } from 'pg';
import { portfolioSql, rollupSql } from '../lib/captured-sql';
import { drawExpenditureAnnex, drawPipeline, drawResultsAnnex, readAnnexes } from './annual-annexes';
import { BarePdf, usd } from './pdf-writer';

export interface BareReport {
  ms: number;
  pages: number;
  bytes: number;
}

type Row = Record<string, string | number | null>;

async function snapshot<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } finally {
    client.release();
  }
}

/**
 * The annual consolidated report's content read over a raw `pg` connection in one REPEATABLE READ
 * snapshot (the read models' own SQL where they exist: portfolio breakdowns, result roll-ups, and
 * the annexes' PUNO sums, closures and results matrices), rendered with bare pdfkit: the floor for
 * the queue + worker path. The body's tables are summaries (a few dozen pages); the annexes,
 * most of the pages, have the service's rows (annual-annexes.ts).
 */
export async function bareAnnualReport(pool: Pool, year: number, path: string): Promise<BareReport> {
  const started = performance.now();
  const data = await snapshot(pool, async (client) => {
    const query = async (sql: string, params: unknown[] = []) => (await client.query<Row>(sql, params)).rows;
    const byKind = (where: string, params: unknown[]) =>
      query(
        `SELECT kind, sum(amount)::text AS total FROM ledger_entries WHERE ${where} GROUP BY kind`,
        params,
      );
    const breakdowns: Record<string, Row[]> = {};
    for (const dimension of Object.values(PortfolioDimension)) {
      const captured = await portfolioSql(dimension);
      breakdowns[dimension] = await query(captured.sql, captured.params);
    }
    const rollups: Record<string, Row[]> = {};
    for (const by of ['thematicArea', 'gcmObjective', 'fundIndicator'] as const) {
      const captured = await rollupSql(by, year);
      rollups[by] = await query(captured.sql, captured.params);
    }
    // The results section's second table: by thematic area over all periods since inception.
    const allPeriods = await rollupSql('thematicArea');
    rollups['thematicArea, all periods'] = await query(allPeriods.sql, allPeriods.params);
    return {
      yearTotals: await byKind('year = $1', [year]),
      inceptionTotals: await byKind('year <= $1', [year]),
      donors: await query(
        `SELECT o.code, o.name,
                coalesce(sum(e.amount) FILTER (WHERE e.kind = 'COMMITMENT'), 0)::text AS committed,
                coalesce(sum(e.amount) FILTER (WHERE e.kind = 'DEPOSIT'), 0)::text AS deposited,
                coalesce(sum(e.amount) FILTER (WHERE e.kind = 'AA_FEE'), 0)::text AS fees
           FROM ledger_entries e JOIN organizations o ON o.id = e.donor_org_id
          WHERE e.year = $1 GROUP BY o.code, o.name ORDER BY o.code`,
        [year],
      ),
      punos: await query(
        `SELECT o.code,
                coalesce(sum(e.amount) FILTER (WHERE e.kind = 'TRANSFER'), 0)::text AS transferred,
                coalesce(sum(e.amount) FILTER (WHERE e.kind = 'EXPENDITURE'), 0)::text AS spent,
                coalesce(sum(e.amount) FILTER (WHERE e.kind = 'REFUND'), 0)::text AS refunded
           FROM ledger_entries e JOIN organizations o ON o.id = e.organization_id
          WHERE e.year = $1 AND e.kind IN ('TRANSFER','EXPENDITURE','REFUND') GROUP BY o.code ORDER BY o.code`,
        [year],
      ),
      categories: await query(
        `SELECT c.code, c.title, coalesce(sum(e.amount), 0)::text AS spent
           FROM budget_categories c
           LEFT JOIN ledger_entries e ON e.budget_category_code = c.code AND e.kind = 'EXPENDITURE' AND e.year = $1
          GROUP BY c.code, c.title ORDER BY c.code`,
        [year],
      ),
      breakdowns,
      rollups,
      annexes: await readAnnexes(client, year),
    };
  });

  const pdf = new BarePdf(path);
  const total = (rows: Row[], kind: string) => rows.find((row) => row.kind === kind)?.total ?? '0';
  pdf.heading(`Migration MPTF — annual consolidated report ${year}`, 18);
  pdf.heading('Sources and uses of funds');
  pdf.table(
    ['Line', `${year}`, 'Since inception'],
    [
      'DEPOSIT',
      'INTEREST',
      'OTHER_INCOME',
      'TRANSFER',
      'REFUND',
      'AA_FEE',
      'DIRECT_COST',
      'BANK_CHARGE',
      'EXPENDITURE',
    ].map((kind) => [kind, usd(total(data.yearTotals, kind)), usd(total(data.inceptionTotals, kind))]),
  );
  pdf.heading('Contributions by donor');
  pdf.table(
    ['Donor', 'Committed', 'Deposited', 'AA fee'],
    data.donors.map((row) => [String(row.name), usd(row.committed), usd(row.deposited), usd(row.fees)]),
  );
  pdf.bars(
    'Deposits by donor',
    data.donors.map((row) => ({ label: String(row.code), value: Number(row.deposited) })),
  );
  pdf.heading('Transfers and expenditure by participating organization');
  pdf.table(
    ['PUNO', 'Transferred', 'Expenditure', 'Refunded'],
    data.punos.map((row) => [String(row.code), usd(row.transferred), usd(row.spent), usd(row.refunded)]),
  );
  for (const [dimension, rows] of Object.entries(data.breakdowns)) {
    pdf.heading(`Portfolio by ${dimension}`);
    pdf.table(
      ['Group', 'Programmes', 'Allocated', 'Transferred', 'Expenditure'],
      rows.map((row) => [
        String(row.label),
        Number(row.programmes),
        usd(row.allocated),
        usd(row.transferred),
        usd(row.expenditure),
      ]),
    );
    pdf.bars(
      `Allocated by ${dimension}`,
      rows.slice(0, 30).map((row) => ({ label: String(row.label), value: Number(row.allocated) })),
    );
  }
  drawPipeline(pdf, data.annexes.pipeline);
  pdf.heading('Expenditure by budget category');
  pdf.table(
    ['Category', 'Expenditure'],
    data.categories.map((row) => [String(row.title), usd(row.spent)]),
  );
  for (const [by, rows] of Object.entries(data.rollups)) {
    pdf.heading(`Results by ${by}`);
    pdf.table(
      ['Group', 'Programmes', 'Indicators', 'With target', 'With actual', 'On track'],
      rows.map((row) => [
        String(row.label),
        Number(row.programmes),
        Number(row.indicators),
        Number(row.with_target),
        Number(row.with_actual),
        Number(row.on_track),
      ]),
    );
  }
  drawExpenditureAnnex(pdf, data.annexes, year);
  drawResultsAnnex(pdf, data.annexes);
  await pdf.end();
  return { ms: performance.now() - started, pages: pdf.pages, bytes: statSync(path).size };
}

import { PoolClient } from 'pg';
import { closureSql, matrixSql, punoSumsSql } from '../lib/captured-sql';
import { BarePdf, usd } from './pdf-writer';

type Row = Record<string, string | number | boolean | null>;

/**
 * The annual report's two annexes, which are most of its pages at the bench's size: expenditure
 * by programme and PUNO, and each programme's indicators by thematic area. The statements the
 * service sends where a repository sends one (the PUNO sums to the cut-off, the closure dates,
 * the results matrices of all programmes), captured (bench/lib/captured-sql.ts); the programmes'
 * profiles by one hand-written statement.
 */
export interface BareAnnexes {
  programmes: Row[];
  punoSums: Row[];
  closures: Row[];
  indicators: Row[];
  targets: Row[];
}

const PROGRAMME_STATUSES = ['APPROVED', 'ACTIVE', 'OPERATIONALLY_CLOSED', 'FINANCIALLY_CLOSED'];

export async function readAnnexes(client: PoolClient, year: number): Promise<BareAnnexes> {
  const query = async (sql: string, params: unknown[] = []) => (await client.query<Row>(sql, params)).rows;
  const programmes = await query(
    `SELECT p.id, p.reference, p.title, p.thematic_area_code AS area,
            coalesce((SELECT string_agg(trim(c.country_code), ', ' ORDER BY c.country_code)
                        FROM proposal_countries c WHERE c.proposal_id = p.id), 'Global') AS countries
       FROM proposals p WHERE p.status = ANY($1) ORDER BY p.reference`,
    [PROGRAMME_STATUSES],
  );
  const sums = await punoSumsSql(year);
  const closures = await closureSql();
  const ids = programmes.map((row) => String(row.id));
  const matrix = await matrixSql(ids);
  return {
    programmes,
    punoSums: await query(sums.sql, sums.params),
    closures: await query(closures.sql, closures.params),
    indicators: await query(matrix.indicators.sql, matrix.indicators.params),
    targets: await query(matrix.targets.sql, matrix.targets.params),
  };
}

const rate = (spent: bigint, net: bigint) =>
  net === 0n ? 'n/a' : `${((Number((spent * 10000n) / net) / 100) as number).toFixed(2)} %`;

export function drawExpenditureAnnex(pdf: BarePdf, data: BareAnnexes, year: number): void {
  const profiles = new Map(data.programmes.map((row) => [String(row.id), row]));
  const closures = new Map(data.closures.map((row) => [String(row.proposal_id), row]));
  const cutoff = `${year}-12-31`;
  const byCutoff = (date: unknown) => (typeof date === 'string' && date <= cutoff ? date : '');
  pdf.heading('Annex: expenditure by programme');
  const rows = data.punoSums
    .filter((row) => profiles.has(String(row.proposal_id)) && BigInt(String(row.allocated)) !== 0n)
    .map((row) => {
      const profile = profiles.get(String(row.proposal_id))!;
      const net = BigInt(String(row.transferred)) - BigInt(String(row.refunded));
      const spent = BigInt(String(row.expenditure));
      const closure = closures.get(String(row.proposal_id));
      return [
        `${profile.reference} ${profile.title}`,
        String(row.org_code),
        String(profile.countries),
        String(profile.area),
        usd(net),
        usd(spent),
        rate(spent, net),
        byCutoff(closure?.operational),
        byCutoff(closure?.financial),
      ];
    })
    .sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));
  pdf.table(
    ['Programme', 'PUNO', 'Country', 'TA', 'Net funded', 'Expenditure', 'Delivery', 'Op. closure', 'Fin. closure'],
    rows,
    [150, 40, 50, 20, 60, 60, 40, 48, 47],
  );
}

/** Figures are kept to four decimals as the service's; a plain decimal string either way. */
const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));
const shown = (value: number | null) => (value === null ? '—' : String(Math.round(value * 10000) / 10000));

const AGGREGATION: Record<string, string> = { INCREMENTAL: 'summed', CUMULATIVE: 'cumulative', LATEST: 'latest' };

export function drawResultsAnnex(pdf: BarePdf, data: BareAnnexes, year: number): void {
  const profiles = new Map(data.programmes.map((row) => [String(row.id), row]));
  const targetsOf = new Map<string, Row[]>();
  for (const target of data.targets) {
    const list = targetsOf.get(String(target.indicator_id)) ?? [];
    list.push(target);
    targetsOf.set(String(target.indicator_id), list);
  }
  const byArea = new Map<string, string[][]>();
  for (const indicator of data.indicators) {
    const profile = profiles.get(String(indicator.proposal_id));
    if (!profile) continue;
    const targets = targetsOf.get(String(indicator.id)) ?? [];
    const incremental = (indicator.aggregation ?? 'INCREMENTAL') === 'INCREMENTAL';
    const withTarget = targets.filter((t) => t.value !== null);
    const approved = targets.filter((t) => t.actual_status === 'APPROVED' && t.actual_value !== null);
    const pick = (rows: Row[], key: string) =>
      rows.length === 0
        ? null
        : incremental
          ? rows.reduce((sum, row) => sum + Number(row[key]), 0)
          : num(rows[rows.length - 1][key]);
    const target = pick(withTarget, 'value');
    const targetForYear = pick(
      withTarget.filter((t) => String(t.period_end).startsWith(`${year}-`)),
      'value',
    );
    const actual = pick(approved, 'actual_value');
    const baseline = incremental ? 0 : (num(indicator.baseline_value) ?? 0);
    const progress =
      target === null || actual === null || target === baseline ? null : (actual - baseline) / (target - baseline);
    const latest = approved[approved.length - 1];
    const list = byArea.get(String(profile.area)) ?? [];
    list.push([
      String(profile.reference),
      String(indicator.title),
      `${String(indicator.unit ?? String(indicator.measure).toLowerCase())}, ${AGGREGATION[String(indicator.aggregation ?? 'INCREMENTAL')]}`,
      shown(num(indicator.baseline_value)),
      shown(target),
      shown(targetForYear),
      shown(actual),
      latest ? String(latest.period_end) : 'none',
      progress === null ? '—' : `${(progress * 100).toFixed(2)} %`,
      indicator.on_track === true ? 'On track' : indicator.on_track === false ? 'Off track' : 'Not yet assessed',
    ]);
    byArea.set(String(profile.area), list);
  }
  pdf.heading('Annex: results by programme');
  for (const [area, rows] of [...byArea].sort((a, b) => Number(a[0]) - Number(b[0]))) {
    pdf.heading(`Thematic area ${area}`, 10);
    pdf.table(
      ['Programme', 'Indicator', 'Unit', 'Baseline', 'End target', `Target ${year}`, 'Actual', 'Period ending', 'Progress', 'Standing'],
      rows.sort((a, b) => a[0].localeCompare(b[0])),
      [52, 120, 34, 34, 38, 38, 38, 70, 36, 55],
    );
  }
}

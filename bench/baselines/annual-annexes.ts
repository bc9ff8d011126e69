import { PoolClient } from 'pg';
import { closureSql, matrixSql, pipelineSql, punoSumsSql } from '../lib/captured-sql';
import { BarePdf, usd } from './pdf-writer';

type Row = Record<string, string | number | boolean | null>;

/**
 * The annual report's long parts, most of its pages at the bench's size: the unfunded pipeline,
 * the expenditure by programme and PUNO, and each programme's indicators by standing. The statements the
 * service sends where a repository sends one (the PUNO sums to the cut-off, the closure dates,
 * the results matrices of all programmes, the pipeline), captured (bench/lib/captured-sql.ts); the programmes'
 * profiles by one hand-written statement.
 */
export interface BareAnnexes {
  programmes: Row[];
  punoSums: Row[];
  closures: Row[];
  indicators: Row[];
  targets: Row[];
  pipeline: Row[];
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
  const pipeline = await pipelineSql();
  const ids = programmes.map((row) => String(row.id));
  const matrix = await matrixSql(ids);
  return {
    programmes,
    punoSums: await query(sums.sql, sums.params),
    closures: await query(closures.sql, closures.params),
    indicators: await query(matrix.indicators.sql, matrix.indicators.params),
    targets: await query(matrix.targets.sql, matrix.targets.params),
    pipeline: await query(pipeline.sql, pipeline.params),
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
    [
      'Programme',
      'PUNO',
      'Country',
      'TA',
      'Net funded',
      'Expenditure',
      'Delivery',
      'Op. closure',
      'Fin. closure',
    ],
    rows,
    [150, 40, 50, 20, 60, 60, 40, 48, 47],
  );
}

/**
 * Each programme's indicators by standing, per thematic area (the service's PDF annex), from all
 * programmes' indicators and their target periods: a standing from the indicator's latest
 * approved period (the service also marks overdue periods by the calendar's grace days).
 */
export function drawResultsAnnex(pdf: BarePdf, data: BareAnnexes): void {
  const profiles = new Map(data.programmes.map((row) => [String(row.id), row]));
  const approvedOf = new Map<string, Row>();
  for (const target of data.targets)
    if (target.actual_status === 'APPROVED') approvedOf.set(String(target.indicator_id), target);
  const counts = new Map<string, { area: string; label: string; n: number[] }>();
  for (const indicator of data.indicators) {
    const profile = profiles.get(String(indicator.proposal_id));
    if (!profile) continue;
    const entry = counts.get(String(profile.id)) ?? {
      area: String(profile.area),
      label: `${profile.reference} ${profile.title}`,
      n: [0, 0, 0, 0],
    };
    const latest = approvedOf.get(String(indicator.id));
    entry.n[!latest ? 3 : latest.on_track === true ? 0 : latest.on_track === false ? 1 : 2] += 1;
    counts.set(String(profile.id), entry);
  }
  pdf.heading('Annex: results by programme');
  const areas = [...new Set([...counts.values()].map((entry) => entry.area))].sort(
    (a, b) => Number(a) - Number(b),
  );
  for (const area of areas) {
    const rows = [...counts.values()]
      .filter((entry) => entry.area === area)
      .sort((a, b) => a.label.localeCompare(b.label))
      .map(({ label, n }) => {
        const assessed = n[0] + n[1];
        return [
          label,
          n[0] + n[1] + n[2] + n[3],
          n[0],
          n[1],
          n[2],
          n[3],
          assessed ? `${((100 * n[0]) / assessed).toFixed(2)} %` : '—',
        ];
      });
    pdf.heading(`Thematic area ${area}`, 10);
    pdf.table(
      [
        'Programme',
        'Indicators',
        'On track',
        'Off track',
        'Overdue',
        'Not yet assessed',
        'On track of assessed',
      ],
      rows,
      [215, 50, 50, 50, 50, 50, 50],
    );
  }
}

/** The unfunded pipeline as the service lists it (its statement, captured). */
export function drawPipeline(pdf: BarePdf, pipeline: Row[]): void {
  pdf.heading('Unfunded pipeline');
  pdf.table(
    ['Reference', 'Proposal', 'Thematic area', 'Requested'],
    pipeline.map((row) => [
      String(row.reference),
      String(row.title),
      String(row.thematic_area_code),
      usd(String(row.requested)),
    ]),
    [90, 255, 90, 80],
  );
}

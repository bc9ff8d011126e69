import { PortfolioDimension } from '@mptf/finance';
import { statSync } from 'node:fs';
import { Pool, PoolClient } from 'pg';
import { portfolioSql } from '../lib/captured-sql';
import { BarePdf, usd } from './pdf-writer';
import { BareReport } from './annual-report';

type Row = Record<string, string | number | null>;

/**
 * Contributor statements over raw `pg` + bare pdfkit, with the content of the real one: the
 * donor's entries and sums for the year, the fund's uses since inception with the donor's share,
 * transfers and expenditure by thematic area, and every funded programme with the donor's share.
 * Like a batch of the service, the fund-level part is read once (one snapshot), each donor's own
 * part in a snapshot of its own.
 */
export interface BareFundPart {
  donors: Row[];
  totals: Row[];
  byArea: Row[];
  programmes: Row[];
}

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

export async function bareFundPart(pool: Pool): Promise<BareFundPart> {
  const area = await portfolioSql(PortfolioDimension.THEMATIC_AREA);
  return snapshot(pool, async (client) => {
    const query = async (sql: string, params: unknown[] = []) => (await client.query<Row>(sql, params)).rows;
    return {
      donors: await query(
        `SELECT o.code,
                coalesce(sum(e.amount) FILTER (WHERE e.kind = 'DEPOSIT'), 0)::text AS deposits,
                coalesce(sum(e.amount) FILTER (WHERE e.kind = 'AA_FEE'), 0)::text AS fees
           FROM ledger_entries e JOIN organizations o ON o.id = e.donor_org_id
          WHERE e.kind IN ('COMMITMENT', 'DEPOSIT', 'AA_FEE') GROUP BY o.code`,
      ),
      totals: await query(`SELECT kind, sum(amount)::text AS total FROM ledger_entries GROUP BY kind`),
      byArea: await query(area.sql, area.params),
      programmes: await query(
        `SELECT p.reference, p.title, p.thematic_area_code AS area,
                (sum(s.transferred) - sum(s.refunded))::text AS net_funded, sum(s.expenditure)::text AS spent
           FROM proposals p JOIN puno_ledger_sums s ON s.proposal_id = p.id
          WHERE p.status IN ('APPROVED', 'ACTIVE', 'OPERATIONALLY_CLOSED', 'FINANCIALLY_CLOSED')
          GROUP BY p.id HAVING sum(s.transferred) > 0
          ORDER BY sum(s.transferred) - sum(s.refunded) DESC, p.reference`,
      ),
    };
  });
}

/** part × own ÷ all, to the cent (half away from zero), as the statement's pro-rata rule. */
function share(amount: bigint, own: bigint, all: bigint): bigint {
  if (all === 0n) return 0n;
  const product = amount * own;
  const half = all / 2n;
  return product >= 0n ? (product + half) / all : -((-product + half) / all);
}

const cents = (value: string | number | null | undefined) => BigInt(value ?? 0);

export async function bareContributorStatement(
  pool: Pool,
  fund: BareFundPart,
  donorCode: string,
  year: number | undefined,
  path: string,
): Promise<BareReport> {
  const started = performance.now();
  const own = await snapshot(pool, async (client) => {
    const params = year === undefined ? [donorCode] : [donorCode, year];
    const window = year === undefined ? '' : 'AND e.year = $2';
    return (
      await client.query<Row>(
        `SELECT e.kind, to_char(e.entry_date, 'YYYY-MM-DD') AS date, e.reference, e.currency,
                e.original_amount::text AS original, e.amount::text AS amount
           FROM ledger_entries e JOIN organizations o ON o.id = e.donor_org_id
          WHERE o.code = $1 AND e.kind IN ('COMMITMENT', 'DEPOSIT', 'AA_FEE') ${window}
          ORDER BY e.entry_date, e.seq`,
        params,
      )
    ).rows;
  });
  const net = (row: Row) => cents(row.deposits) - cents(row.fees);
  const ownNet = net(fund.donors.find((row) => row.code === donorCode) ?? { deposits: 0, fees: 0 });
  const allNet = fund.donors.reduce((sum, row) => sum + net(row), 0n);
  const part = (amount: string | number | null) => usd(share(cents(amount), ownNet, allNet));
  const sumOf = (kind: string) =>
    own.filter((row) => row.kind === kind).reduce((s, row) => s + cents(row.amount), 0n);
  const total = (kind: string) => cents(fund.totals.find((row) => row.kind === kind)?.total);

  const pdf = new BarePdf(path);
  pdf.heading(`Contributor statement — ${donorCode} ${year ?? 'since inception'}`, 18);
  pdf.heading('Your contributions');
  pdf.table(
    ['Date', 'Kind', 'Reference', 'Currency', 'Original', 'US$'],
    own.map((row) => [
      String(row.date),
      String(row.kind),
      String(row.reference ?? ''),
      String(row.currency ?? ''),
      usd(row.original),
      usd(row.amount),
    ]),
  );
  pdf.table(
    ['Item', 'US$'],
    [
      ['Commitments signed', usd(sumOf('COMMITMENT'))],
      ['Deposits received', usd(sumOf('DEPOSIT'))],
      ['Administrative Agent fees', usd(sumOf('AA_FEE'))],
      ['Deposits net of AA fees', usd(sumOf('DEPOSIT') - sumOf('AA_FEE'))],
    ],
  );
  pdf.heading('What the fund did with the money');
  pdf.paragraph(`Your share: ${usd(ownNet)} of ${usd(allNet)} net deposits since inception.`);
  const uses: [string, bigint][] = [
    ['Transferred, net of refunds', total('TRANSFER') - total('REFUND')],
    ['Spent by the organizations', total('EXPENDITURE')],
    ['Held by the organizations', total('TRANSFER') - total('REFUND') - total('EXPENDITURE')],
    ['Direct costs', total('DIRECT_COST')],
    ['Bank charges', total('BANK_CHARGE')],
  ];
  pdf.table(
    ['Item', 'Whole fund', 'Your share'],
    uses.map(([item, amount]) => [item, usd(amount), usd(share(amount, ownNet, allNet))]),
  );
  pdf.table(
    ['Thematic area', 'Transferred', 'Expenditure', 'Your share of transfers', 'Your share of expenditure'],
    fund.byArea.map((row) => [
      `${row.key}. ${row.label}`,
      usd(row.transferred),
      usd(row.expenditure),
      part(row.transferred),
      part(row.expenditure),
    ]),
  );
  pdf.bars(
    'Your share of transfers by thematic area',
    fund.byArea.map((row) => ({
      label: String(row.label),
      value: Number(share(cents(row.transferred), ownNet, allNet)),
    })),
  );
  pdf.table(
    ['Reference', 'Programme', 'TA', 'Net funded', 'Expenditure', 'Delivery', 'Your share'],
    fund.programmes.map((row) => {
      const funded = cents(row.net_funded);
      return [
        String(row.reference),
        String(row.title),
        Number(row.area),
        usd(funded),
        usd(row.spent),
        funded === 0n ? '' : `${((Number(cents(row.spent)) / Number(funded)) * 100).toFixed(1)} %`,
        part(row.net_funded),
      ];
    }),
    [70, 170, 25, 70, 70, 45, 65],
  );
  await pdf.end();
  return { ms: performance.now() - started, pages: pdf.pages, bytes: statSync(path).size };
}

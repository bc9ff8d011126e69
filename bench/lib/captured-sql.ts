import { PortfolioDimension, PortfolioRepository } from '@mptf/finance';
import { RollupGrouping, RollupRepository } from '@mptf/results';
import { REVIEW_QUEUE_SQL } from '@mptf/review';
import { Pool } from 'pg';
import { EntityManager } from 'typeorm';

export interface CapturedQuery {
  sql: string;
  params: unknown[];
}

/**
 * The exact SQL a read service sends, captured by calling it with a manager that records instead
 * of querying, so the raw-`pg` baseline runs the very statement the API runs (no copy to drift).
 */
async function capture(call: (manager: EntityManager) => Promise<unknown>): Promise<CapturedQuery[]> {
  const captured: CapturedQuery[] = [];
  const recorder = {
    query: async (sql: string, params: unknown[] = []) => {
      captured.push({ sql, params });
      return [];
    },
  } as unknown as EntityManager;
  await call(recorder);
  return captured;
}

export async function portfolioSql(groupBy: PortfolioDimension): Promise<CapturedQuery> {
  // FinanceReadService.portfolio sends this repository's one statement.
  const [query] = await capture((manager) => new PortfolioRepository().groups(manager, groupBy));
  return query;
}

export async function rollupSql(by: RollupGrouping, year?: number): Promise<CapturedQuery> {
  // RollupService.rollup sends this repository's one statement.
  const [query] = await capture((manager) => new RollupRepository().groups(manager, by, year));
  return query;
}

/**
 * The statement ReviewQueueService sends for one page (ReviewRepository.queue binds the member's
 * id and organization, the page size and the offset to REVIEW_QUEUE_SQL, which the review lib
 * exports so this baseline cannot drift from it).
 */
export async function reviewQueueSql(pool: Pool, email: string, pageSize: number): Promise<CapturedQuery> {
  const { rows } = await pool.query<{ id: string; organization_id: string | null }>(
    'SELECT id, organization_id FROM users WHERE email = $1',
    [email],
  );
  if (!rows[0]) throw new Error(`review queue baseline: no user ${email}`);
  return { sql: REVIEW_QUEUE_SQL, params: [rows[0].id, rows[0].organization_id, pageSize, 0] };
}

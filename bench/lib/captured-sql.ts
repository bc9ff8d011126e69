import { PortfolioDimension, PortfolioRepository } from '@mptf/finance';
import { RollupGrouping, RollupRepository } from '@mptf/results';
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

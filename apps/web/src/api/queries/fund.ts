import { queryOptions } from '@tanstack/react-query';
import { data, http } from '../client';
import type { QueryOf } from './query-types';

export type PortfolioDimension = NonNullable<QueryOf<'/api/v1/portfolio'>['groupBy']>;

/** The fund's status (since inception, or one year), its portfolio and the pipeline of endorsed programmes. */
export const fundQueries = {
  all: () => ['fund'] as const,
  status: (year?: number) =>
    queryOptions({
      queryKey: ['fund', 'status', year === undefined ? 'all' : String(year)],
      queryFn: () => data(http.GET('/api/v1/fund/status', { params: { query: { year } } })),
    }),
  portfolio: (groupBy: PortfolioDimension) =>
    queryOptions({
      queryKey: ['fund', 'portfolio', groupBy],
      queryFn: () => data(http.GET('/api/v1/portfolio', { params: { query: { groupBy } } })),
    }),
  pipeline: () => queryOptions({ queryKey: ['pipeline'], queryFn: () => data(http.GET('/api/v1/pipeline')) }),
};

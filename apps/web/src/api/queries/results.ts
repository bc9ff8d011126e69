import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { data, http } from '../client';
import type { QueryOf } from './query-types';

export type ActualFilter = QueryOf<'/api/v1/actuals'>;
export type RollupDimension = QueryOf<'/api/v1/results/rollup'>['by'];

/** A proposal's results matrix, actuals (one, or the list and FMU queue) and the portfolio roll-up. */
export const resultsQueries = {
  matrices: () => ['matrix'] as const,
  matrix: (proposalId: string) =>
    queryOptions({
      queryKey: ['matrix', proposalId],
      queryFn: () =>
        data(http.GET('/api/v1/proposals/{id}/results-matrix', { params: { path: { id: proposalId } } })),
    }),
  actualLists: () => ['actuals'] as const,
  actuals: (filter: ActualFilter) =>
    queryOptions({
      queryKey: ['actuals', filter],
      queryFn: ({ signal }) => data(http.GET('/api/v1/actuals', { params: { query: filter }, signal })),
      placeholderData: keepPreviousData,
    }),
  actual: (id: string) =>
    queryOptions({
      queryKey: ['actual', id],
      queryFn: () => data(http.GET('/api/v1/actuals/{id}', { params: { path: { id } } })),
    }),
  /** The fund-level indicators programmes' indicators roll up to (titles for their codes). */
  fundIndicators: () =>
    queryOptions({
      queryKey: ['fund-indicators'],
      queryFn: () =>
        data(http.GET('/api/v1/results/fund-indicators', { params: { query: { includeInactive: true } } })),
      staleTime: 5 * 60_000,
    }),
  rollup: (query: QueryOf<'/api/v1/results/rollup'>) =>
    queryOptions({
      queryKey: ['rollup', query],
      queryFn: () => data(http.GET('/api/v1/results/rollup', { params: { query } })),
    }),
};

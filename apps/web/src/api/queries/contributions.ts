import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { data, http } from '../client';
import type { QueryOf } from './query-types';

export type ContributionFilter = QueryOf<'/api/v1/contributions'>;

export const contributionQueries = {
  lists: () => ['contributions'] as const,
  list: (filter: ContributionFilter) =>
    queryOptions({
      queryKey: ['contributions', filter],
      queryFn: ({ signal }) => data(http.GET('/api/v1/contributions', { params: { query: filter }, signal })),
      placeholderData: keepPreviousData,
    }),
  /** The contributor picker: donors by name (never the fund's offices nor UN entities), searched on the server. */
  donors: (query: QueryOf<'/api/v1/donors'>) =>
    queryOptions({
      queryKey: ['donors', query],
      queryFn: ({ signal }) => data(http.GET('/api/v1/donors', { params: { query }, signal })),
      placeholderData: keepPreviousData,
      staleTime: 60_000,
    }),
};

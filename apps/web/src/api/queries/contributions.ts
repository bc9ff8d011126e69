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
};

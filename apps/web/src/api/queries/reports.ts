import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { data, http } from '../client';
import type { QueryOf } from './query-types';

export type ReportFilter = QueryOf<'/api/v1/reports'>;

/** Report runs: the list (newest first unless sorted) and one run, polled while it works. */
export const reportQueries = {
  lists: () => ['reports'] as const,
  list: (filter: ReportFilter) =>
    queryOptions({
      queryKey: ['reports', filter],
      queryFn: ({ signal }) => data(http.GET('/api/v1/reports', { params: { query: filter }, signal })),
      placeholderData: keepPreviousData,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: ['report', id],
      queryFn: () => data(http.GET('/api/v1/reports/{id}', { params: { path: { id } } })),
    }),
};

import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { data, http } from '../client';
import type { QueryOf } from './query-types';

export type ProgrammeFilter = QueryOf<'/api/v1/programmes'>;

/** Programmes (approved proposals with money): the list, one programme, its expenditure reports. */
export const programmeQueries = {
  lists: () => ['programmes'] as const,
  list: (filter: ProgrammeFilter) =>
    queryOptions({
      queryKey: ['programmes', filter],
      queryFn: ({ signal }) => data(http.GET('/api/v1/programmes', { params: { query: filter }, signal })),
      placeholderData: keepPreviousData,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: ['programme', id],
      queryFn: () => data(http.GET('/api/v1/programmes/{id}', { params: { path: { id } } })),
    }),
  expenditures: (id: string) =>
    queryOptions({
      queryKey: ['programme', id, 'expenditures'],
      queryFn: () => data(http.GET('/api/v1/programmes/{id}/expenditures', { params: { path: { id } } })),
    }),
};

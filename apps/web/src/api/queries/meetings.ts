import { queryOptions } from '@tanstack/react-query';
import { data, http } from '../client';
import type { QueryOf } from './query-types';

/** Steering Committee meetings: the list, one meeting with its agenda, its decision pack. */
export const meetingQueries = {
  lists: () => ['meetings'] as const,
  list: (filter: QueryOf<'/api/v1/sc-meetings'>) =>
    queryOptions({
      queryKey: ['meetings', filter],
      queryFn: () => data(http.GET('/api/v1/sc-meetings', { params: { query: filter } })),
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: ['meeting', id],
      queryFn: () => data(http.GET('/api/v1/sc-meetings/{id}', { params: { path: { id } } })),
    }),
  pack: (id: string) =>
    queryOptions({
      queryKey: ['meeting', id, 'pack'],
      queryFn: () => data(http.GET('/api/v1/sc-meetings/{id}/pack', { params: { path: { id } } })),
    }),
};

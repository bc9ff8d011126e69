import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { data, http } from '../client';
import type { QueryOf } from './query-types';

export type ProposalFilter = QueryOf<'/api/v1/proposals'>;

/**
 * The proposal resource's queries: one place for their keys and fetchers, so every screen shares
 * the cache; invalidating ['proposal', id] refreshes all that hangs on a proposal, ['proposals']
 * every list.
 */
export const proposalQueries = {
  all: () => ['proposal'] as const,
  lists: () => ['proposals'] as const,
  list: (filter: ProposalFilter) =>
    queryOptions({
      queryKey: ['proposals', filter],
      queryFn: ({ signal }) => data(http.GET('/api/v1/proposals', { params: { query: filter }, signal })),
      placeholderData: keepPreviousData,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: ['proposal', id],
      queryFn: () => data(http.GET('/api/v1/proposals/{id}', { params: { path: { id } } })),
    }),
  eligibility: (id: string) =>
    queryOptions({
      queryKey: ['proposal', id, 'eligibility'],
      queryFn: () => data(http.GET('/api/v1/proposals/{id}/eligibility', { params: { path: { id } } })),
    }),
  timeline: (id: string) =>
    queryOptions({
      queryKey: ['proposal', id, 'timeline'],
      queryFn: () => data(http.GET('/api/v1/proposals/{id}/timeline', { params: { path: { id } } })),
    }),
  documents: (id: string) =>
    queryOptions({
      queryKey: ['proposal', id, 'documents'],
      queryFn: () => data(http.GET('/api/v1/proposals/{id}/documents', { params: { path: { id } } })),
    }),
  diff: (id: string, from: number, to: number) =>
    queryOptions({
      queryKey: ['proposal', id, 'diff', from, to],
      queryFn: () =>
        data(
          http.GET('/api/v1/proposals/{id}/revisions/{from}/diff/{to}', {
            params: { path: { id, from, to } },
          }),
        ),
    }),
  /** A member's own view until they reviewed (OWN_ONLY); a refusal is an answer, not retried. */
  reviews: (id: string) =>
    queryOptions({
      queryKey: ['proposal', id, 'reviews'],
      queryFn: () => data(http.GET('/api/v1/proposals/{id}/reviews', { params: { path: { id } } })),
      retry: false,
    }),
  recusal: (id: string) =>
    queryOptions({
      queryKey: ['proposal', id, 'recusal'],
      queryFn: () => data(http.GET('/api/v1/proposals/{id}/recusal', { params: { path: { id } } })),
      retry: false,
    }),
};

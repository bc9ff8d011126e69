import { queryOptions } from '@tanstack/react-query';
import { api } from '../client';
import type { Eligibility, Proposal, Recusal, ReviewsResponse } from '../types';

/**
 * The proposal resource's queries: one place for their keys and fetchers, so every screen shares
 * the cache and invalidating ['proposal', id] refreshes all that hangs on a proposal.
 */
export const proposalQueries = {
  all: () => ['proposal'] as const,
  detail: (id: string) =>
    queryOptions({ queryKey: ['proposal', id], queryFn: () => api.get<Proposal>(`/proposals/${id}`) }),
  eligibility: (id: string) =>
    queryOptions({
      queryKey: ['proposal', id, 'eligibility'],
      queryFn: () => api.get<Eligibility>(`/proposals/${id}/eligibility`),
    }),
  /** A member's own view until they reviewed (OWN_ONLY); a refusal is an answer, not retried. */
  reviews: (id: string) =>
    queryOptions({
      queryKey: ['proposal', id, 'reviews'],
      queryFn: () => api.get<ReviewsResponse>(`/proposals/${id}/reviews`),
      retry: false,
    }),
  recusal: (id: string) =>
    queryOptions({
      queryKey: ['proposal', id, 'recusal'],
      queryFn: () => api.get<Recusal>(`/proposals/${id}/recusal`),
      retry: false,
    }),
};

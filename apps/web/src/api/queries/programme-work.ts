import { queryOptions } from '@tanstack/react-query';
import { data, http } from '../client';
import type { QueryOf } from './query-types';

export type ObligationFilter = QueryOf<'/api/v1/obligations'>;

/**
 * A programme's work after approval: the reporting calendar (fund-wide and per programme), progress
 * reports, revisions and versions. Keys sit under ['obligations'] and ['programme', id], so a write
 * invalidates what it changed.
 */
export const programmeWorkQueries = {
  /** {DUE, OVERDUE, SUBMITTED, ACCEPTED} counts in the caller's scope (home, portfolio, calendar). */
  obligationCounts: () =>
    queryOptions({
      queryKey: ['obligations', 'summary'],
      queryFn: () => data(http.GET('/api/v1/obligations/summary')),
    }),
  obligations: (filter: ObligationFilter) =>
    queryOptions({
      queryKey: ['obligations', filter],
      queryFn: () => data(http.GET('/api/v1/obligations', { params: { query: filter } })),
    }),
  programmeObligations: (id: string, filter: QueryOf<'/api/v1/programmes/{id}/obligations'> = {}) =>
    queryOptions({
      queryKey: ['programme', id, 'obligations', filter],
      queryFn: () =>
        data(http.GET('/api/v1/programmes/{id}/obligations', { params: { path: { id }, query: filter } })),
    }),
  revisions: (id: string) =>
    queryOptions({
      queryKey: ['programme', id, 'revisions'],
      queryFn: () => data(http.GET('/api/v1/programmes/{id}/revisions', { params: { path: { id } } })),
    }),
  /** Every version, the approved proposal first (the route answers one version only with ?at=). */
  versions: (id: string) =>
    queryOptions({
      queryKey: ['programme', id, 'versions'],
      queryFn: async () => {
        const versions = await data(
          http.GET('/api/v1/programmes/{id}/versions', { params: { path: { id } } }),
        );
        return Array.isArray(versions) ? versions : [versions];
      },
    }),
  progressReport: (id: string) =>
    queryOptions({
      queryKey: ['progress-report', id],
      queryFn: () => data(http.GET('/api/v1/progress-reports/{id}', { params: { path: { id } } })),
    }),
};

import { queryOptions } from '@tanstack/react-query';
import { data, http } from '../client';

/** Reference data every screen uses: loaded once, kept for the session. */
const forever = { staleTime: 10 * 60_000, gcTime: 60 * 60_000 };

export const referenceQueries = {
  areas: () =>
    queryOptions({
      queryKey: ['ref', 'areas'],
      queryFn: () => data(http.GET('/api/v1/reference/thematic-areas')),
      ...forever,
    }),
  objectives: () =>
    queryOptions({
      queryKey: ['ref', 'objectives'],
      queryFn: () => data(http.GET('/api/v1/reference/gcm-objectives')),
      ...forever,
    }),
  categories: () =>
    queryOptions({
      queryKey: ['ref', 'categories'],
      queryFn: () => data(http.GET('/api/v1/reference/budget-categories')),
      ...forever,
    }),
  countries: () =>
    queryOptions({
      queryKey: ['ref', 'countries'],
      queryFn: () => data(http.GET('/api/v1/reference/countries')),
      ...forever,
    }),
  organizations: () =>
    queryOptions({
      queryKey: ['ref', 'organizations'],
      queryFn: () => data(http.GET('/api/v1/organizations')),
      ...forever,
    }),
  settings: () =>
    queryOptions({
      queryKey: ['ref', 'settings'],
      queryFn: () => data(http.GET('/api/v1/settings/fund')),
      ...forever,
    }),
  criteria: () =>
    queryOptions({
      queryKey: ['ref', 'criteria'],
      queryFn: () => data(http.GET('/api/v1/reference/review-criteria')),
      ...forever,
    }),
};

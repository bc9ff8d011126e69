import { queryOptions } from '@tanstack/react-query';
import { data, http } from '../client';

/** The consolidated report's narrative, per reporting year. */
export const narrativeQueries = {
  all: () => ['report-narratives'] as const,
  year: (year: number) =>
    queryOptions({
      queryKey: ['report-narratives', year],
      queryFn: () => data(http.GET('/api/v1/report-narratives/{year}', { params: { path: { year } } })),
    }),
};

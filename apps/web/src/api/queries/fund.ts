import { queryOptions } from '@tanstack/react-query';
import { api } from '../client';
import type { FundStatus, PipelineEntry } from '../types';

/** The fund's status (since inception, or one year) and the pipeline of endorsed programmes. */
export const fundQueries = {
  all: () => ['fund'] as const,
  status: (year?: number | string) =>
    queryOptions({
      queryKey: ['fund', 'status', year === undefined ? 'all' : String(year)],
      queryFn: () => api.get<FundStatus>('/fund/status', { year }),
    }),
  pipeline: () =>
    queryOptions({ queryKey: ['pipeline'], queryFn: () => api.get<PipelineEntry[]>('/pipeline') }),
};

import { queryOptions } from '@tanstack/react-query';
import { data, http } from '../client';

/** A Steering Committee member's review queue, the most urgent first. */
export const reviewQueries = {
  queue: () =>
    queryOptions({ queryKey: ['review-queue'], queryFn: () => data(http.GET('/api/v1/review-queue')) }),
};

import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { data, http } from '../client';
import type { QueryOf } from './query-types';

/** The caller's notifications (the bell), their mail preferences, and the admin's outbox. */
export const notificationQueries = {
  all: () => ['notifications'] as const,
  /** The bell: the latest notifications and the unread count, refreshed every minute. */
  latest: () =>
    queryOptions({
      queryKey: ['notifications', 'latest'],
      queryFn: () => data(http.GET('/api/v1/notifications', { params: { query: { pageSize: 8 } } })),
      refetchInterval: 60_000,
    }),
  list: (filter: QueryOf<'/api/v1/notifications'>) =>
    queryOptions({
      queryKey: ['notifications', 'list', filter],
      queryFn: () => data(http.GET('/api/v1/notifications', { params: { query: filter } })),
      placeholderData: keepPreviousData,
    }),
  preferences: () =>
    queryOptions({
      queryKey: ['notification-preferences'],
      queryFn: () => data(http.GET('/api/v1/me/notification-preferences')),
    }),
  outbox: (filter: QueryOf<'/api/v1/admin/outbox'>) =>
    queryOptions({
      queryKey: ['outbox', filter],
      queryFn: () => data(http.GET('/api/v1/admin/outbox', { params: { query: filter } })),
      placeholderData: keepPreviousData,
    }),
  bounces: () =>
    queryOptions({
      queryKey: ['outbox', 'bounces'],
      queryFn: () => data(http.GET('/api/v1/admin/outbox/bounces')),
    }),
};

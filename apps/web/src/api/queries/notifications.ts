import { queryOptions } from '@tanstack/react-query';
import { api } from '../client';
import type { Bounce, NotificationPage, NotificationPreferences, OutboxPage } from '../types';

/** The caller's notifications (the bell), their mail preferences, and the admin's outbox. */
export const notificationQueries = {
  all: () => ['notifications'] as const,
  /** The bell: the latest notifications and the unread count, refreshed every minute. */
  latest: () =>
    queryOptions({
      queryKey: ['notifications', 'latest'],
      queryFn: () => api.get<NotificationPage>('/notifications', { pageSize: 8 }),
      refetchInterval: 60_000,
    }),
  page: (page: number, unread: boolean) =>
    queryOptions({
      queryKey: ['notifications', 'page', page, unread],
      queryFn: () =>
        api.get<NotificationPage>('/notifications', { page, pageSize: 25, unread: unread || undefined }),
    }),
  preferences: () =>
    queryOptions({
      queryKey: ['notification-preferences'],
      queryFn: () => api.get<NotificationPreferences>('/me/notification-preferences'),
    }),
  outbox: (page: number, status: string | null) =>
    queryOptions({
      queryKey: ['outbox', page, status],
      queryFn: () => api.get<OutboxPage>('/admin/outbox', { page, pageSize: 25, status }),
    }),
  bounces: () =>
    queryOptions({
      queryKey: ['outbox', 'bounces'],
      queryFn: () => api.get<Bounce[]>('/admin/outbox/bounces'),
    }),
};

import { Badge, Group, Pagination, Paper, SegmentedControl, Stack, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { notificationQueries } from '../../api/queries/notifications';
import { NotificationLine, useOpenNotification } from '../../components/NotificationBell';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { PageHeader } from '../../components/ui';

/** Every notification of the signed-in user, newest first; opening one marks it read. */
export function NotificationsPage() {
  const [page, setPage] = useState(1);
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const list = useQuery(
    notificationQueries.list({ page, pageSize: 25, unread: filter === 'unread' ? true : undefined }),
  );
  const open = useOpenNotification();
  return (
    <Stack gap="lg">
      <PageHeader
        title="Notifications"
        description="What waits for you, newest first. Opening one takes you to its item and marks it read."
        actions={
          <SegmentedControl
            value={filter}
            onChange={(value) => {
              setFilter(value as 'all' | 'unread');
              setPage(1);
            }}
            data={[
              { value: 'all', label: 'All' },
              { value: 'unread', label: `Unread${list.data ? ` (${list.data.unread})` : ''}` },
            ]}
            aria-label="Which notifications"
          />
        }
      />
      {list.isLoading && <LoadingState />}
      {list.error && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.items.length === 0 && (
        <EmptyState title="No notifications" description="Nothing waits for you." />
      )}
      {list.data && list.data.items.length > 0 && (
        <Paper withBorder radius="md">
          <Stack gap={0} role="list" aria-label="Notifications">
            {list.data.items.map((notification) => (
              <UnstyledButton
                key={notification.id}
                role="listitem"
                px="md"
                py="sm"
                onClick={() => void open(notification)}
                style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
              >
                <Group justify="space-between" wrap="nowrap">
                  <NotificationLine notification={notification} />
                  {!notification.read && (
                    <Badge color="red" style={{ flexShrink: 0 }}>
                      New
                    </Badge>
                  )}
                </Group>
              </UnstyledButton>
            ))}
          </Stack>
        </Paper>
      )}
      {list.data && list.data.total > list.data.pageSize && (
        <Pagination
          value={page}
          onChange={setPage}
          total={Math.ceil(list.data.total / list.data.pageSize)}
          aria-label="Pages"
        />
      )}
    </Stack>
  );
}

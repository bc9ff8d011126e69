import {
  ActionIcon,
  Anchor,
  Button,
  Group,
  Indicator,
  Popover,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { data, http } from '../api/client';
import { notificationQueries } from '../api/queries/notifications';
import type { Notification } from '../api/models';
import { formatDateTime } from '../lib/format';

/** One notification as a line: what happened, to which item, when. */
export function NotificationLine({ notification }: { notification: Notification }) {
  const item = [notification.item.reference, notification.item.title].filter(Boolean).join(' — ');
  return (
    <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
      <Text size="sm" fw={notification.read ? 400 : 700}>
        {notification.label}
      </Text>
      {/* The item's title in full: "MIG-2026-0021 — Share of supported…" does not say which. */}
      {item && (
        <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
          {item}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {formatDateTime(notification.createdAt)}
      </Text>
    </Stack>
  );
}

/** Opens a notification: marks it read, then goes to its item. */
export function useOpenNotification(after?: () => void) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const read = useMutation({
    mutationFn: (id: string) =>
      data(http.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })),
    onSettled: () => client.invalidateQueries({ queryKey: notificationQueries.all() }),
  });
  return async (notification: Notification) => {
    if (!notification.read) await read.mutateAsync(notification.id).catch(() => undefined);
    after?.();
    void navigate(notification.link);
  };
}

/** The bell in the header: the unread count, and the latest notifications linking to their items. */
export function NotificationBell() {
  const [opened, setOpened] = useState(false);
  const client = useQueryClient();
  const latest = useQuery(notificationQueries.latest());
  const open = useOpenNotification(() => setOpened(false));
  const readAll = useMutation({
    mutationFn: () => data(http.POST('/api/v1/notifications/read-all')),
    onSettled: () => client.invalidateQueries({ queryKey: notificationQueries.all() }),
  });
  const unread = latest.data?.unread ?? 0;
  const items = latest.data?.items ?? [];
  return (
    // The popover's target is the button itself: it carries aria-expanded, which a plain
    // wrapper (the indicator's div) may not.
    <Indicator label={unread > 99 ? '99+' : unread} size={18} color="red" disabled={unread === 0} offset={4}>
      <Popover opened={opened} onChange={setOpened} position="bottom-end" width={360} shadow="md">
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            color="white"
            size="lg"
            onClick={() => setOpened((value) => !value)}
            aria-label={unread ? `Notifications: ${unread} unread` : 'Notifications'}
          >
            <IconBell size={22} stroke={1.7} />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown p={0}>
          <Group
            justify="space-between"
            px="md"
            py="xs"
            style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
          >
            <Text fw={700} size="sm">
              Notifications
            </Text>
            <Button size="compact-xs" variant="subtle" disabled={!unread} onClick={() => readAll.mutate()}>
              Mark all read
            </Button>
          </Group>
          <Stack
            gap={0}
            role="list"
            aria-label="Latest notifications"
            mah={420}
            style={{ overflowY: 'auto' }}
          >
            {items.length === 0 && (
              <Text size="sm" c="dimmed" p="md">
                Nothing waits for you.
              </Text>
            )}
            {items.map((notification) => (
              <UnstyledButton
                key={notification.id}
                role="listitem"
                onClick={() => void open(notification)}
                px="md"
                py="xs"
                className="notification-item"
                data-unread={notification.read ? undefined : 'true'}
                style={{
                  borderBottom: '1px solid var(--mantine-color-gray-2)',
                  background: notification.read ? undefined : 'var(--mantine-color-un-0)',
                }}
              >
                <NotificationLine notification={notification} />
              </UnstyledButton>
            ))}
          </Stack>
          <Group justify="space-between" px="md" py="xs">
            <Anchor component={Link} to="/notifications" size="sm" onClick={() => setOpened(false)}>
              All notifications
            </Anchor>
            <Anchor
              component={Link}
              to="/notifications/preferences"
              size="sm"
              onClick={() => setOpened(false)}
            >
              Mail preferences
            </Anchor>
          </Group>
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}

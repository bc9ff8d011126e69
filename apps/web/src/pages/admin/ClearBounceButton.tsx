import { Badge, Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { data, errorMessage, http } from '../../api/client';
import type { Bounce } from '../../api/models';
import { useAuth } from '../../auth/auth';

/** A bounced address is blocked (no mail goes to it) until the admin clears it. */
export function BounceMailState({ bounce }: { bounce: Bounce }) {
  const { can } = useAuth();
  const client = useQueryClient();
  const clear = useMutation({
    mutationFn: () =>
      data(
        http.POST('/api/v1/admin/outbox/bounces/{address}/clear', {
          params: { path: { address: bounce.address } },
        }),
      ),
    onSuccess: () => {
      notifications.show({
        color: 'teal',
        title: 'Bounce cleared',
        message: `Mail goes to ${bounce.address} again.`,
      });
      void client.invalidateQueries({ queryKey: ['outbox'] });
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Not cleared', message: errorMessage(error) }),
  });
  if (!bounce.blocked) return <Badge color="gray">Cleared</Badge>;
  return (
    <Group gap="xs" wrap="nowrap">
      <Badge color="red">Blocked</Badge>
      {can('mail.bounce-clear') && (
        <Button
          size="compact-xs"
          variant="light"
          loading={clear.isPending}
          onClick={() => clear.mutate()}
          aria-label={`Clear the bounce of ${bounce.address}`}
        >
          Clear
        </Button>
      )}
    </Group>
  );
}

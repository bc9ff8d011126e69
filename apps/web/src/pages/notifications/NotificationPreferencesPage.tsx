import { Alert, Button, Group, SegmentedControl, Stack, Switch, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { data, errorMessage, http } from '../../api/client';
import { notificationQueries } from '../../api/queries/notifications';
import type { MailDelivery, NotificationPreferences } from '../../api/models';
import { ErrorState, LoadingState } from '../../components/states';
import { PageHeader, Section } from '../../components/ui';

const DELIVERIES: { value: MailDelivery; label: string }[] = [
  { value: 'OFF', label: 'Off' },
  { value: 'IMMEDIATE', label: 'Immediately' },
  { value: 'DIGEST', label: 'Daily digest' },
];

/** The signed-in user's mail preferences: per kind of event, and one switch for all mail. */
export function NotificationPreferencesPage() {
  const saved = useQuery(notificationQueries.preferences());
  if (saved.error) return <ErrorState error={saved.error} onRetry={() => void saved.refetch()} />;
  if (!saved.data) return <LoadingState />;
  return <PreferencesForm saved={saved.data} />;
}

function PreferencesForm({ saved }: { saved: NotificationPreferences }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState<NotificationPreferences>(saved);
  const [done, setDone] = useState(false);
  const save = useMutation({
    mutationFn: (value: NotificationPreferences) =>
      data(
        http.PUT('/api/v1/me/notification-preferences', {
          body: {
            mailOff: value.mailOff,
            kinds: value.kinds.map(({ kind, delivery }) => ({ kind, delivery })),
          },
        }),
      ),
    onSuccess: (value) => {
      client.setQueryData(notificationQueries.preferences().queryKey, value);
      setDraft(value);
      setDone(true);
    },
  });
  const setDelivery = (kind: string, delivery: MailDelivery) => {
    setDone(false);
    setDraft({ ...draft, kinds: draft.kinds.map((k) => (k.kind === kind ? { ...k, delivery } : k)) });
  };
  return (
    <Stack gap="lg">
      <PageHeader
        title="Notification preferences"
        description="Your bell always shows every notification. Here you choose which ones also come by e-mail: immediately, or grouped in one daily digest."
        crumbs={[{ label: 'Notifications', to: '/notifications' }, { label: 'Preferences' }]}
      />
      <Section title="E-mail">
        <Stack gap="md">
          <Switch
            label="No e-mail at all"
            description="Turns every notification mail off, whatever is chosen below."
            checked={draft.mailOff}
            onChange={(event) => {
              setDone(false);
              setDraft({ ...draft, mailOff: event.currentTarget.checked });
            }}
          />
          <Table
            verticalSpacing="xs"
            aria-label="Mail per kind of event"
            style={{ opacity: draft.mailOff ? 0.5 : 1 }}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Event</Table.Th>
                <Table.Th>By e-mail</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {draft.kinds.map((kind) => (
                <Table.Tr key={kind.kind}>
                  <Table.Td>
                    <Text size="sm">{kind.label}</Text>
                  </Table.Td>
                  <Table.Td>
                    <SegmentedControl
                      size="xs"
                      disabled={draft.mailOff}
                      value={kind.delivery}
                      onChange={(value) => setDelivery(kind.kind, value as MailDelivery)}
                      data={DELIVERIES}
                      aria-label={`${kind.label} by e-mail`}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {save.error && (
            <Alert color="red" role="alert">
              {errorMessage(save.error)}
            </Alert>
          )}
          {done && (
            <Alert color="green" role="status">
              Your preferences are saved.
            </Alert>
          )}
          <Group>
            <Button onClick={() => save.mutate(draft)} loading={save.isPending}>
              Save preferences
            </Button>
          </Group>
        </Stack>
      </Section>
    </Stack>
  );
}

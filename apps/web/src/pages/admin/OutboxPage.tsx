import { Alert, Badge, Code, Group, Pagination, Select, Spoiler, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { notificationQueries } from '../../api/queries/notifications';
import type { OutboxMessage } from '../../api/models';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { PageHeader, Section } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { BounceMailState } from './ClearBounceButton';

const STATUS_COLOR: Record<OutboxMessage['status'], string> = {
  PENDING: 'gray',
  SENT: 'green',
  KEPT: 'blue',
  BOUNCED: 'red',
  FAILED: 'orange',
  BLOCKED: 'grape',
};

/** Each status in plain words, as the filter and the badges say it. */
const STATUS_LABEL: Record<OutboxMessage['status'], string> = {
  PENDING: 'Waiting to be sent',
  SENT: 'Sent',
  KEPT: 'Kept, not mailed',
  BOUNCED: 'Bounced',
  FAILED: 'Failed',
  BLOCKED: 'Blocked address',
};

/** The admin's view of notification mail: where it goes, the addresses that bounced, every message. */
export function OutboxPage() {
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<string | null>(null);
  const outbox = useQuery(
    notificationQueries.outbox({
      page,
      pageSize: 25,
      status: (status ?? undefined) as OutboxMessage['status'] | undefined,
    }),
  );
  const bounces = useQuery(notificationQueries.bounces());
  return (
    <Stack gap="lg">
      <PageHeader
        title="Mail outbox"
        description="Every notification mail the system composed and what became of it, and the addresses a mail server refused."
      />
      {outbox.data && (
        <Alert color={outbox.data.mode === 'smtp' ? 'green' : 'blue'} title="Where mail goes">
          {outbox.data.mode === 'smtp' ? (
            <>
              Mail is sent to the SMTP server of <Code>SMTP_URL</Code>. Messages it accepted are marked sent;
              those it refused for good, bounced.
            </>
          ) : (
            <>
              No SMTP server is configured (<Code>SMTP_URL</Code>): messages are kept here for you to read,
              and nobody receives them by e-mail.
            </>
          )}
        </Alert>
      )}
      <Section
        title="Bounced addresses"
        description="A mail server refused these addresses permanently (an SMTP 5xx answer). No mail goes to a blocked address until you clear it."
      >
        {bounces.isLoading && <LoadingState rows={1} />}
        {bounces.error && <ErrorState error={bounces.error} />}
        {bounces.data && bounces.data.length === 0 && (
          <Text size="sm" c="dimmed">
            No address has bounced.
          </Text>
        )}
        {bounces.data && bounces.data.length > 0 && (
          <Table aria-label="Bounced addresses">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Address</Table.Th>
                <Table.Th>User</Table.Th>
                <Table.Th>Server answer</Table.Th>
                <Table.Th>Last bounced</Table.Th>
                <Table.Th>Times</Table.Th>
                <Table.Th>Mail</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {bounces.data.map((bounce) => (
                <Table.Tr key={bounce.address}>
                  <Table.Td>{bounce.address}</Table.Td>
                  <Table.Td>{bounce.user?.name ?? '—'}</Table.Td>
                  <Table.Td>
                    <Badge color="red" mr="xs">
                      {bounce.smtpCode}
                    </Badge>
                    <Text span size="sm">
                      {bounce.response}
                    </Text>
                  </Table.Td>
                  <Table.Td>{formatDateTime(bounce.bouncedAt)}</Table.Td>
                  <Table.Td>{bounce.count}</Table.Td>
                  <Table.Td>
                    <BounceMailState bounce={bounce} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
      <Section
        title="Messages"
        actions={
          <Select
            aria-label="Status"
            placeholder="Any status"
            clearable
            data={Object.entries(STATUS_LABEL).map(([value, label]) => ({ value, label }))}
            value={status}
            onChange={(value) => {
              setStatus(value);
              setPage(1);
            }}
            w={220}
          />
        }
      >
        {outbox.isLoading && <LoadingState />}
        {outbox.error && <ErrorState error={outbox.error} />}
        {outbox.data && outbox.data.items.length === 0 && <EmptyState title="No messages" />}
        {outbox.data && outbox.data.items.length > 0 && (
          <Stack gap="sm" role="list" aria-label="Messages">
            {outbox.data.items.map((message) => (
              <Stack
                key={message.id}
                gap={4}
                role="listitem"
                p="sm"
                style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}
              >
                <Group justify="space-between" wrap="wrap">
                  <Text fw={600} size="sm">
                    {message.subject}
                  </Text>
                  <Group gap="xs">
                    {message.kind === 'DIGEST' && <Badge variant="outline">Digest</Badge>}
                    <Badge color={STATUS_COLOR[message.status]}>{STATUS_LABEL[message.status]}</Badge>
                  </Group>
                </Group>
                <Text size="xs" c="dimmed">
                  To {message.to} · {formatDateTime(message.createdAt)}
                  {message.attempts > 1 ? ` · ${message.attempts} attempts` : ''}
                </Text>
                {message.error && (
                  <Text size="xs" c="red">
                    {message.error}
                  </Text>
                )}
                <Spoiler maxHeight={0} showLabel="Show the message" hideLabel="Hide the message">
                  <Code block tabIndex={0} aria-label="Message text">
                    {message.body}
                  </Code>
                </Spoiler>
              </Stack>
            ))}
          </Stack>
        )}
        {outbox.data && outbox.data.total > outbox.data.pageSize && (
          <Pagination
            mt="md"
            value={page}
            onChange={setPage}
            total={Math.ceil(outbox.data.total / outbox.data.pageSize)}
            aria-label="Pages"
          />
        )}
      </Section>
    </Stack>
  );
}

import { Code, Pagination, Group, ScrollArea, Spoiler, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { auditQueries } from '../api/queries/audit';
import { formatDateTime } from '../lib/format';
import { EmptyState, QueryState } from './states';

function changes(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  if (!after) return before ? ['(deleted)'] : [];
  const keys = Object.keys(after).filter(
    (key) => JSON.stringify(before?.[key]) !== JSON.stringify(after[key]),
  );
  return keys.map((key) => {
    const show = (value: unknown) =>
      value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);
    const text =
      before && key in before
        ? `${key}: ${show(before[key])} → ${show(after[key])}`
        : `${key}: ${show(after[key])}`;
    return text.length > 220 ? `${text.slice(0, 217)}…` : text;
  });
}

/** Who did what, when, with the values before and after (GET /audit). */
export function AuditTable({ entityType, entityId }: { entityType?: string; entityId?: string }) {
  const [page, setPage] = useState(1);
  const query = useQuery(auditQueries.list({ entityType, entityId, page, pageSize: 25 }));
  return (
    <QueryState
      query={query}
      loadingLabel="Loading the audit trail…"
      empty={(data) =>
        data.items.length === 0 && (
          <EmptyState title="No audit events" description="Nothing has been recorded for this record yet." />
        )
      }
    >
      {(data) => (
        <>
          <ScrollArea>
            <Table miw={760} aria-label="Audit trail" verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When (UTC)</Table.Th>
                  <Table.Th>Who</Table.Th>
                  <Table.Th>Action</Table.Th>
                  <Table.Th>Changes</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((event) => (
                  <Table.Tr key={event.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm">{formatDateTime(event.occurredAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{event.actorEmail ?? 'system'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Code>{event.action}</Code>
                    </Table.Td>
                    <Table.Td>
                      <Spoiler maxHeight={66} showLabel="Show all" hideLabel="Show less">
                        {changes(event.before, event.after).map((line, index) => (
                          <Text key={index} size="xs" ff="monospace" c="dark.6">
                            {line}
                          </Text>
                        ))}
                      </Spoiler>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
          {data.total > data.pageSize && (
            <Group justify="flex-end" mt="sm">
              <Pagination
                total={Math.ceil(data.total / data.pageSize)}
                value={page}
                onChange={setPage}
                size="sm"
              />
            </Group>
          )}
        </>
      )}
    </QueryState>
  );
}

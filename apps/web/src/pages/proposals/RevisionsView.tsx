import { Group, Paper, ScrollArea, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { proposalQueries } from '../../api/queries/proposals';
import type { Proposal } from '../../api/models';
import { QueryState } from '../../components/states';
import { formatDate, formatDateTime } from '../../lib/format';

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

export function RevisionsView({ proposal }: { proposal: Proposal }) {
  const versions = proposal.revisions.map((r) => r.version).sort((a, b) => a - b);
  const [from, setFrom] = useState<string | null>(
    versions.length >= 2 ? String(versions[versions.length - 2]) : null,
  );
  const [to, setTo] = useState<string | null>(
    versions.length >= 1 ? String(versions[versions.length - 1]) : null,
  );
  const diff = useQuery({
    ...proposalQueries.diff(proposal.id, Number(from), Number(to)),
    enabled: !!from && !!to && from !== to,
  });
  if (versions.length === 0)
    return (
      <Text c="dimmed">
        The proposal has not been submitted yet; revisions are kept from the first submission.
      </Text>
    );
  const options = proposal.revisions.map((r) => ({
    value: String(r.version),
    label: `Revision ${r.version} · ${formatDate(r.submittedAt)}`,
  }));
  return (
    <Stack>
      <Table aria-label="Revisions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Revision</Table.Th>
            <Table.Th>Submitted</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {proposal.revisions.map((r) => (
            <Table.Tr key={r.version}>
              <Table.Td>Revision {r.version}</Table.Td>
              <Table.Td>{formatDateTime(r.submittedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {versions.length >= 2 && (
        <Paper withBorder p="md" radius="md">
          <Title order={3} size="h5" mb="sm">
            Differences
          </Title>
          <Group mb="md">
            <Select
              label="From"
              data={options}
              value={from}
              onChange={setFrom}
              allowDeselect={false}
              w={240}
            />
            <Select label="To" data={options} value={to} onChange={setTo} allowDeselect={false} w={240} />
          </Group>
          {from === to ? (
            <Text c="dimmed" size="sm">
              Choose two different revisions.
            </Text>
          ) : (
            <QueryState
              query={diff}
              empty={(data) => data.changes.length === 0 && <Text c="dimmed">No differences.</Text>}
            >
              {(data) => (
                <ScrollArea>
                  <Table miw={640} aria-label="Differences between revisions">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Field</Table.Th>
                        <Table.Th>Revision {data.from}</Table.Th>
                        <Table.Th>Revision {data.to}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {data.changes.map((change) => (
                        <Table.Tr key={change.field}>
                          <Table.Td>
                            <Text size="sm" ff="monospace">
                              {change.field}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm" span className="diff-from">
                              {show(change.from)}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm" span className="diff-to">
                              {show(change.to)}
                            </Text>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollArea>
              )}
            </QueryState>
          )}
        </Paper>
      )}
    </Stack>
  );
}

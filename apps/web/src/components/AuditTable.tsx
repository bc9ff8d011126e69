import { Anchor, Pagination, Group, Spoiler, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { S } from '../api/models';
import { auditQueries } from '../api/queries/audit';
import { formatDateTime } from '../lib/format';
import { actionWords, fieldChanges, isId, recordWords } from './audit-words';
import { EmptyState, QueryState } from './states';
import { ListTable } from './ListTable';

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
          <ListTable>
            <Table miw={960} aria-label="Audit trail" verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When (UTC)</Table.Th>
                  <Table.Th>Who</Table.Th>
                  <Table.Th>What</Table.Th>
                  <Table.Th>About</Table.Th>
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
                      {/* A person by name; the e-mail (what the event recorded) on hover. */}
                      <Text size="sm" data-testid="audit-actor" title={event.actorEmail ?? undefined}>
                        {event.actorName ?? event.actorEmail ?? 'System'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" data-testid="audit-action" title={event.action}>
                        {actionWords(event.action)}
                      </Text>
                    </Table.Td>
                    <Table.Td maw={280}>
                      <Subject event={event} />
                    </Table.Td>
                    <Table.Td>
                      <Changes event={event} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ListTable>
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

type AuditEvent = S['AuditEventDto'];

/** Which proposal or programme (reference and title, linked), or which kind of record. */
function Subject({ event }: { event: AuditEvent }) {
  const subject = event.subject;
  if (subject)
    return (
      <Text size="sm" data-testid="audit-subject">
        <Anchor
          component={Link}
          to={subject.programme ? `/programmes/${subject.proposalId}` : `/proposals/${subject.proposalId}`}
          size="sm"
          fw={600}
        >
          {subject.reference}
        </Anchor>{' '}
        {subject.title}
      </Text>
    );
  // Codes (a fund indicator, a thematic area) say which record; ids say nothing to a reader.
  return (
    <Text size="sm" data-testid="audit-subject">
      {recordWords(event.entityType)}
      {isId(event.entityId) ? '' : ` ${event.entityId}`}
    </Text>
  );
}

/** Before and after as the fields that changed, in words. */
function Changes({ event }: { event: AuditEvent }) {
  const changes = fieldChanges(event.before, event.after);
  if (changes.length === 0)
    return (
      <Text size="xs" c="dimmed">
        —
      </Text>
    );
  return (
    <Spoiler maxHeight={66} showLabel="Show all" hideLabel="Show less">
      <dl className="audit-changes" data-testid="audit-changes">
        {changes.map((change, index) => (
          <div key={index}>
            <Text component="dt" size="xs" fw={600} span>
              {change.field}:
            </Text>{' '}
            <Text component="dd" size="xs" span>
              {change.before !== null ? `${change.before} → ${change.after}` : change.after}
            </Text>
          </div>
        ))}
      </dl>
    </Spoiler>
  );
}

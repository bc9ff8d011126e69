import { Alert, Stack, Text, Timeline } from '@mantine/core';
import { IconPoint } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { proposalQueries } from '../../api/queries/proposals';
import { QueryState } from '../../components/states';
import { formatDateTime, STATUS_LABEL } from '../../lib/format';

export function LatestComment({ proposalId, status }: { proposalId: string; status: string }) {
  const timeline = useQuery({
    ...proposalQueries.timeline(proposalId),
  });
  const last = [...(timeline.data ?? [])].reverse().find((entry) => entry.toStatus === status);
  if (!last?.comment) return null;
  return (
    <Alert
      color="orange"
      title={
        status === 'RETURNED'
          ? 'Returned by the Fund Management Unit'
          : 'Revision requested by the Steering Committee'
      }
    >
      {last.comment}
    </Alert>
  );
}

export function EligibilityCheck({ proposalId }: { proposalId: string }) {
  const query = useQuery({
    ...proposalQueries.eligibility(proposalId),
  });
  if (!query.data) return null;
  return query.data.eligible ? (
    <Alert color="teal" title="Ready to submit">
      The draft meets every eligibility rule of the fund.
    </Alert>
  ) : (
    <Alert
      color="orange"
      title={`${query.data.violations.length} eligibility rule${query.data.violations.length === 1 ? '' : 's'} not met yet`}
    >
      <Stack gap={2}>
        {query.data.violations.map((v, index) => (
          <Text key={index} size="sm">
            • {v.message}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}

export function TimelineView({ proposalId }: { proposalId: string }) {
  const query = useQuery({
    ...proposalQueries.timeline(proposalId),
  });
  return (
    <QueryState
      query={query}
      empty={(data) => data.length === 0 && <Text c="dimmed">No status changes yet.</Text>}
    >
      {(entries) => (
        <Timeline active={entries.length - 1} bulletSize={22} lineWidth={2} aria-label="Status changes">
          {entries.map((entry, index) => (
            <Timeline.Item
              key={index}
              bullet={<IconPoint size={14} />}
              title={STATUS_LABEL[entry.toStatus] ?? entry.toStatus}
            >
              <Text size="xs" c="dimmed">
                {formatDateTime(entry.occurredAt)}
                {entry.actor
                  ? ` · ${(entry.actor as { name?: string; email?: string }).name ?? (entry.actor as { email?: string }).email}`
                  : ''}
                {entry.fromStatus ? ` · from ${STATUS_LABEL[entry.fromStatus]}` : ''}
              </Text>
              {entry.comment && (
                <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                  {entry.comment}
                </Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </QueryState>
  );
}

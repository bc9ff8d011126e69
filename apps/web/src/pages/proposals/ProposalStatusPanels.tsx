import { Alert, List, Stack, Text, Timeline } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconPoint } from '@tabler/icons-react';
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

/**
 * The "ready to submit" checklist: the documents the fund requires, each attached or missing, and
 * every other eligibility rule not met yet (GET /proposals/:id/eligibility, the rules of submit).
 */
export function EligibilityCheck({ proposalId }: { proposalId: string }) {
  const query = useQuery({
    ...proposalQueries.eligibility(proposalId),
  });
  if (!query.data) return null;
  const { eligible, violations, requiredDocuments } = query.data;
  // The required documents are listed with their state below; the other rules as the API words them.
  const others = violations.filter((v) => v.rule !== 'REQUIRED_DOCUMENTS');
  return (
    <Alert
      color={eligible ? 'teal' : 'orange'}
      // A dark title on the tint: the colour's own shades are under 4.5:1 on it.
      c="dark.7"
      styles={{ title: { color: 'var(--mantine-color-dark-7)' } }}
      data-testid="submit-checklist"
      title={
        eligible
          ? 'Ready to submit'
          : `Not ready to submit: ${violations.length} eligibility rule${violations.length === 1 ? '' : 's'} not met yet`
      }
    >
      <Stack gap={6}>
        {eligible && <Text size="sm">The draft meets every eligibility rule of the fund.</Text>}
        {requiredDocuments.length > 0 && (
          <div>
            <Text size="sm" fw={600}>
              Documents the fund requires
            </Text>
            <List size="sm" spacing={2} center>
              {requiredDocuments.map((d) => (
                <List.Item
                  key={d.kind}
                  data-testid="required-document"
                  data-attached={d.attached}
                  icon={
                    d.attached ? (
                      <IconCircleCheck size={16} color="var(--mantine-color-teal-8)" aria-hidden />
                    ) : (
                      <IconCircleX size={16} color="var(--mantine-color-red-8)" aria-hidden />
                    )
                  }
                >
                  {d.label.charAt(0).toUpperCase() + d.label.slice(1)}: {d.attached ? 'attached' : 'missing'}
                </List.Item>
              ))}
            </List>
          </div>
        )}
        {others.map((v, index) => (
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

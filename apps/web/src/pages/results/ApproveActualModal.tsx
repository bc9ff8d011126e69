import { Alert, Button, Group, Modal, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../api/client';
import type { Actual } from '../../api/models';
import { resultsQueries } from '../../api/queries/results';
import { LoadingState } from '../../components/states';
import { formatDate } from '../../lib/format';

const period = (p: { periodStart: string; periodEnd: string }) =>
  `${formatDate(p.periodStart)} – ${formatDate(p.periodEnd)}`;

function Figure({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <Paper withBorder p="xs" radius="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700}>{value}</Text>
      {detail && (
        <Text size="xs" c="dimmed">
          {detail}
        </Text>
      )}
    </Paper>
  );
}

/**
 * What the fund unit needs to judge an actual before approving it (the indicator's baseline, the
 * period's and the final target, the progress approved so far, the whole narrative), and the
 * confirmation: approving locks the value.
 */
export function ApproveActualModal({
  actual,
  approving,
  error,
  onApprove,
  onClose,
}: {
  actual: Actual;
  approving: boolean;
  error: Error | null;
  onApprove: () => void;
  onClose: () => void;
}) {
  const matrix = useQuery(resultsQueries.matrix(actual.programmeId));
  const indicator = matrix.data?.results
    .flatMap((r) => r.indicators)
    .find((i) => i.id === actual.indicatorId);
  const targets = [...(indicator?.targets ?? [])].sort((a, b) => a.periodEnd.localeCompare(b.periodEnd));
  const forPeriod = targets.find(
    (t) => t.periodStart === actual.periodStart && t.periodEnd === actual.periodEnd,
  );
  const final = targets[targets.length - 1];
  const unit = indicator?.unit ? ` ${indicator.unit}` : '';
  const latest = indicator?.progress.latestApproved;
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      centered
      closeButtonProps={{ 'aria-label': 'Close' }}
      title={
        <Title order={2} size="h4">
          Approve {actual.indicatorKey} of {actual.programmeReference}?
        </Title>
      }
    >
      <Stack data-testid="approve-actual">
        <div>
          <Text fw={600}>
            {actual.indicatorKey} {actual.indicatorTitle}
          </Text>
          <Text size="sm" c="dimmed">
            Period {period(actual)}
          </Text>
        </div>
        {matrix.isLoading ? (
          <LoadingState label="Loading the indicator's targets…" />
        ) : (
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
            <Figure label="Reported" value={`${actual.value ?? 'qualitative'}${actual.value ? unit : ''}`} />
            <Figure
              label="Baseline"
              value={indicator ? `${indicator.baseline.value ?? '—'}${unit}` : '—'}
              detail={indicator ? String(indicator.baseline.year) : undefined}
            />
            <Figure
              label="Target for the period"
              value={forPeriod?.value != null ? `${forPeriod.value}${unit}` : '—'}
            />
            <Figure
              label="End target"
              value={final?.value != null ? `${final.value}${unit}` : '—'}
              detail={final ? `by ${formatDate(final.periodEnd)}` : undefined}
            />
          </SimpleGrid>
        )}
        {indicator && (
          <Text size="sm" data-testid="progress-so-far">
            Progress so far:{' '}
            {latest
              ? `${latest.value ?? 'reported'}${latest.value ? unit : ''} approved for ${period(latest)}`
              : 'no actual approved yet'}{' '}
            · {indicator.progress.approvedActuals} of {indicator.progress.periods} period
            {indicator.progress.periods === 1 ? '' : 's'} approved
          </Text>
        )}
        {actual.disaggregation.length > 0 && (
          <Text size="sm">
            Of which: {actual.disaggregation.map((d) => `${d.category} ${d.value}`).join(' · ')}
          </Text>
        )}
        <div>
          <Text size="sm" fw={600}>
            Narrative and evidence
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="full-narrative">
            {actual.narrative}
          </Text>
        </div>
        <Alert
          color="orange"
          icon={<IconLock size={18} />}
          title="Approving locks the value"
          styles={{ title: { color: 'var(--mantine-color-dark-7)' } }}
        >
          Once approved the agency can no longer change this actual, and it counts in the results roll-up and
          the donor reports. Return it instead if something should change.
        </Alert>
        {error && (
          <Text c="red.8" size="sm" role="alert">
            {errorMessage(error)}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="teal.9" leftSection={<IconLock size={16} />} loading={approving} onClick={onApprove}>
            Approve and lock
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

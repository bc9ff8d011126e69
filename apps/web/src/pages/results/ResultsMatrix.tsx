import { Badge, Button, Card, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconEdit, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { resultsQueries } from '../../api/queries/results';
import type { IndicatorView, TargetView } from '../../api/models';
import { EmptyState, QueryState } from '../../components/states';
import { formatDate } from '../../lib/format';
import { ActualModal } from './ActualModal';
import { IndicatorTable } from './IndicatorTable';
import { MatrixEditor } from './MatrixEditor';

/** The programme's results matrix with progress; its PUNOs edit it and report actuals. */
export function ResultsMatrix({
  proposalId,
  canEdit,
  canReport,
}: {
  proposalId: string;
  canEdit: boolean;
  canReport: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const [reporting, setReporting] = useState<{ indicator: IndicatorView; target: TargetView } | null>(null);
  const query = useQuery(resultsQueries.matrix(proposalId));

  if (editing && query.data) return <MatrixEditor matrix={query.data} onDone={() => setEditing(false)} />;
  return (
    <QueryState
      query={query}
      loadingLabel="Loading the results matrix…"
      empty={(m) =>
        m.results.length === 0 && (
          <EmptyState
            title="No results matrix yet"
            description="Outcomes, outputs and their indicators, with baselines and targets per period. Actuals are reported against the targets."
            action={
              canEdit && (
                <Button onClick={() => setEditing(true)} leftSection={<IconPlus size={16} />}>
                  Build the results matrix
                </Button>
              )
            }
          />
        )
      }
    >
      {(m) => {
        const outcomes = m.results.filter((r) => r.type === 'OUTCOME');
        const orphanOutputs = m.results.filter(
          (r) => r.type === 'OUTPUT' && !outcomes.some((o) => o.key === r.parentKey),
        );
        return (
          <Stack>
            <Group justify="space-between">
              <Text size="sm" c="dimmed">
                {m.progress.indicators} indicators · {m.progress.withActual} with approved actuals ·{' '}
                {m.progress.onTrack} on track · reporting window {formatDate(m.window.start)} –{' '}
                {formatDate(m.window.end)}
              </Text>
              {canEdit && (
                <Button variant="light" leftSection={<IconEdit size={16} />} onClick={() => setEditing(true)}>
                  Edit matrix
                </Button>
              )}
            </Group>
            {[...outcomes, ...orphanOutputs].map((outcome) => (
              <Card withBorder radius="md" key={outcome.key}>
                <Group gap="xs" mb="xs">
                  <Badge color="un" variant="filled">
                    {outcome.type === 'OUTCOME' ? 'Outcome' : 'Output'} {outcome.key}
                  </Badge>
                  <Title order={3} size="h5">
                    {outcome.title}
                  </Title>
                </Group>
                <IndicatorTable
                  indicators={outcome.indicators}
                  canReport={canReport}
                  onReport={(indicator, target) => setReporting({ indicator, target })}
                />
                {m.results
                  .filter((r) => r.type === 'OUTPUT' && r.parentKey === outcome.key)
                  .map((output) => (
                    <Paper key={output.key} withBorder p="sm" mt="sm" radius="sm" bg="gray.0">
                      <Group gap="xs" mb={4}>
                        <Badge color="cyan" variant="light">
                          Output {output.key}
                        </Badge>
                        <Text fw={600} size="sm">
                          {output.title}
                        </Text>
                      </Group>
                      <IndicatorTable
                        indicators={output.indicators}
                        canReport={canReport}
                        onReport={(indicator, target) => setReporting({ indicator, target })}
                      />
                    </Paper>
                  ))}
              </Card>
            ))}
            {reporting && (
              <ActualModal
                proposalId={proposalId}
                indicator={reporting.indicator}
                target={reporting.target}
                onClose={() => setReporting(null)}
              />
            )}
          </Stack>
        );
      }}
    </QueryState>
  );
}

import {
  Alert,
  Anchor,
  Badge,
  Button,
  Drawer,
  Group,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChecklist } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { data, errorMessage, http } from '../../api/client';
import { proposalQueries } from '../../api/queries/proposals';
import { useReference } from '../../api/reference';
import type { ScreeningOutcome } from '../../api/models';
import { EmptyState, LoadingState, QueryState } from '../../components/states';
import { Field, Money, PageHeader } from '../../components/ui';
import { addDays } from '@mptf/common';
import { daysUntil, formatDate, formatDateTime, today } from '../../lib/format';
import { DateField } from '../../components/DateField';
import { ListTable } from '../../components/ListTable';

export function ScreeningPage() {
  const [params, setParams] = useSearchParams();
  const selected = params.get('proposal');
  const inbox = useQuery(proposalQueries.list({ status: ['SUBMITTED'], pageSize: 200 }));
  return (
    <Stack>
      <PageHeader
        title="Screening inbox"
        description="Submitted proposals waiting for the Fund Management Unit: check completeness and eligibility, then pass them to the Steering Committee, return them to the agencies or declare them ineligible."
      />
      <QueryState
        query={inbox}
        loadingLabel="Loading the inbox…"
        empty={(data) =>
          data.items.length === 0 && (
            <EmptyState
              icon="✓"
              title="The inbox is empty"
              description="No submitted proposal is waiting for screening."
            />
          )
        }
      >
        {(data) => (
          <Paper withBorder radius="md">
            <ListTable titleColumns={[1, 2]}>
              <Table miw={780} aria-label="Submitted proposals">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Submitted</Table.Th>
                    <Table.Th>Reference</Table.Th>
                    <Table.Th>Title</Table.Th>
                    <Table.Th>Convener</Table.Th>
                    <Table.Th className="num">Requested</Table.Th>
                    <Table.Th>
                      <span className="sr-only">Action</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {[...data.items]
                    .sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''))
                    .map((p) => {
                      const waiting = p.submittedAt ? -daysUntil(p.submittedAt.slice(0, 10)) : 0;
                      return (
                        <Table.Tr key={p.id}>
                          <Table.Td>
                            <Text size="sm">{formatDate(p.submittedAt)}</Text>
                            {waiting > 7 && (
                              <Badge size="xs" color="orange" variant="light">
                                waiting {waiting} days
                              </Badge>
                            )}
                          </Table.Td>
                          <Table.Td>
                            <Anchor
                              component={Link}
                              to={`/proposals/${p.id}`}
                              ff="monospace"
                              fw={600}
                              size="sm"
                            >
                              {p.reference}
                            </Anchor>
                          </Table.Td>
                          <Table.Td maw={340}>
                            <Text size="sm">{p.title}</Text>
                          </Table.Td>
                          <Table.Td>{p.convenerCode}</Table.Td>
                          <Table.Td className="num">
                            <Money value={p.budget.total} />
                          </Table.Td>
                          <Table.Td>
                            <Button
                              size="xs"
                              leftSection={<IconChecklist size={16} />}
                              onClick={() => setParams({ proposal: p.id })}
                              aria-label={`Screen ${p.reference}`}
                            >
                              Screen
                            </Button>
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                </Table.Tbody>
              </Table>
            </ListTable>
          </Paper>
        )}
      </QueryState>
      <Drawer
        opened={!!selected}
        onClose={() => setParams({})}
        position="right"
        size="xl"
        title={
          <Title order={2} size="h4">
            Screen proposal
          </Title>
        }
      >
        {selected && <ScreeningForm proposalId={selected} onDone={() => setParams({})} />}
      </Drawer>
    </Stack>
  );
}

function ScreeningForm({ proposalId, onDone }: { proposalId: string; onDone: () => void }) {
  const ref = useReference();
  const queryClient = useQueryClient();
  const proposal = useQuery(proposalQueries.detail(proposalId));
  const eligibility = useQuery(proposalQueries.eligibility(proposalId));
  const [outcome, setOutcome] = useState<ScreeningOutcome>('PASS');
  const [comment, setComment] = useState('');
  const [typedDue, setDue] = useState('');
  // Until one is typed, the fund's review window from today.
  const due = typedDue || (ref.settings ? addDays(today(), ref.settings.reviewWindowDays) : '');
  const screen = useMutation({
    mutationFn: () =>
      data(
        http.POST('/api/v1/proposals/{id}/screening', {
          params: { path: { id: proposalId } },
          body: { outcome, comment, reviewDueDate: outcome === 'PASS' ? due || undefined : undefined },
        }),
      ),
    onSuccess: (screened) => {
      void queryClient.invalidateQueries({ queryKey: proposalQueries.lists() });
      void queryClient.invalidateQueries({ queryKey: proposalQueries.detail(proposalId).queryKey });
      notifications.show({
        color: 'teal',
        title: 'Screening recorded',
        message: `${screened.reference} is now ${outcome === 'PASS' ? 'under review' : outcome === 'RETURN' ? 'returned to the agencies' : 'ineligible'}.`,
      });
      onDone();
    },
  });
  if (proposal.isLoading) return <LoadingState />;
  if (!proposal.data) return <Text>{errorMessage(proposal.error)}</Text>;
  const p = proposal.data;
  return (
    <Stack>
      <div>
        <Text ff="monospace" fw={700}>
          {p.reference}
        </Text>
        <Text fw={600}>{p.title}</Text>
        <Text size="xs" c="dimmed">
          Submitted {formatDateTime(p.submittedAt)} · revision {p.version}
        </Text>
        <Group gap="md" mt={4} data-testid="screening-links">
          <Anchor component={Link} to={`/proposals/${p.id}?tab=overview`} size="sm">
            Budget by PUNO
          </Anchor>
          <Anchor component={Link} to={`/proposals/${p.id}?tab=documents`} size="sm">
            Documents ({p.documents.length})
          </Anchor>
        </Group>
      </div>
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <Field label="Thematic area">
          <Text size="sm">{ref.areaTitle(p.thematicAreaCode)}</Text>
        </Field>
        <Field label="Requested">
          <Money value={p.budget.total} strong />
        </Field>
        <Field label="PUNOs">
          <Text size="sm">{p.participatingOrgCodes.join(', ')}</Text>
        </Field>
        <Field label="Documents">
          <Text size="sm">
            {p.documents.length ? p.documents.map((d) => d.filename).join(', ') : 'None attached'}
          </Text>
        </Field>
      </SimpleGrid>
      {eligibility.data &&
        (eligibility.data.eligible ? (
          <Alert color="teal" title="Meets every eligibility rule" />
        ) : (
          <Alert color="orange" title="Eligibility rules not met under today's settings">
            {eligibility.data.violations.map((v, i) => (
              <Text size="sm" key={i}>
                • {v.message}
              </Text>
            ))}
          </Alert>
        ))}
      <Radio.Group
        label="Outcome"
        value={outcome}
        onChange={(v) => setOutcome(v as ScreeningOutcome)}
        withAsterisk
      >
        <Stack gap="xs" mt={6}>
          <Radio value="PASS" label="Pass to the Steering Committee for review" />
          <Radio value="RETURN" label="Return to the agencies for changes" />
          <Radio value="INELIGIBLE" label="Ineligible (ends the proposal)" />
        </Stack>
      </Radio.Group>
      {outcome === 'PASS' && (
        <DateField
          label="Review due date"
          description={ref.settings ? `Default: ${ref.settings.reviewWindowDays} days from today` : undefined}
          value={due}
          onChange={(value) => setDue(value)}
          w={220}
        />
      )}
      <Textarea
        label="Comment to the agencies"
        required
        autosize
        minRows={3}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
      />
      {screen.error && (
        <Alert color="red" title="Not recorded">
          {errorMessage(screen.error)}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          Cancel
        </Button>
        <Button
          onClick={() => screen.mutate()}
          loading={screen.isPending}
          disabled={!comment.trim()}
          color={outcome === 'INELIGIBLE' ? 'red' : undefined}
        >
          Record screening
        </Button>
      </Group>
    </Stack>
  );
}

import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Spoiler,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconArrowBackUp, IconSearch } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { data, errorMessage, http } from '../../api/client';
import type { Actual } from '../../api/models';
import { resultsQueries, type ActualFilter } from '../../api/queries/results';
import {
  ExportCsvButton,
  ListFooter,
  ListTable,
  SortableTh,
  useListControls,
} from '../../components/ListTable';
import { EmptyState, QueryState } from '../../components/states';
import { PageHeader } from '../../components/ui';
import { formatDate, formatDateTime } from '../../lib/format';
import { ApproveActualModal } from './ApproveActualModal';

const PAGE_SIZE = 50;

export function ActualsQueuePage() {
  const queryClient = useQueryClient();
  const [returning, setReturning] = useState<Actual | null>(null);
  const [approving, setApproving] = useState<Actual | null>(null);
  const [comment, setComment] = useState('');
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q, 300);
  const controls = useListControls();
  const filter: ActualFilter = { status: 'SUBMITTED', q: debouncedQ || undefined, sort: controls.sort };
  const query = useQuery(resultsQueries.actuals({ ...filter, page: controls.page, pageSize: PAGE_SIZE }));
  const done = (message: string) => {
    void queryClient.invalidateQueries({ queryKey: resultsQueries.actualLists() });
    void queryClient.invalidateQueries({ queryKey: resultsQueries.matrices() });
    notifications.show({ color: 'teal', message });
  };
  const approve = useMutation({
    mutationFn: (a: Actual) =>
      data(http.POST('/api/v1/actuals/{id}/approve', { params: { path: { id: a.id } } })),
    onSuccess: (a) => {
      setApproving(null);
      done(`${a.indicatorKey} of ${a.programmeReference} approved and locked.`);
    },
  });
  const giveBack = useMutation({
    mutationFn: (a: Actual) =>
      data(http.POST('/api/v1/actuals/{id}/return', { params: { path: { id: a.id } }, body: { comment } })),
    onSuccess: (a) => {
      setReturning(null);
      setComment('');
      done(`${a.indicatorKey} of ${a.programmeReference} returned to the agency.`);
    },
  });
  return (
    <Stack>
      <PageHeader
        title="Actuals approval"
        description="Indicator actuals the agencies submitted. An approved actual is locked and counts in the results roll-up; a returned one goes back with your comment."
        actions={
          <ExportCsvButton
            fileName="actuals.csv"
            fetchCsv={() =>
              http.GET('/api/v1/actuals', {
                params: { query: { ...filter, format: 'csv' } },
                parseAs: 'blob',
              })
            }
          />
        }
      />
      <TextInput
        label="Search"
        placeholder="Programme, indicator or narrative"
        leftSection={<IconSearch size={16} />}
        value={q}
        onChange={(event) => {
          setQ(event.currentTarget.value);
          controls.resetPage();
        }}
        w={{ base: '100%', sm: 300 }}
      />
      <QueryState
        query={query}
        loadingLabel="Loading submitted actuals…"
        empty={(data) =>
          data.items.length === 0 && (
            <EmptyState
              icon="✓"
              title={debouncedQ ? 'No submitted actual matches the search' : 'Nothing to approve'}
              description="Submitted actuals appear here."
            />
          )
        }
      >
        {(data) => (
          <Paper withBorder radius="md">
            <ListTable controls={controls}>
              <Table miw={980} aria-label="Submitted actuals">
                <Table.Thead>
                  <Table.Tr>
                    <SortableTh field="programmeReference" controls={controls}>
                      Programme
                    </SortableTh>
                    <SortableTh field="indicatorKey" controls={controls}>
                      Indicator
                    </SortableTh>
                    <SortableTh field="periodStart" controls={controls}>
                      Period
                    </SortableTh>
                    <Table.Th className="num">Value</Table.Th>
                    <Table.Th>Narrative</Table.Th>
                    <SortableTh field="submittedAt" controls={controls}>
                      Submitted
                    </SortableTh>
                    <Table.Th>
                      <span className="sr-only">Actions</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>
                        <Anchor
                          component={Link}
                          to={`/programmes/${a.programmeId}?tab=results`}
                          ff="monospace"
                          size="sm"
                          fw={600}
                        >
                          {a.programmeReference}
                        </Anchor>
                      </Table.Td>
                      <Table.Td maw={260}>
                        <Text size="sm">
                          {a.indicatorKey} {a.indicatorTitle}
                        </Text>
                        <Badge size="xs" variant="light">
                          {a.measure.toLowerCase()}
                        </Badge>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {formatDate(a.periodStart)} – {formatDate(a.periodEnd)}
                      </Table.Td>
                      <Table.Td className="num">
                        <Text fw={700}>{a.value ?? '—'}</Text>
                        {a.disaggregation.length > 0 && (
                          <Text size="xs" c="dimmed">
                            {a.disaggregation.map((d) => `${d.category} ${d.value}`).join(' · ')}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td maw={300}>
                        {/* The whole narrative, folded when long: the approval judges all of it. */}
                        <Spoiler maxHeight={65} showLabel="Read all" hideLabel="Show less">
                          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                            {a.narrative}
                          </Text>
                        </Spoiler>
                      </Table.Td>
                      <Table.Td>
                        {formatDateTime(typeof a.submittedAt === 'string' ? a.submittedAt : a.createdAt)}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <Button
                            size="xs"
                            color="teal.9"
                            leftSection={<IconCheck size={14} />}
                            onClick={() => {
                              approve.reset();
                              setApproving(a);
                            }}
                            aria-label={`Approve ${a.indicatorKey} of ${a.programmeReference}`}
                          >
                            Approve
                          </Button>
                          <Button
                            size="xs"
                            variant="default"
                            leftSection={<IconArrowBackUp size={14} />}
                            onClick={() => setReturning(a)}
                            aria-label={`Return ${a.indicatorKey} of ${a.programmeReference}`}
                          >
                            Return
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ListTable>
            <ListFooter
              total={data.total}
              pageSize={data.pageSize}
              controls={controls}
              noun={['submitted actual', 'submitted actuals']}
            />
          </Paper>
        )}
      </QueryState>
      {approving && (
        <ApproveActualModal
          actual={approving}
          approving={approve.isPending}
          error={approve.error}
          onApprove={() => approve.mutate(approving)}
          onClose={() => setApproving(null)}
        />
      )}
      <Modal
        opened={!!returning}
        onClose={() => setReturning(null)}
        title="Return the actual to the agency"
        centered
      >
        <Stack>
          <Textarea
            label="What should change"
            required
            autosize
            minRows={3}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
          />
          {giveBack.error && (
            <Text c="red.8" size="sm">
              {errorMessage(giveBack.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setReturning(null)}>
              Cancel
            </Button>
            <Button
              color="orange"
              disabled={!comment.trim()}
              loading={giveBack.isPending}
              onClick={() => returning && giveBack.mutate(returning)}
            >
              Return
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

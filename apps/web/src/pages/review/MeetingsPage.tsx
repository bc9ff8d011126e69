import {
  Anchor,
  Button,
  Group,
  Modal,
  MultiSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { data, errorMessage, http } from '../../api/client';
import { meetingQueries } from '../../api/queries/meetings';
import { proposalQueries } from '../../api/queries/proposals';
import { useAuth } from '../../auth/auth';
import { EmptyState, QueryState } from '../../components/states';
import { PageHeader } from '../../components/ui';
import { daysUntil, formatDate } from '../../lib/format';
import { DateField } from '../../components/DateField';
import { ListTable } from '../../components/ListTable';

export function MeetingsPage() {
  const { can } = useAuth();
  const [open, setOpen] = useState(false);
  // Paged, latest first: the last 200 meetings are plenty for this list.
  const meetings = useQuery({ ...meetingQueries.list({ pageSize: 200 }), select: (page) => page.items });
  return (
    <Stack>
      <PageHeader
        title="Steering Committee meetings"
        description="Each meeting has an agenda of proposals under review or in the pipeline, and a decision pack that shows them side by side with the portfolio balance each approval would give."
        actions={
          can('meeting.manage') && (
            <Button leftSection={<IconCalendarPlus size={18} />} onClick={() => setOpen(true)}>
              New meeting
            </Button>
          )
        }
      />
      <QueryState
        query={meetings}
        loadingLabel="Loading meetings…"
        empty={(items) =>
          items.length === 0 && (
            <EmptyState
              title="No meetings yet"
              description={
                can('meeting.manage')
                  ? 'Prepare the next meeting: choose its date and put proposals on the agenda.'
                  : 'The Fund Management Unit has not scheduled a meeting yet.'
              }
            />
          )
        }
      >
        {(items) => (
          <Paper withBorder radius="md">
            <ListTable>
              <Table miw={600} aria-label="Meetings">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Date</Table.Th>
                    <Table.Th>Meeting</Table.Th>
                    <Table.Th className="num">Proposals</Table.Th>
                    <Table.Th className="num">Decided</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {[...items]
                    .sort((a, b) => b.date.localeCompare(a.date))
                    .map((m) => (
                      <Table.Tr key={m.id}>
                        <Table.Td>
                          <Text size="sm">{formatDate(m.date)}</Text>
                          {daysUntil(m.date) >= 0 && (
                            <Text size="xs" c="un.7">
                              upcoming
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Anchor component={Link} to={`/meetings/${m.id}`} fw={600}>
                            {m.title}
                          </Anchor>
                        </Table.Td>
                        <Table.Td className="num">{m.proposalCount ?? '—'}</Table.Td>
                        <Table.Td className="num">{m.decisionCount ?? '—'}</Table.Td>
                      </Table.Tr>
                    ))}
                </Table.Tbody>
              </Table>
            </ListTable>
          </Paper>
        )}
      </QueryState>
      {open && <NewMeetingModal onClose={() => setOpen(false)} />}
    </Stack>
  );
}

function NewMeetingModal({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [date, setDate] = useState('');
  const [ids, setIds] = useState<string[]>([]);
  const candidates = useQuery(proposalQueries.list({ status: ['UNDER_REVIEW', 'PIPELINE'], pageSize: 200 }));
  const create = useMutation({
    mutationFn: () => data(http.POST('/api/v1/sc-meetings', { body: { title, date, proposalIds: ids } })),
    onSuccess: (meeting) => {
      void queryClient.invalidateQueries({ queryKey: meetingQueries.lists() });
      notifications.show({ color: 'teal', message: `${meeting.title} is scheduled.` });
      void navigate(`/meetings/${meeting.id}`);
    },
  });
  return (
    <Modal opened onClose={onClose} title="New Steering Committee meeting" size="lg" centered>
      <Stack>
        <TextInput
          label="Title"
          required
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          placeholder="Steering Committee — 12th meeting"
        />
        <DateField label="Date" required value={date} onChange={(value) => setDate(value)} w={220} />
        <MultiSelect
          label="Agenda"
          description="Proposals under review or in the pipeline"
          data={(candidates.data?.items ?? []).map((p) => ({
            value: p.id,
            label: `${p.reference} — ${p.title}`,
          }))}
          value={ids}
          onChange={setIds}
          searchable
          nothingFoundMessage={
            candidates.isLoading ? 'Loading…' : 'No proposal is under review or in the pipeline'
          }
        />
        {create.error && (
          <Text c="red.8" size="sm" role="alert">
            {errorMessage(create.error)}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            onClick={() => create.mutate()}
            loading={create.isPending}
            disabled={!title.trim() || !date || ids.length === 0}
          >
            Create meeting
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

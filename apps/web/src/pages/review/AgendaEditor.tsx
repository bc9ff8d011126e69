import { Button, Group, MultiSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { data, errorMessage, http } from '../../api/client';
import { meetingQueries } from '../../api/queries/meetings';
import { proposalQueries } from '../../api/queries/proposals';

/**
 * The FMU changes a meeting's agenda until the meeting starts (its date) or decides anything
 * (PUT /sc-meetings/:id/agenda): proposals under review or in the pipeline, searchable by reference
 * or title, in the order chosen.
 */
export function AgendaEditor({
  meetingId,
  date,
  agenda,
  decided,
}: {
  meetingId: string;
  date: string;
  agenda: { proposalId: string; reference: string; title: string }[];
  decided: boolean;
}) {
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<string[]>(agenda.map((item) => item.proposalId));
  const candidates = useQuery(proposalQueries.list({ status: ['UNDER_REVIEW', 'PIPELINE'], pageSize: 200 }));
  const save = useMutation({
    mutationFn: () =>
      data(
        http.PUT('/api/v1/sc-meetings/{id}/agenda', {
          params: { path: { id: meetingId } },
          body: { proposalIds: selected },
        }),
      ),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: 'The agenda is saved.' });
      void queryClient.invalidateQueries({ queryKey: meetingQueries.detail(meetingId).queryKey });
      void queryClient.invalidateQueries({ queryKey: meetingQueries.pack(meetingId).queryKey });
    },
  });
  const today = new Date().toISOString().slice(0, 10);
  if (decided || date <= today) return null;
  const options = new Map<string, string>();
  for (const item of agenda) options.set(item.proposalId, `${item.reference} · ${item.title}`);
  for (const p of candidates.data?.items ?? []) options.set(p.id, `${p.reference} · ${p.title}`);
  return (
    <Paper withBorder radius="md" p="md" data-testid="agenda-editor">
      <Stack gap="xs">
        <Title order={2} size="h4">
          Agenda
        </Title>
        <Text size="sm" c="dimmed">
          Until the meeting starts you can add proposals screened since, or take some off. Proposals under
          review or in the pipeline can go on the agenda.
        </Text>
        <MultiSelect
          label="Proposals on the agenda"
          placeholder="Search by reference or title"
          searchable
          data={[...options].map(([value, label]) => ({ value, label }))}
          value={selected}
          onChange={setSelected}
          nothingFoundMessage="No proposal under review or in the pipeline matches"
        />
        {save.error && (
          <Text c="red.8" size="sm" role="alert">
            {errorMessage(save.error)}
          </Text>
        )}
        <Group justify="flex-end">
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={selected.length === 0}>
            Save the agenda
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

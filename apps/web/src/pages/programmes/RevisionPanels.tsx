import { Button, Group, Modal, Select, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, data, errorMessage, http } from '../../api/client';
import type { ProgrammeDetail, ProgrammeRevision, RevisionKind } from '../../api/models';
import { meetingQueries } from '../../api/queries/meetings';
import { programmeWorkQueries } from '../../api/queries/programme-work';
import { useAuth } from '../../auth/auth';
import { REVISION_LABEL } from './programme-work-labels';
import { formatDate } from '../../lib/format';

type Line = { orgCode: string; categoryCode: number; amount: string };

function errorList(error: unknown): string {
  if (error instanceof ApiError && error.details.length)
    return error.details.map((d) => `${d.field ?? d.rule}: ${d.message}`).join('; ');
  return errorMessage(error);
}

/** The convening agency asks for a no-cost extension, a budget revision or a cost extension. */
export function RevisionRequestModal({
  programme,
  onClose,
}: {
  programme: ProgrammeDetail;
  onClose: () => void;
}) {
  const client = useQueryClient();
  const [kind, setKind] = useState<RevisionKind>('NO_COST_EXTENSION');
  const [justification, setJustification] = useState('');
  const [endDate, setEndDate] = useState('');
  const [lines, setLines] = useState<Line[] | null>(null);
  const [added, setAdded] = useState<Record<string, string>>({});
  const versions = useQuery(programmeWorkQueries.versions(programme.id));
  const current = versions.data?.at(-1)?.content;
  const budget = lines ?? current?.budgetLines ?? [];
  const submit = useMutation({
    mutationFn: () =>
      data(
        http.POST('/api/v1/programmes/{id}/revisions', {
          params: { path: { id: programme.id } },
          body: {
            kind,
            justification,
            ...(kind !== 'BUDGET_REVISION' && endDate ? { endDate } : {}),
            ...(kind === 'BUDGET_REVISION' ? { budgetLines: budget } : {}),
            ...(kind === 'COST_EXTENSION'
              ? {
                  additionalAllocations: Object.entries(added)
                    .filter(([, a]) => a)
                    .map(([orgCode, amount]) => ({ orgCode, amount })),
                }
              : {}),
          },
        }),
      ),
    onSuccess: (revision) => {
      notifications.show({
        color: 'teal',
        title: 'Revision requested',
        message:
          revision.route === 'COMMITTEE' ? 'It goes to the Steering Committee.' : 'The fund unit decides it.',
      });
      void client.invalidateQueries({ queryKey: ['programme', programme.id] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title="Request a revision" size="lg">
      <Stack>
        <Select
          label="Kind"
          value={kind}
          onChange={(value) => value && setKind(value as RevisionKind)}
          data={Object.entries(REVISION_LABEL).map(([value, label]) => ({ value, label }))}
          allowDeselect={false}
        />
        {current && (
          <Text size="sm" c="dimmed">
            End date in force: {current.endDate}
          </Text>
        )}
        {kind !== 'BUDGET_REVISION' && (
          <TextInput
            label="New end date"
            placeholder="YYYY-MM-DD"
            value={endDate}
            onChange={(e) => setEndDate(e.currentTarget.value)}
            required={kind === 'NO_COST_EXTENSION'}
          />
        )}
        {kind === 'BUDGET_REVISION' && (
          <Table fz="sm" aria-label="Budget lines after the revision">
            <Table.Tbody>
              {budget.map((line, index) => (
                <Table.Tr key={`${line.orgCode}/${line.categoryCode}`}>
                  <Table.Td>{line.orgCode}</Table.Td>
                  <Table.Td>Category {line.categoryCode}</Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`Amount ${line.orgCode} category ${line.categoryCode}`}
                      value={line.amount}
                      onChange={(e) => {
                        const amount = e.currentTarget.value;
                        setLines(budget.map((l, i) => (i === index ? { ...l, amount } : l)));
                      }}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {kind === 'COST_EXTENSION' &&
          programme.organizationCodes.map((orgCode) => (
            <TextInput
              key={orgCode}
              label={`Money added for ${orgCode} (US$)`}
              value={added[orgCode] ?? ''}
              onChange={(e) => {
                const amount = e.currentTarget.value;
                setAdded((a) => ({ ...a, [orgCode]: amount }));
              }}
            />
          ))}
        <Textarea
          label="Justification"
          value={justification}
          onChange={(e) => setJustification(e.currentTarget.value)}
          required
          autosize
          minRows={3}
        />
        {submit.error && (
          <Text c="red" size="sm" role="alert">
            {errorList(submit.error)}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => submit.mutate()} loading={submit.isPending}>
            Submit the request
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The decision on an open revision: the fund unit within its thresholds, else the agenda and the chair. */
export function RevisionDecision({ revision }: { revision: ProgrammeRevision }) {
  const { can } = useAuth();
  const client = useQueryClient();
  const [comment, setComment] = useState('');
  const [meetingId, setMeetingId] = useState<string | null>(revision.meetingId);
  const fundUnit = revision.route === 'FUND_UNIT' && can('revision.approve');
  const schedules = revision.route === 'COMMITTEE' && can('meeting.manage');
  const chair = revision.route === 'COMMITTEE' && can('decision.record');
  const meetings = useQuery({
    ...meetingQueries.list({ pageSize: 200 }),
    select: (page) => page.items,
    enabled: schedules,
  });
  const done = () => void client.invalidateQueries({ queryKey: ['programme', revision.programmeId] });
  const decide = useMutation({
    mutationFn: (approve: boolean) => {
      const path = { id: revision.id };
      return fundUnit
        ? data(
            http.POST('/api/v1/revisions/{id}/review', {
              params: { path },
              body: { outcome: approve ? 'APPROVE' : 'REJECT', comment },
            }),
          )
        : data(
            http.POST('/api/v1/revisions/{id}/decision', {
              params: { path },
              body: { outcome: approve ? 'APPROVED' : 'REJECTED', justification: comment },
            }),
          );
    },
    onSuccess: done,
  });
  const schedule = useMutation({
    mutationFn: () =>
      data(
        http.PUT('/api/v1/revisions/{id}/meeting', {
          params: { path: { id: revision.id } },
          body: { meetingId: meetingId! },
        }),
      ),
    onSuccess: done,
  });
  if (!fundUnit && !schedules && !chair) return null;
  const error = decide.error ?? schedule.error;
  return (
    <Stack gap="xs" maw={560}>
      {schedules && (
        <Group align="flex-end">
          <Select
            label="Steering Committee meeting"
            placeholder="Choose a meeting"
            value={meetingId}
            onChange={setMeetingId}
            data={(meetings.data ?? []).map((m) => ({
              value: m.id,
              label: `${m.title} (${formatDate(m.date)})`,
            }))}
          />
          <Button
            variant="light"
            disabled={!meetingId}
            loading={schedule.isPending}
            onClick={() => schedule.mutate()}
          >
            Put on the agenda
          </Button>
        </Group>
      )}
      {(fundUnit || chair) && (
        <>
          <Textarea
            label={fundUnit ? 'Comment' : 'Justification'}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            autosize
          />
          <Group>
            <Button color="teal" loading={decide.isPending} onClick={() => decide.mutate(true)}>
              Approve revision {revision.number}
            </Button>
            <Button
              color="red"
              variant="light"
              loading={decide.isPending}
              onClick={() => decide.mutate(false)}
            >
              Reject
            </Button>
          </Group>
        </>
      )}
      {error && (
        <Text c="red" size="sm" role="alert">
          {errorList(error)}
        </Text>
      )}
    </Stack>
  );
}

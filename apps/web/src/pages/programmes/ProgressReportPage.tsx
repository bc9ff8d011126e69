import { Alert, Badge, Button, Group, SimpleGrid, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ApiError, data, errorMessage, http } from '../../api/client';
import type { ProgressReport, ProgressReportSection as ReportSection } from '../../api/models';
import { programmeWorkQueries } from '../../api/queries/programme-work';
import { useAuth } from '../../auth/auth';
import { ErrorState, LoadingState } from '../../components/states';
import { PageHeader, Section } from '../../components/ui';
import { formatDate, formatDateTime, formatDateWhole } from '../../lib/format';
import { KIND_LABEL, versionInForceWords } from './programme-work-labels';
import { ListTable } from '../../components/ListTable';

const FIELDS: {
  key: keyof Pick<ReportSection, 'progress' | 'challenges' | 'adjustments' | 'genderHumanRights' | 'story'>;
  label: string;
}[] = [
  { key: 'progress', label: 'Progress' },
  { key: 'challenges', label: 'Challenges' },
  { key: 'adjustments', label: 'Adjustments' },
  { key: 'genderHumanRights', label: 'Gender and human rights' },
  { key: 'story', label: 'A story of change' },
];

type Draft = Record<string, Record<string, string>>;

function problems(error: unknown): string {
  if (error instanceof ApiError && error.details.length)
    return error.details.map((d) => d.message).join('; ');
  return errorMessage(error);
}

/** A narrative progress report: the agencies write their sections per outcome, the fund unit reviews. */
export function ProgressReportPage() {
  const { id = '' } = useParams();
  const { user, can } = useAuth();
  const client = useQueryClient();
  const [draft, setDraft] = useState<Draft>({});
  const [comment, setComment] = useState('');
  const report = useQuery(programmeWorkQueries.progressReport(id));
  const own = user?.organizationCode ?? '';
  // The editor starts from the saved sections, and again whenever the report changes on the server
  // (adjusting state while rendering, as React recommends instead of an effect).
  const serverKey = report.data
    ? `${report.data.status}/${report.data.version}/${report.data.sections.map((x) => x.updatedAt).join()}`
    : '';
  const [draftKey, setDraftKey] = useState('');
  if (report.data && serverKey !== draftKey) {
    setDraftKey(serverKey);
    const next: Draft = {};
    for (const outcome of report.data.outcomes) {
      const section = report.data.sections.find((x) => x.resultKey === outcome.key && x.orgCode === own);
      next[outcome.key] = Object.fromEntries(FIELDS.map((f) => [f.key, section?.[f.key] ?? '']));
    }
    setDraft(next);
  }
  const refresh = (updated: ProgressReport) => {
    client.setQueryData(programmeWorkQueries.progressReport(id).queryKey, updated);
    void client.invalidateQueries({ queryKey: ['programme', updated.programmeId] });
    void client.invalidateQueries({ queryKey: ['obligations'] });
  };
  const save = useMutation({
    mutationFn: () =>
      data(
        http.PUT('/api/v1/progress-reports/{id}/sections', {
          params: { path: { id } },
          body: {
            sections: Object.entries(draft).map(([resultKey, fields]) => ({
              resultKey,
              orgCode: own,
              ...fields,
            })),
          },
        }),
      ),
    onSuccess: (updated) => {
      refresh(updated);
      notifications.show({ color: 'teal', title: 'Saved', message: `${own}'s sections are saved.` });
    },
  });
  const submit = useMutation({
    mutationFn: async () => {
      await save.mutateAsync();
      return data(http.POST('/api/v1/progress-reports/{id}/submit', { params: { path: { id } } }));
    },
    onSuccess: refresh,
  });
  const review = useMutation({
    mutationFn: (outcome: 'ACCEPT' | 'RETURN') =>
      data(
        http.POST('/api/v1/progress-reports/{id}/review', {
          params: { path: { id } },
          body: { outcome, comment },
        }),
      ),
    onSuccess: (updated) => {
      setComment('');
      refresh(updated);
    },
  });
  if (report.isLoading) return <LoadingState label="Loading the report…" />;
  if (report.error) return <ErrorState error={report.error} onRetry={() => void report.refetch()} />;
  const r = report.data!;
  const editable = ['DRAFT', 'RETURNED'].includes(r.status) && can('progress-report.write');
  const convener = own === r.convenerCode;
  const lastReturn = [...r.versions].reverse().find((v) => v.outcome === 'RETURNED');
  const error = save.error ?? submit.error ?? review.error;

  return (
    <Stack gap="lg">
      <PageHeader
        crumbs={[
          { label: 'Programmes', to: '/programmes' },
          { label: r.reference, to: `/programmes/${r.programmeId}/work` },
          { label: 'Progress report' },
        ]}
        title={`${KIND_LABEL[r.kind]}${r.year ? ` ${r.year}` : ''}`}
        badge={
          <Badge
            size="lg"
            variant="light"
            color={
              r.status === 'ACCEPTED'
                ? 'teal'
                : r.status === 'RETURNED'
                  ? 'red'
                  : r.status === 'SUBMITTED'
                    ? 'yellow'
                    : 'gray'
            }
          >
            {r.status.toLowerCase()}
          </Badge>
        }
        description={`${r.reference} · ${r.title} · period ${formatDateWhole(r.periodStart)} – ${formatDateWhole(r.periodEnd)} · due ${formatDateWhole(r.dueDate)} · programme in force: ${versionInForceWords(r.versionInForce)}`}
      />
      {r.status === 'RETURNED' && lastReturn && (
        <Alert color="red" title="Returned by the fund unit">
          {lastReturn.reviewComment}
        </Alert>
      )}
      {r.outcomes.map((outcome) => (
        <Section key={outcome.key} title={`${outcome.key}: ${outcome.title}`}>
          <Stack gap="md">
            {r.sections
              .filter((s) => s.resultKey === outcome.key && !(editable && s.orgCode === own))
              .map((s) => (
                <Stack key={s.orgCode} gap={2} data-testid={`section-${outcome.key}-${s.orgCode}`}>
                  <Text fw={600} size="sm">
                    {s.orgCode}
                  </Text>
                  {FIELDS.filter((f) => s[f.key]).map((f) => (
                    <Text key={f.key} size="sm">
                      <Text span fw={500}>
                        {f.label}:
                      </Text>{' '}
                      {s[f.key]}
                    </Text>
                  ))}
                </Stack>
              ))}
            {editable && draft[outcome.key] && (
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                {FIELDS.map((f) => (
                  <Textarea
                    key={f.key}
                    label={`${f.label} (${own})`}
                    autosize
                    minRows={2}
                    value={draft[outcome.key][f.key]}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      setDraft((d) => ({ ...d, [outcome.key]: { ...d[outcome.key], [f.key]: value } }));
                    }}
                  />
                ))}
              </SimpleGrid>
            )}
          </Stack>
        </Section>
      ))}
      {editable && (
        <Group>
          <Button variant="light" loading={save.isPending} onClick={() => save.mutate()}>
            Save {own}'s sections
          </Button>
          {convener && (
            <Button loading={submit.isPending} onClick={() => submit.mutate()}>
              Submit to the fund unit
            </Button>
          )}
        </Group>
      )}
      {r.status === 'SUBMITTED' && can('progress-report.review') && (
        <Section title="Review">
          <Stack maw={620}>
            <Textarea
              label="Comments"
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              autosize
              minRows={2}
            />
            <Group>
              <Button color="teal" loading={review.isPending} onClick={() => review.mutate('ACCEPT')}>
                Accept the report
              </Button>
              <Button
                color="red"
                variant="light"
                loading={review.isPending}
                onClick={() => review.mutate('RETURN')}
              >
                Return with comments
              </Button>
            </Group>
          </Stack>
        </Section>
      )}
      {error && (
        <Text c="red" role="alert">
          {problems(error)}
        </Text>
      )}
      <Section
        title="Actuals of the period"
        description="Indicator results reported for this period (results matrix)."
      >
        {r.actuals.length === 0 ? (
          <Text size="sm" c="dimmed">
            No actual reported for this period.
          </Text>
        ) : (
          <ListTable>
            <Table fz="sm" miw={520} aria-label="Actuals of the period">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Indicator</Table.Th>
                  <Table.Th>Title</Table.Th>
                  <Table.Th>Period</Table.Th>
                  <Table.Th className="num">Value</Table.Th>
                  <Table.Th>Status</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.actuals.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>{a.indicatorKey}</Table.Td>
                    <Table.Td>{a.indicatorTitle}</Table.Td>
                    <Table.Td>
                      <span className="nowrap">{formatDate(a.periodStart)}</span> –{' '}
                      <span className="nowrap">{formatDate(a.periodEnd)}</span>
                    </Table.Td>
                    <Table.Td className="num">{a.value ?? '—'}</Table.Td>
                    <Table.Td>{a.status.toLowerCase()}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ListTable>
        )}
      </Section>
      <Section title="Submitted versions">
        {r.versions.length === 0 ? (
          <Text size="sm" c="dimmed">
            Not submitted yet.
          </Text>
        ) : (
          <ListTable>
            <Table fz="sm" miw={520} aria-label="Submitted versions">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Version</Table.Th>
                  <Table.Th>Submitted</Table.Th>
                  <Table.Th>Outcome</Table.Th>
                  <Table.Th>Comment</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.versions.map((v) => (
                  <Table.Tr key={v.version}>
                    <Table.Td>Version {v.version}</Table.Td>
                    <Table.Td>
                      {formatDateTime(v.submittedAt)} by {v.submittedBy.name}
                    </Table.Td>
                    <Table.Td>{v.outcome ? v.outcome.toLowerCase() : 'under review'}</Table.Td>
                    <Table.Td>{v.reviewComment ?? ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ListTable>
        )}
      </Section>
    </Stack>
  );
}

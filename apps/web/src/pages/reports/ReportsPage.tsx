import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  Paper,
  Progress,
  ScrollArea,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconFileAnalytics, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { data, download, errorMessage, http } from '../../api/client';
import { meetingQueries } from '../../api/queries/meetings';
import { programmeQueries } from '../../api/queries/programmes';
import { reportQueries } from '../../api/queries/reports';
import { useReference } from '../../api/reference';
import type { ReportFormat, ReportParameters, ReportRun, ReportType } from '../../api/models';
import { useAuth } from '../../auth/auth';
import { EmptyState, QueryState } from '../../components/states';
import { PageHeader, Section } from '../../components/ui';
import { formatDateTime } from '../../lib/format';

export const REPORT_LABEL: Record<ReportType, string> = {
  ANNUAL_CONSOLIDATED: 'Annual consolidated report',
  CONTRIBUTOR_STATEMENT: 'Contributor statement',
  PROGRAMME_FACTSHEET: 'Programme factsheet',
  DECISION_PACK: 'Steering Committee decision pack',
};
const REPORT_HINT: Record<ReportType, string> = {
  ANNUAL_CONSOLIDATED:
    'Sources and uses of funds, contributions by donor, transfers and expenditure by PUNO, area, region and category, delivery, results progress — with charts.',
  CONTRIBUTOR_STATEMENT: "One donor's commitments, deposits, fees and how the fund used them.",
  PROGRAMME_FACTSHEET: 'Summary, PUNOs, budget, transfers, expenditure and the results matrix with progress.',
  DECISION_PACK:
    'The agenda side by side with scores, recommendations, budgets, markers and the balance each approval gives.',
};
const STATUS_COLOR: Record<string, string> = {
  QUEUED: 'gray',
  RUNNING: 'blue',
  SUCCEEDED: 'teal',
  FAILED: 'red',
};
const THIS_YEAR = new Date().getUTCFullYear();

const isActive = (run: ReportRun) => run.status === 'QUEUED' || run.status === 'RUNNING';

function size(bytes: number | null | undefined) {
  if (!bytes) return '';
  return bytes >= 1_048_576
    ? `${(bytes / 1_048_576).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function ReportsPage() {
  const { user, can, hasRole } = useAuth();
  const ref = useReference();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const donorOnly = hasRole('DONOR_VIEWER') && !can('proposal.read');
  const types: ReportType[] = donorOnly
    ? ['CONTRIBUTOR_STATEMENT', 'ANNUAL_CONSOLIDATED']
    : can('review.read')
      ? ['ANNUAL_CONSOLIDATED', 'CONTRIBUTOR_STATEMENT', 'PROGRAMME_FACTSHEET', 'DECISION_PACK']
      : // The decision pack carries review scores: only for those who read reviews (not the AA).
        ['ANNUAL_CONSOLIDATED', 'CONTRIBUTOR_STATEMENT', 'PROGRAMME_FACTSHEET'];
  const initialType = (params.get('type') as ReportType | null) ?? types[0];
  const [chosenType, setType] = useState<ReportType>(initialType);
  // A type the user may not request (the permissions arrived later) falls back to the first one.
  const type = types.includes(chosenType) ? chosenType : types[0];
  const [format, setFormat] = useState<ReportFormat>('pdf');
  const [year, setYear] = useState<string | null>(String(THIS_YEAR - 1));
  const [donorCode, setDonorCode] = useState<string | null>(
    donorOnly ? (user?.organizationCode ?? null) : null,
  );
  const [programmeId, setProgrammeId] = useState<string | null>(params.get('programmeId'));
  const [meetingId, setMeetingId] = useState<string | null>(params.get('meetingId'));
  const canGenerate = can('report.generate');

  // GET /reports is paged, newest first; each running row follows its own GET /reports/:id.
  const runs = useQuery({ ...reportQueries.list({ pageSize: 50 }), select: (page) => page.items });
  const programmes = useQuery({
    ...programmeQueries.list({ pageSize: 200 }),
    // For the picker, and to name the programme of the runs listed.
    enabled:
      type === 'PROGRAMME_FACTSHEET' || (runs.data ?? []).some((r) => r.parameters.programmeId !== undefined),
  });
  const meetings = useQuery({
    ...meetingQueries.list({ pageSize: 200 }),
    select: (page) => page.items,
    enabled: type === 'DECISION_PACK' || (runs.data ?? []).some((r) => r.parameters.meetingId !== undefined),
  });

  const request = useMutation({
    mutationFn: () => {
      const parameters: ReportParameters = {};
      if ((type === 'ANNUAL_CONSOLIDATED' || type === 'CONTRIBUTOR_STATEMENT') && year)
        parameters.year = Number(year);
      if (type === 'CONTRIBUTOR_STATEMENT' && donorCode) parameters.donorCode = donorCode;
      if (type === 'PROGRAMME_FACTSHEET' && programmeId) parameters.programmeId = programmeId;
      if (type === 'DECISION_PACK' && meetingId) parameters.meetingId = meetingId;
      return data(
        http.POST('/api/v1/reports', {
          body: { type, format, parameters },
          params: { header: { 'Idempotency-Key': crypto.randomUUID() } },
        }),
      );
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: reportQueries.lists() });
      notifications.show({
        color: 'blue',
        title: 'Report requested',
        message: `${REPORT_LABEL[type]} is being generated in the background.`,
      });
    },
  });
  const missing =
    (type === 'CONTRIBUTOR_STATEMENT' && !donorCode) || (type === 'DECISION_PACK' && !meetingId);

  const visibleRuns = (runs.data ?? []).filter((r) => types.includes(r.type));
  const describe = (r: ReportRun) =>
    [
      r.parameters.year
        ? `Year ${r.parameters.year}`
        : r.type === 'ANNUAL_CONSOLIDATED'
          ? 'Since inception'
          : null,
      r.parameters.donorCode ? ref.orgName(r.parameters.donorCode) : null,
      r.type === 'PROGRAMME_FACTSHEET'
        ? r.parameters.programmeId
          ? (programmes.data?.items.find((p) => p.id === r.parameters.programmeId)?.reference ?? 'Programme')
          : 'All programmes'
        : null,
      r.parameters.meetingId
        ? (meetings.data?.find((m) => m.id === r.parameters.meetingId)?.title ?? 'Meeting')
        : null,
    ]
      .filter(Boolean)
      .join(' · ');

  return (
    <Stack gap="lg">
      <PageHeader
        title={donorOnly ? 'Statements and reports' : 'Reports'}
        description={
          donorOnly
            ? 'Your contributor statement and the fund’s annual consolidated report, as PDF with a CSV or Excel companion.'
            : 'Donor reports are generated in the background from one consistent snapshot of the data. Request one, follow its progress here and download it when it is ready.'
        }
      />
      <Grid gap="lg">
        {canGenerate && (
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Section title="Request a report">
              <Stack>
                <Select
                  label="Report"
                  data={types.map((t) => ({ value: t, label: REPORT_LABEL[t] }))}
                  value={type}
                  onChange={(v) => setType((v as ReportType) ?? types[0])}
                  allowDeselect={false}
                />
                <Text size="xs" c="dimmed" mt={-8}>
                  {REPORT_HINT[type]}
                </Text>
                {(type === 'ANNUAL_CONSOLIDATED' || type === 'CONTRIBUTOR_STATEMENT') && (
                  <Select
                    label="Reporting year"
                    data={[
                      { value: '', label: 'Since inception' },
                      ...Array.from({ length: 8 }, (_, i) => ({
                        value: String(THIS_YEAR - i),
                        label: String(THIS_YEAR - i),
                      })),
                    ]}
                    value={year ?? ''}
                    onChange={(v) => setYear(v || null)}
                    allowDeselect={false}
                  />
                )}
                {type === 'CONTRIBUTOR_STATEMENT' && (
                  <Select
                    label="Contributor"
                    data={ref.organizations
                      .filter((o) => o.type !== 'UN_ENTITY')
                      .map((o) => ({ value: o.code, label: `${o.name} (${o.code})` }))}
                    value={donorCode}
                    onChange={setDonorCode}
                    searchable
                    disabled={donorOnly}
                  />
                )}
                {type === 'PROGRAMME_FACTSHEET' && (
                  <Select
                    label="Programme"
                    placeholder="All programmes (portfolio factsheet)"
                    data={(programmes.data?.items ?? []).map((p) => ({
                      value: p.id,
                      label: `${p.reference} — ${p.title}`,
                    }))}
                    value={programmeId}
                    onChange={setProgrammeId}
                    searchable
                    clearable
                  />
                )}
                {type === 'DECISION_PACK' && (
                  <Select
                    label="Meeting"
                    data={(meetings.data ?? []).map((m) => ({
                      value: m.id,
                      label: `${m.title} (${m.date})`,
                    }))}
                    value={meetingId}
                    onChange={setMeetingId}
                  />
                )}
                <div>
                  <Text size="sm" fw={500} mb={4} id="format-label">
                    Format
                  </Text>
                  <SegmentedControl
                    aria-labelledby="format-label"
                    value={format}
                    onChange={(v) => setFormat(v as ReportFormat)}
                    data={[
                      { value: 'pdf', label: 'PDF' },
                      { value: 'xlsx', label: 'Excel' },
                      { value: 'csv', label: 'CSV' },
                    ]}
                  />
                </div>
                {request.error && (
                  <Alert color="red" title="Not requested">
                    {errorMessage(request.error)}
                  </Alert>
                )}
                <Button
                  leftSection={<IconFileAnalytics size={18} />}
                  onClick={() => request.mutate()}
                  loading={request.isPending}
                  disabled={missing}
                >
                  Generate report
                </Button>
              </Stack>
            </Section>
          </Grid.Col>
        )}
        <Grid.Col span={{ base: 12, lg: canGenerate ? 7 : 12 }}>
          <Section
            title="Generated reports"
            actions={
              <Button
                variant="subtle"
                size="xs"
                leftSection={<IconRefresh size={14} />}
                onClick={() => void runs.refetch()}
              >
                Refresh
              </Button>
            }
          >
            <QueryState
              query={runs}
              loadingLabel="Loading reports…"
              empty={() =>
                visibleRuns.length === 0 && (
                  <EmptyState
                    title="No reports yet"
                    description={
                      canGenerate
                        ? 'Request a report: it appears here with its progress.'
                        : 'Reports shared with you appear here.'
                    }
                  />
                )
              }
            >
              {() => (
                <ScrollArea>
                  <Table miw={560} aria-label="Generated reports" verticalSpacing="sm">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Report</Table.Th>
                        <Table.Th w={150}>Status</Table.Th>
                        <Table.Th>
                          <span className="sr-only">Download</span>
                        </Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {visibleRuns.map((r) => (
                        <RunRow key={r.id} run={r} description={describe(r)} canRetry={canGenerate} />
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollArea>
              )}
            </QueryState>
          </Section>
        </Grid.Col>
      </Grid>
      {!canGenerate && (
        <Paper p="md" withBorder>
          <Title order={2} size="h5">
            Need another report?
          </Title>
          <Text size="sm" c="dimmed">
            Ask the Fund Management Unit.
          </Text>
        </Paper>
      )}
    </Stack>
  );
}

/**
 * One report run. While it is queued or running the row follows GET /reports/:id every second
 * (live progress); when it ends, the list is updated with the finished run.
 */
function RunRow({ run, description, canRetry }: { run: ReportRun; description: string; canRetry: boolean }) {
  const queryClient = useQueryClient();
  const live = useQuery({
    ...reportQueries.detail(run.id),
    initialData: run,
    enabled: isActive(run),
    refetchInterval: (query) => (query.state.data && isActive(query.state.data) ? 1000 : false),
  });
  const r = live.data && !isActive(run) ? run : (live.data ?? run);
  useEffect(() => {
    // The run ended: the lists show it finished.
    if (isActive(run) && !isActive(r))
      void queryClient.invalidateQueries({ queryKey: reportQueries.lists() });
  }, [queryClient, run, r]);
  const retry = useMutation({
    mutationFn: () => data(http.POST('/api/v1/reports/{id}/retry', { params: { path: { id: run.id } } })),
    onSuccess: (again) => {
      queryClient.setQueryData(reportQueries.detail(again.id).queryKey, again);
      void queryClient.invalidateQueries({ queryKey: reportQueries.lists() });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const omitted = r.source?.omittedSections ?? [];
  return (
    <Table.Tr data-testid="report-run" data-status={r.status}>
      <Table.Td>
        <Group gap={6}>
          <Text size="sm" fw={600}>
            {REPORT_LABEL[r.type] ?? r.type}
          </Text>
          <Badge size="xs" variant="outline" color="gray">
            {r.format.toUpperCase()}
          </Badge>
          {r.trigger === 'SCHEDULE' && (
            <Badge size="xs" variant="light" color="grape">
              Scheduled
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {description || '—'} · requested {formatDateTime(r.createdAt)}
        </Text>
        {r.status === 'SUCCEEDED' && omitted.length > 0 && (
          <Text size="xs" c="orange.9" title="Their data is not connected to reporting yet">
            Left out: {omitted.join(', ')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={6} mb={4}>
          <Badge color={STATUS_COLOR[r.status]} variant="light" size="sm">
            {r.status.toLowerCase()}
          </Badge>
          {r.status === 'SUCCEEDED' && (
            <Text size="xs" c="dimmed">
              {r.pages ? `${r.pages} p · ` : ''}
              {size(r.bytes)}
            </Text>
          )}
          {isActive(r) && (
            <Text size="xs" c="dimmed">
              {r.progress} %
            </Text>
          )}
        </Group>
        {isActive(r) && (
          <Progress
            value={Math.max(r.progress, 3)}
            animated
            striped
            aria-label={`Progress ${r.progress} %`}
            data-testid="report-progress"
          />
        )}
        {r.status === 'FAILED' && (
          <Text size="xs" c="red.8" lineClamp={3} title={r.error}>
            {r.error ?? 'Failed'}
          </Text>
        )}
      </Table.Td>
      <Table.Td w={120}>
        {r.status === 'SUCCEEDED' && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconDownload size={14} />}
            aria-label={`Download ${REPORT_LABEL[r.type]} ${description}`}
            onClick={() =>
              void download(
                http.GET('/api/v1/reports/{id}/file', { params: { path: { id: r.id } }, parseAs: 'blob' }),
                r.fileName ?? `${r.type.toLowerCase()}.${r.format}`,
              ).catch((error) => notifications.show({ color: 'red', message: errorMessage(error) }))
            }
          >
            Download
          </Button>
        )}
        {r.status === 'FAILED' && canRetry && (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconRefresh size={14} />}
            loading={retry.isPending}
            onClick={() => retry.mutate()}
          >
            Retry
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

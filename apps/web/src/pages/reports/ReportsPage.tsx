import {
  Alert,
  Button,
  Checkbox,
  Grid,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconFileAnalytics, IconRefresh, IconSearch } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { data, errorMessage, http } from '../../api/client';
import { meetingQueries } from '../../api/queries/meetings';
import { programmeQueries } from '../../api/queries/programmes';
import { reportQueries, type ReportFilter } from '../../api/queries/reports';
import { useReference } from '../../api/reference';
import type { ReportFormat, ReportParameters, ReportRun, ReportType } from '../../api/models';
import { useAuth } from '../../auth/auth';
import {
  ExportCsvButton,
  ListFooter,
  ListTable,
  SortableTh,
  useListControls,
} from '../../components/ListTable';
import { EmptyState, QueryState } from '../../components/states';
import { PageHeader, Section } from '../../components/ui';
import { REPORT_HINT, REPORT_LABEL } from './report-labels';
import { RunRow } from './ReportRunRow';
import { formatDate } from '../../lib/format';

const THIS_YEAR = new Date().getUTCFullYear();
const RUNS_PAGE_SIZE = 50;

export function ReportsPage() {
  const { user, can, scope } = useAuth();
  const ref = useReference();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  // A reader who does not read the fund's own records belongs to a contributor: its statement and the annual report.
  const donorOnly = !scope.readsFundRecords;
  const types: ReportType[] = donorOnly
    ? ['CONTRIBUTOR_STATEMENT', 'ANNUAL_CONSOLIDATED']
    : can('review.read-all')
      ? ['ANNUAL_CONSOLIDATED', 'CONTRIBUTOR_STATEMENT', 'PROGRAMME_FACTSHEET', 'DECISION_PACK']
      : // The decision pack carries review scores: only for those who read reviews (not the AA).
        ['ANNUAL_CONSOLIDATED', 'CONTRIBUTOR_STATEMENT', 'PROGRAMME_FACTSHEET'];
  const initialType = (params.get('type') as ReportType | null) ?? types[0];
  const [chosenType, setType] = useState<ReportType>(initialType);
  // A type the user may not request (the permissions arrived later) falls back to the first one.
  const type = types.includes(chosenType) ? chosenType : types[0];
  const [format, setFormat] = useState<ReportFormat>('pdf');
  const [year, setYear] = useState<string | null>(String(THIS_YEAR - 1));
  // A final annual report needs the year's narrative complete (else the API answers 422 naming the sections).
  const [final, setFinal] = useState(false);
  const [donorCode, setDonorCode] = useState<string | null>(
    donorOnly ? (user?.organizationCode ?? null) : null,
  );
  const [programmeId, setProgrammeId] = useState<string | null>(params.get('programmeId'));
  const [meetingId, setMeetingId] = useState<string | null>(params.get('meetingId'));
  const canGenerate = can('report.generate');

  // GET /reports is paged, newest first unless sorted; each running row follows its own GET /reports/:id.
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q, 300);
  const controls = useListControls();
  const filter: ReportFilter = { q: debouncedQ || undefined, sort: controls.sort };
  const runs = useQuery(reportQueries.list({ ...filter, page: controls.page, pageSize: RUNS_PAGE_SIZE }));
  const runItems = runs.data?.items ?? [];
  const programmes = useQuery({
    ...programmeQueries.list({ pageSize: 200 }),
    // For the picker, and to name the programme of the runs listed.
    enabled: type === 'PROGRAMME_FACTSHEET' || runItems.some((r) => r.parameters.programmeId !== undefined),
  });
  const meetings = useQuery({
    ...meetingQueries.list({ pageSize: 200 }),
    select: (page) => page.items,
    enabled: type === 'DECISION_PACK' || runItems.some((r) => r.parameters.meetingId !== undefined),
  });

  const request = useMutation({
    mutationFn: () => {
      const parameters: ReportParameters = {};
      if ((type === 'ANNUAL_CONSOLIDATED' || type === 'CONTRIBUTOR_STATEMENT') && year)
        parameters.year = Number(year);
      if (type === 'ANNUAL_CONSOLIDATED' && year && final) parameters.final = true;
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

  const visibleRuns = runItems.filter((r) => types.includes(r.type));
  const describe = (r: ReportRun) =>
    [
      r.parameters.year
        ? `Year ${r.parameters.year}${r.parameters.final ? ' · final' : ''}`
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
                {type === 'ANNUAL_CONSOLIDATED' && year && (
                  <Checkbox
                    label="Final report (every narrative section written or left out)"
                    checked={final}
                    onChange={(event) => setFinal(event.currentTarget.checked)}
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
                      label: `${m.title} (${formatDate(m.date)})`,
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
                      { value: 'csv', label: 'CSV (a zip, one file per table)' },
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
            <Group align="flex-end" justify="space-between" mb="sm" wrap="wrap">
              <TextInput
                label="Search reports"
                placeholder="Type, format, contributor or year"
                leftSection={<IconSearch size={16} />}
                value={q}
                onChange={(event) => {
                  setQ(event.currentTarget.value);
                  controls.resetPage();
                }}
                w={{ base: '100%', sm: 260 }}
              />
              <ExportCsvButton
                fileName="report-runs.csv"
                fetchCsv={() =>
                  http.GET('/api/v1/reports', {
                    params: { query: { ...filter, format: 'csv' } },
                    parseAs: 'blob',
                  })
                }
              />
            </Group>
            <QueryState
              query={runs}
              loadingLabel="Loading reports…"
              empty={() =>
                visibleRuns.length === 0 && (
                  <EmptyState
                    title={debouncedQ ? 'No report matches the search' : 'No reports yet'}
                    description={
                      canGenerate
                        ? 'Request a report: it appears here with its progress.'
                        : 'Reports shared with you appear here.'
                    }
                  />
                )
              }
            >
              {(page) => (
                <ListTable controls={controls}>
                  <Table miw={560} aria-label="Generated reports" verticalSpacing="sm">
                    <Table.Thead>
                      <Table.Tr>
                        <SortableTh field="type" controls={controls}>
                          Report
                        </SortableTh>
                        <SortableTh field="createdAt" controls={controls}>
                          Requested
                        </SortableTh>
                        <SortableTh field="status" controls={controls} w={150}>
                          Status
                        </SortableTh>
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
                  <ListFooter
                    total={page.total}
                    pageSize={page.pageSize}
                    controls={controls}
                    noun={['report', 'reports']}
                  />
                </ListTable>
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

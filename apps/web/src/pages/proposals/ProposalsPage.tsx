import {
  Anchor,
  Button,
  Group,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFilePlus, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { http } from '../../api/client';
import { proposalQueries, type ProposalFilter } from '../../api/queries/proposals';
import { useReference } from '../../api/reference';
import type { ProposalStatus } from '../../api/models';
import { useAuth } from '../../auth/auth';
import {
  ExportCsvButton,
  ListFooter,
  ListTable,
  SortableTh,
  useListControls,
} from '../../components/ListTable';
import { EmptyState, QueryState } from '../../components/states';
import { Money, PageHeader, StatusBadge } from '../../components/ui';
import { formatDate, STATUS_LABEL } from '../../lib/format';

const PAGE_SIZE = 25;

export function ProposalsPage() {
  const { can, scope, user } = useAuth();
  const ref = useReference();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debouncedQ] = useDebouncedValue(q, 300);
  const status = params.get('status')?.split(',').filter(Boolean) ?? [];
  const area = params.get('thematicArea');
  const controls = useListControls();
  const agency = scope.ownProposalsOnly;

  const filter: ProposalFilter = {
    status: status.length ? (status as ProposalFilter['status']) : undefined,
    thematicArea: area ? Number(area) : undefined,
    q: debouncedQ || undefined,
    sort: controls.sort,
  };
  const query = useQuery(proposalQueries.list({ ...filter, page: controls.page, pageSize: PAGE_SIZE }));

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  return (
    <Stack>
      <PageHeader
        title={agency ? 'My proposals' : 'Proposals'}
        description={
          agency
            ? `Joint programme proposals in which ${user?.organizationCode ?? 'your organization'} participates.`
            : 'Every submitted joint programme proposal, across the portfolio.'
        }
        actions={
          <>
            <ExportCsvButton
              fileName="proposals.csv"
              fetchCsv={() =>
                http.GET('/api/v1/proposals', {
                  params: { query: { ...filter, format: 'csv' } },
                  parseAs: 'blob',
                })
              }
            />
            {can('proposal.create') && (
              <Button component={Link} to="/proposals/new" leftSection={<IconFilePlus size={18} />}>
                New proposal
              </Button>
            )}
          </>
        }
      />
      <Paper withBorder p="md" radius="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label="Search"
            placeholder="Reference or title"
            leftSection={<IconSearch size={16} />}
            value={q}
            onChange={(event) => {
              setQ(event.currentTarget.value);
              update({ q: event.currentTarget.value || null });
            }}
            w={{ base: '100%', sm: 260 }}
          />
          <MultiSelect
            label="Status"
            placeholder={status.length ? undefined : 'Any status'}
            data={Object.entries(STATUS_LABEL).map(([value, label]) => ({ value, label }))}
            value={status}
            onChange={(value) => update({ status: value.join(',') || null })}
            clearable
            w={{ base: '100%', sm: 300 }}
          />
          <Select
            label="Thematic area"
            placeholder="Any area"
            data={ref.areas.map((a) => ({ value: String(a.code), label: `${a.code}. ${a.title}` }))}
            value={area}
            onChange={(value) => update({ thematicArea: value })}
            clearable
            w={{ base: '100%', sm: 320 }}
            comboboxProps={{ width: 480 }}
          />
        </Group>
      </Paper>
      <QueryState
        query={query}
        loadingLabel="Loading proposals…"
        empty={(data) =>
          data.items.length === 0 && (
            <EmptyState
              title={
                status.length || area || debouncedQ ? 'No proposal matches these filters' : 'No proposals yet'
              }
              description={
                can('proposal.create')
                  ? 'Start a joint programme proposal with at least one other UN organization.'
                  : 'Proposals appear here once agencies submit them.'
              }
              action={
                can('proposal.create') && (
                  <Button component={Link} to="/proposals/new" mt="sm">
                    Start a proposal
                  </Button>
                )
              }
            />
          )
        }
      >
        {(data) => (
          <Paper withBorder radius="md">
            <ListTable controls={controls}>
              <Table miw={860} aria-label="Proposals">
                <Table.Thead>
                  <Table.Tr>
                    <SortableTh field="reference" controls={controls}>
                      Reference
                    </SortableTh>
                    <SortableTh field="title" controls={controls}>
                      Title
                    </SortableTh>
                    <SortableTh field="status" controls={controls}>
                      Status
                    </SortableTh>
                    <SortableTh field="thematicArea" controls={controls}>
                      Area
                    </SortableTh>
                    <SortableTh field="convener" controls={controls}>
                      Convener
                    </SortableTh>
                    <SortableTh field="totalBudget" controls={controls} numeric>
                      Total budget
                    </SortableTh>
                    <SortableTh field="updatedAt" controls={controls}>
                      Updated
                    </SortableTh>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/proposals/${p.id}`} fw={600} ff="monospace" size="sm">
                          {p.reference}
                        </Anchor>
                      </Table.Td>
                      <Table.Td maw={380}>
                        <Text size="sm">{p.title}</Text>
                      </Table.Td>
                      <Table.Td>
                        <StatusBadge status={p.status as ProposalStatus} size="sm" />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" title={ref.areaTitle(p.thematicAreaCode)}>
                          {ref.areaLabel(p.thematicAreaCode)}
                        </Text>
                      </Table.Td>
                      <Table.Td>{p.convenerCode}</Table.Td>
                      <Table.Td className="num">
                        <Money value={p.budget.total} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c="dimmed">
                          {formatDate(p.updatedAt)}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
                <Table.Tfoot className="list-totals">
                  <Table.Tr>
                    <Table.Td colSpan={5}>
                      Total of {data.total} proposal{data.total === 1 ? '' : 's'}
                    </Table.Td>
                    <Table.Td className="num" data-testid="proposals-total-budget">
                      <Money value={data.totals.totalBudget} />
                    </Table.Td>
                    <Table.Td />
                  </Table.Tr>
                </Table.Tfoot>
              </Table>
            </ListTable>
            <ListFooter
              total={data.total}
              pageSize={PAGE_SIZE}
              controls={controls}
              noun={['proposal', 'proposals']}
            />
          </Paper>
        )}
      </QueryState>
    </Stack>
  );
}

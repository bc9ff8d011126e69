import { Anchor, Group, Paper, Progress, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { http } from '../../api/client';
import { programmeQueries, type ProgrammeFilter } from '../../api/queries/programmes';
import { useReference } from '../../api/reference';
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
import { formatDateWhole } from '../../lib/format';
import { formatRate } from '../../lib/money';

const PAGE_SIZE = 50;

export function ProgrammesPage() {
  const { user, scope } = useAuth();
  const ref = useReference();
  const [status, setStatus] = useState<string | null>(null);
  const [area, setArea] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q, 300);
  const controls = useListControls();
  const agency = scope.ownAgencyOnly;
  // A focal point's list is its organization's programmes, filtered on the server so paging,
  // totals and the CSV cover the same rows.
  const filter: ProgrammeFilter = {
    status: (status ?? undefined) as ProgrammeFilter['status'],
    thematicArea: area ? Number(area) : undefined,
    organization: agency ? (user?.organizationCode ?? undefined) : undefined,
    q: debouncedQ || undefined,
    sort: controls.sort,
  };
  const query = useQuery(programmeQueries.list({ ...filter, page: controls.page, pageSize: PAGE_SIZE }));
  const items = query.data?.items ?? [];
  return (
    <Stack>
      <PageHeader
        title={agency ? 'My programmes' : 'Programmes and transfers'}
        description={
          agency
            ? 'Approved joint programmes of your organization: report expenditure, keep the results matrix and report actuals.'
            : 'Approved joint programmes with their allocations, transfers to PUNOs, expenditure and delivery rate.'
        }
        actions={
          <ExportCsvButton
            fileName="programmes.csv"
            fetchCsv={() =>
              http.GET('/api/v1/programmes', {
                params: { query: { ...filter, format: 'csv' } },
                parseAs: 'blob',
              })
            }
          />
        }
      />
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label="Search"
          placeholder="Reference, title, country or PUNO"
          leftSection={<IconSearch size={16} />}
          value={q}
          onChange={(event) => {
            setQ(event.currentTarget.value);
            controls.resetPage();
          }}
          w={{ base: '100%', sm: 280 }}
        />
        <Select
          label="Status"
          placeholder="Any status"
          data={[
            { value: 'APPROVED', label: 'Approved' },
            { value: 'ACTIVE', label: 'Active' },
            { value: 'OPERATIONALLY_CLOSED', label: 'Operationally closed' },
            { value: 'FINANCIALLY_CLOSED', label: 'Financially closed' },
          ]}
          value={status}
          onChange={(v) => {
            setStatus(v);
            controls.resetPage();
          }}
          clearable
          w={{ base: '100%', sm: 220 }}
        />
        <Select
          label="Thematic area"
          placeholder="Any area"
          data={ref.areas.map((a) => ({ value: String(a.code), label: `${a.code}. ${a.title}` }))}
          value={area}
          onChange={(v) => {
            setArea(v);
            controls.resetPage();
          }}
          clearable
          w={{ base: '100%', sm: 320 }}
          comboboxProps={{ width: 480 }}
        />
      </Group>
      <QueryState
        query={query}
        loadingLabel="Loading programmes…"
        empty={() =>
          items.length === 0 && (
            <EmptyState
              title={status || area || debouncedQ ? 'No programme matches these filters' : 'No programmes'}
              description="Programmes appear here once the Steering Committee approves them."
            />
          )
        }
      >
        {(data) => (
          <Paper withBorder radius="md">
            <ListTable controls={controls}>
              <Table miw={1000} aria-label="Programmes">
                <Table.Thead>
                  <Table.Tr>
                    <SortableTh field="reference" controls={controls}>
                      Programme
                    </SortableTh>
                    <SortableTh field="status" controls={controls}>
                      Status
                    </SortableTh>
                    <Table.Th>PUNOs</Table.Th>
                    <SortableTh field="allocated" controls={controls} numeric>
                      Allocated
                    </SortableTh>
                    <SortableTh field="transferred" controls={controls} numeric>
                      Transferred
                    </SortableTh>
                    <SortableTh field="expenditure" controls={controls} numeric>
                      Expenditure
                    </SortableTh>
                    <SortableTh field="deliveryRate" controls={controls} w={150}>
                      Delivery
                    </SortableTh>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Td maw={320}>
                        <Anchor component={Link} to={`/programmes/${p.id}`} ff="monospace" fw={600} size="sm">
                          {p.reference}
                        </Anchor>
                        <Text size="sm">{p.title}</Text>
                        <Text size="xs" c="dimmed">
                          {ref.areaLabel(p.thematicAreaCode)} · {p.countryCodes.join(', ') || 'Global'} ·{' '}
                          {p.startDate ? `start ${formatDateWhole(p.startDate)}` : 'not started yet'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <StatusBadge status={p.status} size="sm" />
                      </Table.Td>
                      <Table.Td>{p.organizationCodes.join(', ')}</Table.Td>
                      <Table.Td className="num">
                        <Money value={p.allocated} currency={null} />
                      </Table.Td>
                      <Table.Td className="num">
                        <Money value={p.transferred} currency={null} />
                      </Table.Td>
                      <Table.Td className="num">
                        <Money value={p.expenditure} currency={null} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs" mb={2}>
                          {formatRate(p.deliveryRate)}
                        </Text>
                        <Progress
                          value={Math.min(100, Number(p.deliveryRate) * 100)}
                          aria-label={`Delivery rate ${formatRate(p.deliveryRate)}`}
                          color="teal"
                        />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
                <Table.Tfoot className="list-totals">
                  <Table.Tr>
                    <Table.Td colSpan={3}>
                      Total of {data.total} programme{data.total === 1 ? '' : 's'}
                    </Table.Td>
                    <Table.Td className="num">
                      <Money value={data.totals.allocated} currency={null} />
                    </Table.Td>
                    <Table.Td className="num">
                      <Money value={data.totals.transferred} currency={null} />
                    </Table.Td>
                    <Table.Td className="num">
                      <Money value={data.totals.expenditure} currency={null} />
                    </Table.Td>
                    <Table.Td>{formatRate(data.totals.deliveryRate)}</Table.Td>
                  </Table.Tr>
                </Table.Tfoot>
              </Table>
            </ListTable>
            <ListFooter
              total={data.total}
              pageSize={data.pageSize}
              controls={controls}
              noun={['programme', 'programmes']}
            />
          </Paper>
        )}
      </QueryState>
    </Stack>
  );
}

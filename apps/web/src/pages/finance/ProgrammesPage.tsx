import {
  Anchor,
  Group,
  Pagination,
  Paper,
  Progress,
  ScrollArea,
  Select,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { programmeQueries, type ProgrammeFilter } from '../../api/queries/programmes';
import { useReference } from '../../api/reference';
import { useAuth } from '../../auth/auth';
import { EmptyState, QueryState } from '../../components/states';
import { Money, PageHeader, StatusBadge } from '../../components/ui';
import { formatDate } from '../../lib/format';
import { formatRate } from '../../lib/money';

export function ProgrammesPage() {
  const { user, hasRole } = useAuth();
  const ref = useReference();
  const [status, setStatus] = useState<string | null>(null);
  const [area, setArea] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const agency = hasRole('AGENCY_FOCAL_POINT');
  const query = useQuery(
    programmeQueries.list({
      status: (status ?? undefined) as ProgrammeFilter['status'],
      thematicArea: area ? Number(area) : undefined,
      page,
      pageSize: 50,
    }),
  );
  const items = (query.data?.items ?? []).filter(
    (p) => !agency || !user?.organizationCode || p.organizationCodes.includes(user.organizationCode),
  );
  return (
    <Stack>
      <PageHeader
        title={agency ? 'My programmes' : 'Programmes and transfers'}
        description={
          agency
            ? 'Approved joint programmes of your organization: report expenditure, keep the results matrix and report actuals.'
            : 'Approved joint programmes with their allocations, transfers to PUNOs, expenditure and delivery rate.'
        }
      />
      <Group align="flex-end">
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
            setPage(1);
          }}
          clearable
          w={220}
        />
        <Select
          label="Thematic area"
          placeholder="Any area"
          data={ref.areas.map((a) => ({ value: String(a.code), label: `${a.code}. ${a.title}` }))}
          value={area}
          onChange={(v) => {
            setArea(v);
            setPage(1);
          }}
          clearable
          w={320}
          comboboxProps={{ width: 480 }}
        />
      </Group>
      <QueryState
        query={query}
        loadingLabel="Loading programmes…"
        empty={() =>
          items.length === 0 && (
            <EmptyState
              title="No programmes"
              description="Programmes appear here once the Steering Committee approves them."
            />
          )
        }
      >
        {(data) => (
          <Paper withBorder radius="md">
            <ScrollArea>
              <Table miw={1000} aria-label="Programmes">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Programme</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>PUNOs</Table.Th>
                    <Table.Th className="num">Allocated</Table.Th>
                    <Table.Th className="num">Transferred</Table.Th>
                    <Table.Th className="num">Expenditure</Table.Th>
                    <Table.Th w={150}>Delivery</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Td maw={320}>
                        <Anchor component={Link} to={`/programmes/${p.id}`} ff="monospace" fw={600} size="sm">
                          {p.reference}
                        </Anchor>
                        <Text size="sm" lineClamp={1}>
                          {p.title}
                        </Text>
                        <Text size="xs" c="dimmed">
                          TA{p.thematicAreaCode} · {p.countryCodes.join(', ') || 'Global'} · start{' '}
                          {formatDate(p.startDate ?? null)}
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
              </Table>
            </ScrollArea>
            {data.total > data.pageSize && (
              <Group justify="flex-end" p="sm">
                <Pagination
                  total={Math.ceil(data.total / data.pageSize)}
                  value={page}
                  onChange={setPage}
                  size="sm"
                />
              </Group>
            )}
          </Paper>
        )}
      </QueryState>
    </Stack>
  );
}

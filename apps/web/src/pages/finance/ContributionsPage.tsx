import {
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconReportAnalytics, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { http } from '../../api/client';
import { contributionQueries, type ContributionFilter } from '../../api/queries/contributions';
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
import { Money, PageHeader, ReversalBadge, StatTile } from '../../components/ui';
import { formatDateWhole } from '../../lib/format';
import { formatFeeRate, formatMoneyShort, parseMoney } from '../../lib/money';
import { DonorSelect } from './DonorSelect';
import { RecordContributionModal } from './RecordContributionModal';

const THIS_YEAR = new Date().getUTCFullYear();

export function ContributionsPage() {
  const { can, scope, user } = useAuth();
  const ref = useReference();
  const aaFee = formatFeeRate(ref.settings?.aaFeeRate);
  // A donor's own reader sees its own agreement references only: the list starts with its contributions.
  const donorOnly = scope.ownDonorOnly;
  // Contributions by donor are public (as on the fund's gateway): a donor starts with its own.
  const [donor, setDonor] = useState<string | null>(donorOnly ? (user?.organizationCode ?? null) : null);
  const [year, setYear] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q, 300);
  const controls = useListControls();
  const [open, setOpen] = useState(false);
  const filter: ContributionFilter = {
    donor: donor ?? undefined,
    year: year ? Number(year) : undefined,
    q: debouncedQ || undefined,
    sort: controls.sort,
  };
  const query = useQuery(contributionQueries.list({ ...filter, page: controls.page, pageSize: 50 }));

  return (
    <Stack>
      <PageHeader
        title={donor ? `Contributions of ${ref.orgName(donor)}` : 'Contributions'}
        description={`Commitments signed and deposits received, in the donor's currency and in US$, with the Administrative Agent's ${aaFee ? `${aaFee} ` : ''}fee on each deposit.`}
        actions={
          <>
            {donorOnly && (
              <Button
                component={Link}
                to="/reports?type=CONTRIBUTOR_STATEMENT"
                variant="light"
                leftSection={<IconReportAnalytics size={18} />}
              >
                Contributor statement
              </Button>
            )}
            <ExportCsvButton
              fileName="contributions.csv"
              fetchCsv={() =>
                http.GET('/api/v1/contributions', {
                  params: { query: { ...filter, format: 'csv' } },
                  parseAs: 'blob',
                })
              }
            />
            {can('contribution.record') && (
              <Button leftSection={<IconPlus size={18} />} onClick={() => setOpen(true)}>
                Record contribution
              </Button>
            )}
          </>
        }
      />
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label="Search"
          placeholder="Contributor, currency or reference"
          leftSection={<IconSearch size={16} />}
          value={q}
          onChange={(event) => {
            setQ(event.currentTarget.value);
            controls.resetPage();
          }}
          w={{ base: '100%', sm: 260 }}
        />
        <DonorSelect
          placeholder="All contributors"
          contributedOnly
          value={donor}
          onChange={(v) => {
            setDonor(v);
            controls.resetPage();
          }}
          w={{ base: '100%', sm: 300 }}
        />
        <Select
          label="Year"
          placeholder="All years"
          data={Array.from({ length: 8 }, (_, i) => String(THIS_YEAR - i))}
          value={year}
          onChange={(v) => {
            setYear(v);
            controls.resetPage();
          }}
          clearable
          w={{ base: '100%', sm: 160 }}
        />
      </Group>
      {query.data && (
        // The whole filtered list (the server's totals), not the page shown: promises and cash apart.
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <StatTile
            label="Deposits"
            value={formatMoneyShort(parseMoney(query.data.totals.deposits))}
            hint={`${query.data.total} contribution${query.data.total === 1 ? '' : 's'} matching`}
          />
          <StatTile
            label="Commitments"
            value={formatMoneyShort(parseMoney(query.data.totals.commitments))}
            color="grape"
          />
          <StatTile
            label="AA fees"
            value={formatMoneyShort(parseMoney(query.data.totals.aaFee))}
            color="orange"
          />
        </SimpleGrid>
      )}
      <QueryState
        query={query}
        loadingLabel="Loading contributions…"
        empty={(data) =>
          data.items.length === 0 && (
            <EmptyState
              title="No contributions"
              description={
                donor || year || debouncedQ
                  ? 'Nothing matches these filters.'
                  : 'No commitment or deposit has been recorded yet.'
              }
            />
          )
        }
      >
        {(data) => (
          <Paper withBorder radius="md">
            <ListTable controls={controls} titleColumns={[1]}>
              <Table miw={900} aria-label="Contributions">
                <Table.Thead>
                  <Table.Tr>
                    <SortableTh field="date" controls={controls}>
                      Date
                    </SortableTh>
                    <SortableTh field="donorName" controls={controls}>
                      Contributor
                    </SortableTh>
                    <SortableTh field="kind" controls={controls}>
                      Kind
                    </SortableTh>
                    <SortableTh field="amount" controls={controls} numeric>
                      Amount
                    </SortableTh>
                    <Table.Th className="num">Rate</Table.Th>
                    <SortableTh field="usdAmount" controls={controls} numeric>
                      US$
                    </SortableTh>
                    <Table.Th className="num">AA fee</Table.Th>
                    <Table.Th>Earmark</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((c) => (
                    <Table.Tr key={c.id} opacity={c.reversedBy || c.reverses ? 0.55 : 1}>
                      <Table.Td>{formatDateWhole(c.date)}</Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {c.donorName}
                        </Text>
                        {c.reference != null && (
                          <Text size="xs" c="dimmed">
                            {String(c.reference)}
                          </Text>
                        )}
                      </Table.Td>
                      {/* The badge whole ("Commitment"), however wide the names beside it. */}
                      <Table.Td className="nowrap" miw={120}>
                        <Badge variant="light" color={c.kind === 'DEPOSIT' ? 'teal' : 'grape'} c="dark.7">
                          {c.kind === 'DEPOSIT' ? 'Deposit' : 'Commitment'}
                        </Badge>
                        <ReversalBadge record={c} />
                      </Table.Td>
                      <Table.Td className="num">
                        <Money value={c.amount} currency={c.currency} />
                      </Table.Td>
                      <Table.Td className="num">{c.exchangeRate}</Table.Td>
                      <Table.Td className="num">
                        <Money value={c.usdAmount} currency={null} />
                      </Table.Td>
                      <Table.Td className="num">
                        {c.aaFee ? <Money value={String(c.aaFee)} currency={null} /> : '—'}
                      </Table.Td>
                      <Table.Td>{c.earmark ? ref.areaLabel(c.earmark.thematicAreaCode) : '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
                {/* Over every page of the filtered list (the server's totals); promises and money received apart. */}
                <Table.Tfoot className="list-totals">
                  <Table.Tr>
                    <Table.Td colSpan={5}>Total deposits</Table.Td>
                    <Table.Td className="num">
                      <Money value={data.totals.deposits} currency={null} />
                    </Table.Td>
                    <Table.Td className="num">
                      <Money value={data.totals.aaFee} currency={null} />
                    </Table.Td>
                    <Table.Td />
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Td colSpan={5}>Total commitments</Table.Td>
                    <Table.Td className="num">
                      <Money value={data.totals.commitments} currency={null} />
                    </Table.Td>
                    <Table.Td colSpan={2} />
                  </Table.Tr>
                </Table.Tfoot>
              </Table>
            </ListTable>
            <ListFooter
              total={data.total}
              pageSize={data.pageSize}
              controls={controls}
              noun={['contribution', 'contributions']}
            />
          </Paper>
        )}
      </QueryState>
      {open && <RecordContributionModal onClose={() => setOpen(false)} />}
    </Stack>
  );
}

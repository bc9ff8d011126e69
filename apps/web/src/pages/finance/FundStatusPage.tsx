import { BarChart, DonutChart } from '@mantine/charts';
import { Grid, Group, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { fundQueries } from '../../api/queries/fund';
import { useReference } from '../../api/reference';
import type { FundStatus } from '../../api/models';
import { ErrorState, LoadingState } from '../../components/states';
import { Money, PageHeader, Section, StatTile } from '../../components/ui';
import { formatFeeRate, formatMoneyShort, formatRate, parseMoney, toNumber } from '../../lib/money';
import { legendInSeriesOrder } from '../../lib/charts';

const THIS_YEAR = new Date().getUTCFullYear();
const YEARS = Array.from({ length: 8 }, (_, i) => THIS_YEAR - 7 + i);

/** The year-by-year chart's bars, in the order they are drawn and listed in the legend. */
const TREND_SERIES = [
  { name: 'Contributions', color: 'un.7' },
  { name: 'Transfers', color: 'teal.7' },
  { name: 'Expenditure', color: 'grape.6' },
];

function Line({
  label,
  value,
  strong,
  indent,
  sign,
}: {
  label: string;
  value: string;
  strong?: boolean;
  indent?: boolean;
  sign?: '+' | '−';
}) {
  return (
    <Table.Tr>
      <Table.Td pl={indent ? 'lg' : undefined}>
        <Text size="sm" fw={strong ? 700 : undefined}>
          {sign && (
            <Text span c="dimmed" mr={6} aria-hidden>
              {sign}
            </Text>
          )}
          {label}
        </Text>
      </Table.Td>
      <Table.Td className="num">
        <Money value={value} strong={strong} currency={null} />
      </Table.Td>
    </Table.Tr>
  );
}

export function FundStatusPage() {
  const [year, setYear] = useState<string>('all');
  const status = useQuery(fundQueries.status(year === 'all' ? undefined : Number(year)));
  const byYear = useQueries({ queries: YEARS.map((y) => fundQueries.status(y)) });
  const trend = YEARS.map((y, i) => ({
    year: String(y),
    Contributions: toNumber(byYear[i].data?.withAdministrativeAgent.contributions) / 1e6,
    Transfers: toNumber(byYear[i].data?.withAdministrativeAgent.transfers) / 1e6,
    Expenditure: toNumber(byYear[i].data?.withParticipatingOrganizations.expenditure) / 1e6,
  }));

  return (
    <Stack gap="lg">
      <PageHeader
        title="Funding status"
        description="The fund's two ledgers as the MPTF Office reports them: the money with the Administrative Agent, and the money transferred to the Participating UN Organizations."
        actions={
          <Select
            label="Period"
            value={year}
            onChange={(v) => setYear(v ?? 'all')}
            data={[
              { value: 'all', label: 'Since inception' },
              ...[...YEARS].reverse().map((y) => ({ value: String(y), label: `Year ${y}` })),
            ]}
            allowDeselect={false}
            w={180}
          />
        }
      />
      {status.isLoading ? (
        <LoadingState label="Loading the ledgers…" />
      ) : status.error ? (
        <ErrorState error={status.error} onRetry={() => void status.refetch()} />
      ) : (
        <FundStatusView status={status.data!} />
      )}
      <Section
        title="Year by year (US$ millions)"
        description="Deposits received, transfers to PUNOs and expenditure they reported."
      >
        <BarChart
          h={300}
          data={trend}
          dataKey="year"
          valueFormatter={(v) => `${v.toFixed(2)}M`}
          withLegend
          series={TREND_SERIES}
          legendProps={legendInSeriesOrder(TREND_SERIES)}
          gridAxis="y"
          role="img"
          aria-label="Contributions, transfers and expenditure by year"
        />
      </Section>
    </Stack>
  );
}

function FundStatusView({ status }: { status: FundStatus }) {
  // The fee rate is the fund's setting, from the server (never a copy here).
  const aaFee = formatFeeRate(useReference().settings?.aaFeeRate);
  const aa = status.withAdministrativeAgent;
  const po = status.withParticipatingOrganizations;
  const net = parseMoney(po.transfers) - parseMoney(po.refunds);
  const delivery = net > 0n ? Number(parseMoney(po.expenditure)) / Number(net) : null;
  const uses = [
    {
      name: 'Transfers to PUNOs (net)',
      value: toNumber(aa.transfers) - toNumber(aa.refunds),
      color: 'teal.6',
    },
    { name: 'AA fees', value: toNumber(aa.aaFees), color: 'orange.6' },
    { name: 'Direct costs', value: toNumber(aa.directCosts), color: 'grape.6' },
    { name: 'Bank charges', value: toNumber(aa.bankCharges), color: 'gray.6' },
    { name: 'Balance with the AA', value: Math.max(0, toNumber(aa.balance)), color: 'un.7' },
  ].filter((d) => d.value > 0);
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        <StatTile
          label="Total sources"
          value={formatMoneyShort(aa.totalSources)}
          hint="Contributions, interest and other income"
          testId="tile-sources"
        />
        <StatTile
          label="Balance with the AA"
          value={formatMoneyShort(aa.balance)}
          color="orange"
          testId="tile-aa-balance"
        />
        <StatTile label="Balance with PUNOs" value={formatMoneyShort(po.balance)} color="teal" />
        <StatTile
          label="Delivery rate"
          value={delivery === null ? '—' : formatRate(delivery)}
          color="grape"
          hint="Expenditure ÷ net funded"
        />
      </SimpleGrid>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Section title="With the Administrative Agent">
            <Table
              aria-label="Sources and uses of funds with the Administrative Agent"
              withRowBorders={false}
              verticalSpacing={6}
            >
              <Table.Tbody>
                <Table.Tr>
                  <Table.Td colSpan={2}>
                    <Title order={3} size="h6" c="dimmed">
                      Sources of funds
                    </Title>
                  </Table.Td>
                </Table.Tr>
                <Line label="Contributions from donors" value={aa.contributions} indent />
                <Line label="Interest" value={aa.interest} indent sign="+" />
                <Line label="Other income" value={aa.otherIncome} indent sign="+" />
                <Line label="Total source of funds" value={aa.totalSources} strong />
                <Table.Tr>
                  <Table.Td colSpan={2} pt="md">
                    <Title order={3} size="h6" c="dimmed">
                      Uses of funds
                    </Title>
                  </Table.Td>
                </Table.Tr>
                <Line label="Transfers to PUNOs" value={aa.transfers} indent />
                <Line label="Refunds from PUNOs" value={aa.refunds} indent sign="−" />
                <Line
                  label={`Administrative Agent fees${aaFee ? ` (${aaFee})` : ''}`}
                  value={aa.aaFees}
                  indent
                  sign="+"
                />
                <Line label="Direct costs" value={aa.directCosts} indent sign="+" />
                <Line label="Bank charges" value={aa.bankCharges} indent sign="+" />
                <Line label="Total use of funds" value={aa.totalUses} strong />
                <Table.Tr bg="un.0">
                  <Table.Td>
                    <Text fw={800}>Balance with the Administrative Agent</Text>
                  </Table.Td>
                  <Table.Td className="num" data-testid="aa-balance">
                    <Money value={aa.balance} strong />
                  </Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </Section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="lg">
            <Section title="With Participating Organizations">
              <Table
                aria-label="Resources and expenses with the Participating UN Organizations"
                withRowBorders={false}
                verticalSpacing={6}
              >
                <Table.Tbody>
                  <Line label="Transfers received (total resources)" value={po.transfers} />
                  <Line label="Expenditure" value={po.expenditure} indent sign="−" />
                  <Line label="Refunds to the fund" value={po.refunds} indent sign="−" />
                  <Table.Tr bg="teal.0">
                    <Table.Td>
                      <Text fw={800}>Balance with PUNOs</Text>
                    </Table.Td>
                    <Table.Td className="num">
                      <Money value={po.balance} strong />
                    </Table.Td>
                  </Table.Tr>
                  {/* Reported separately by the MPTF Office: in neither balance. */}
                  <Line
                    label="Interest earned by the agencies (reported separately, not in the balance)"
                    value={po.agencyInterest}
                  />
                </Table.Tbody>
              </Table>
              <Group justify="space-between" mt="md" p="sm" bg="gray.0" style={{ borderRadius: 8 }}>
                <Text fw={700}>Total balance of the fund</Text>
                <Money value={status.totalBalance} strong />
              </Group>
            </Section>
            <Section title="How the money was used">
              {uses.length ? (
                <Group justify="center">
                  <DonutChart
                    data={uses}
                    size={200}
                    thickness={34}
                    withTooltip
                    tooltipDataSource="segment"
                    valueFormatter={(v) => formatMoneyShort(BigInt(Math.round(v * 100)))}
                    role="img"
                    aria-label="Uses of funds"
                  />
                  <Stack gap={4}>
                    {uses.map((u) => (
                      <Group key={u.name} gap={8} wrap="nowrap">
                        <div
                          style={{
                            width: 12,
                            height: 12,
                            borderRadius: 3,
                            background: `var(--mantine-color-${u.color.replace('.', '-')})`,
                          }}
                        />
                        <Text size="sm">{u.name}</Text>
                      </Group>
                    ))}
                  </Stack>
                </Group>
              ) : (
                <Text c="dimmed" size="sm">
                  No money recorded in this period.
                </Text>
              )}
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

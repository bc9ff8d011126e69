import { BarChart, DonutChart } from '@mantine/charts';
import { Alert, Anchor, Grid, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { fundQueries } from '../../api/queries/fund';
import { useReference } from '../../api/reference';
import type { PortfolioGroup } from '../../api/models';
import type { PortfolioDimension } from '../../api/queries/fund';
import { programmeWorkQueries } from '../../api/queries/programme-work';
import { useAuth } from '../../auth/auth';
import { EmptyState, QueryState } from '../../components/states';
import { Money, PageHeader, Section } from '../../components/ui';
import { formatMoneyShort, formatRate, toNumber } from '../../lib/money';
import { ChoiceControl } from '../../components/ChoiceControl';
import { ListTable } from '../../components/ListTable';
import { categoryAxis, legendInSeriesOrder } from '../../lib/charts';

const DIMENSIONS = [
  { value: 'thematicArea', label: 'Thematic area' },
  { value: 'region', label: 'Region' },
  { value: 'organization', label: 'Agency' },
  { value: 'gcmObjective', label: 'GCM objective' },
  { value: 'country', label: 'Country' },
  { value: 'status', label: 'Status' },
];
/** The money chart's bars, in the order they are drawn and listed in the legend. */
const MONEY_SERIES = [
  { name: 'Allocated', color: 'un.7' },
  { name: 'Transferred', color: 'teal.6' },
  { name: 'Expenditure', color: 'grape.6' },
];

const PALETTE = [
  'un.7',
  'teal.6',
  'grape.6',
  'orange.6',
  'cyan.7',
  'indigo.6',
  'pink.6',
  'lime.7',
  'yellow.7',
  'gray.6',
];

/** Overdue reports in the reader's scope, linking to the calendar (the portfolio's reporting health). */
function OverdueReports() {
  const { can } = useAuth();
  const counts = useQuery({
    ...programmeWorkQueries.obligationCounts(),
    enabled: can('programme-work.read'),
  });
  if (!counts.data) return null;
  return (
    <Alert color={counts.data.OVERDUE ? 'red' : 'teal'} title="Reporting" data-testid="portfolio-overdue">
      {counts.data.OVERDUE} report{counts.data.OVERDUE === 1 ? ' is' : 's are'} overdue, {counts.data.DUE}{' '}
      due, {counts.data.SUBMITTED} waiting for review.{' '}
      <Anchor component={Link} to="/calendar">
        Reporting calendar
      </Anchor>
    </Alert>
  );
}

export function PortfolioPage() {
  const ref = useReference();
  const [groupBy, setGroupBy] = useState<PortfolioDimension>('thematicArea');
  const query = useQuery(fundQueries.portfolio(groupBy));
  const short = (g: PortfolioGroup) =>
    groupBy === 'thematicArea' ? `TA${g.key}` : groupBy === 'gcmObjective' ? `Obj. ${g.key}` : String(g.key);
  const long = (g: PortfolioGroup) => (groupBy === 'thematicArea' ? ref.areaLabel(g.key) : short(g));
  return (
    <Stack gap="lg">
      <PageHeader
        title="Portfolio"
        description="Allocations, transfers and expenditure of the approved programmes, grouped the way the Steering Committee looks at balance."
        actions={
          <ChoiceControl
            aria-label="Group by"
            value={groupBy}
            onChange={(value) => setGroupBy(value as PortfolioDimension)}
            data={DIMENSIONS}
          />
        }
      />
      <OverdueReports />
      <QueryState
        query={query}
        loadingLabel="Loading the portfolio…"
        empty={(data) =>
          data.length === 0 && (
            <EmptyState
              title="No programmes yet"
              description="The portfolio fills as the Steering Committee approves programmes."
            />
          )
        }
      >
        {(data) => {
          const numeric = groupBy === 'thematicArea' || groupBy === 'gcmObjective';
          const top = [...data]
            .sort((a, b) =>
              numeric ? Number(a.key) - Number(b.key) : toNumber(b.allocated) - toNumber(a.allocated),
            )
            .slice(0, 12);
          const chart = top.map((g) => ({
            group: short(g),
            Allocated: toNumber(g.allocated) / 1e6,
            Transferred: toNumber(g.transferred) / 1e6,
            Expenditure: toNumber(g.expenditure) / 1e6,
          }));
          const donut = top
            .filter((g) => toNumber(g.allocated) > 0)
            .map((g, i) => ({
              name: long(g),
              value: toNumber(g.allocated),
              color: PALETTE[i % PALETTE.length],
            }));
          return (
            <>
              <Grid gap="lg">
                <Grid.Col span={{ base: 12, lg: 8 }}>
                  <Section
                    title="Money by group (US$ millions)"
                    description={data.length > 12 ? 'The 12 largest groups by allocation.' : undefined}
                  >
                    <BarChart
                      h={320}
                      data={chart}
                      dataKey="group"
                      withLegend
                      valueFormatter={(v) => `${v.toFixed(2)}M`}
                      gridAxis="y"
                      xAxisProps={categoryAxis(chart.map((row) => row.group)).xAxisProps}
                      series={MONEY_SERIES}
                      legendProps={legendInSeriesOrder(MONEY_SERIES)}
                      role="img"
                      aria-label="Allocated, transferred and expenditure by group"
                    />
                  </Section>
                </Grid.Col>
                <Grid.Col span={{ base: 12, lg: 4 }}>
                  <Section title="Share of allocations">
                    {donut.length === 0 && (
                      <Text size="sm" c="dimmed">
                        Nothing allocated yet.
                      </Text>
                    )}
                    <Stack align="center" display={donut.length === 0 ? 'none' : undefined}>
                      <DonutChart
                        data={donut}
                        size={190}
                        thickness={30}
                        withTooltip
                        tooltipDataSource="segment"
                        valueFormatter={(v) => formatMoneyShort(BigInt(Math.round(v * 100)))}
                        role="img"
                        aria-label="Share of allocations"
                      />
                      <Stack gap={2} w="100%">
                        {donut.map((d) => (
                          <Group key={d.name} gap={8} wrap="nowrap">
                            <div
                              style={{
                                width: 10,
                                height: 10,
                                borderRadius: 2,
                                flexShrink: 0,
                                background: `var(--mantine-color-${d.color.replace('.', '-')})`,
                              }}
                            />
                            <Text size="xs" lineClamp={1}>
                              {d.name}
                            </Text>
                          </Group>
                        ))}
                      </Stack>
                    </Stack>
                  </Section>
                </Grid.Col>
              </Grid>
              <Paper withBorder radius="md">
                <ListTable>
                  <Table miw={760} aria-label="Portfolio figures">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{DIMENSIONS.find((d) => d.value === groupBy)?.label}</Table.Th>
                        <Table.Th className="num">Programmes</Table.Th>
                        <Table.Th className="num">Allocated</Table.Th>
                        <Table.Th className="num">Transferred</Table.Th>
                        <Table.Th className="num">Expenditure</Table.Th>
                        <Table.Th className="num">Delivery</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {data.map((g) => (
                        <Table.Tr key={String(g.key)}>
                          <Table.Td>
                            <Text size="sm" fw={500}>
                              {g.label}
                            </Text>
                          </Table.Td>
                          <Table.Td className="num">{g.programmes}</Table.Td>
                          <Table.Td className="num">
                            <Money value={g.allocated} currency={null} />
                          </Table.Td>
                          <Table.Td className="num">
                            <Money value={g.transferred} currency={null} />
                          </Table.Td>
                          <Table.Td className="num">
                            <Money value={g.expenditure} currency={null} />
                          </Table.Td>
                          <Table.Td className="num">{formatRate(g.deliveryRate)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ListTable>
              </Paper>
            </>
          );
        }}
      </QueryState>
    </Stack>
  );
}

import { BarChart } from '@mantine/charts';
import { Group, Paper, Progress, SegmentedControl, Select, Stack, Table, Text } from '@mantine/core';
import { useElementSize, useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { resultsQueries, type RollupDimension } from '../../api/queries/results';
import { useReference } from '../../api/reference';
import type { RollupGroup } from '../../api/models';
import { EmptyState, QueryState } from '../../components/states';
import { PageHeader, Section } from '../../components/ui';
import { formatRate } from '../../lib/money';
import { ListTable } from '../../components/ListTable';
import { categoryAxis, legendInSeriesOrder } from '../../lib/charts';

const THIS_YEAR = new Date().getUTCFullYear();

/** The roll-up chart's bars, in the order they are drawn and listed in the legend. */
const ROLLUP_SERIES = [
  { name: 'With target', color: 'gray.5' },
  { name: 'With approved actual', color: 'un.7' },
  { name: 'On track', color: 'teal.6' },
];

export function RollupPage() {
  const ref = useReference();
  const [by, setBy] = useState<RollupDimension>('thematicArea');
  const [year, setYear] = useState<string | null>(null);
  const query = useQuery(resultsQueries.rollup({ by, year: year ? Number(year) : undefined }));
  // On a phone the bars' labels are the codes alone: the names would run into each other.
  const phone = useMediaQuery('(max-width: 36em)');
  const label = (g: RollupGroup) =>
    by === 'thematicArea'
      ? phone
        ? `TA${g.key}`
        : ref.areaLabel(g.key)
      : by === 'gcmObjective'
        ? `Obj. ${g.key}`
        : // A fund indicator by its title (shortened for the axis), as in the table.
          g.label.length > 32
          ? `${g.label.slice(0, 31)}…`
          : g.label;
  return (
    <Stack gap="lg">
      <PageHeader
        title="Results roll-up"
        description="Programme indicators rolled up across the portfolio through the fund's results framework: how many have targets and approved actuals, and the share on track."
        actions={
          <Group align="flex-end">
            <SegmentedControl
              aria-label="Roll up by"
              value={by}
              onChange={setBy}
              data={[
                { value: 'thematicArea', label: 'Thematic area' },
                { value: 'gcmObjective', label: 'GCM objective' },
                { value: 'fundIndicator', label: 'Fund indicator' },
              ]}
            />
            <Select
              aria-label="Year"
              placeholder="All years"
              data={Array.from({ length: 6 }, (_, i) => String(THIS_YEAR - i))}
              value={year}
              onChange={setYear}
              clearable
              w={130}
            />
          </Group>
        }
      />
      <QueryState
        query={query}
        loadingLabel="Rolling up results…"
        empty={(data) =>
          data.length === 0 && (
            <EmptyState
              title="No results to roll up"
              description="Indicators appear once programmes have results matrices."
            />
          )
        }
      >
        {(data) => (
          <>
            <Section title="Indicators with targets, approved actuals and on track">
              <RollupChart data={data} label={label} />
            </Section>
            <Paper withBorder radius="md">
              <ListTable>
                <Table miw={820} aria-label="Results roll-up">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Group</Table.Th>
                      <Table.Th className="num">Programmes</Table.Th>
                      <Table.Th className="num">Indicators</Table.Th>
                      <Table.Th className="num">With target</Table.Th>
                      <Table.Th className="num">With actual</Table.Th>
                      <Table.Th w={180}>On track</Table.Th>
                      {by === 'fundIndicator' && <Table.Th className="num">Actual / target (units)</Table.Th>}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.map((g) => (
                      <Table.Tr key={String(g.key)}>
                        <Table.Td maw={360}>
                          <Text size="sm" fw={500}>
                            {by === 'thematicArea' ? ref.areaLabel(g.key) : g.label}
                          </Text>
                          {by === 'fundIndicator' && (
                            <Text size="xs" c="dimmed">
                              {String(g.key)}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td className="num">{g.programmes}</Table.Td>
                        <Table.Td className="num">{g.indicators}</Table.Td>
                        <Table.Td className="num">{g.withTarget}</Table.Td>
                        <Table.Td className="num">{g.withActual}</Table.Td>
                        <Table.Td>
                          <Text size="xs">
                            {g.onTrack} of {g.assessed} ·{' '}
                            {g.shareOnTrack ? formatRate(g.shareOnTrack, 0) : '—'}
                          </Text>
                          <Progress
                            value={g.shareOnTrack ? Number(g.shareOnTrack) * 100 : 0}
                            color="teal"
                            aria-label={`Share on track ${g.shareOnTrack ? formatRate(g.shareOnTrack, 0) : 'not assessed'}`}
                          />
                        </Table.Td>
                        {by === 'fundIndicator' && (
                          <Table.Td className="num">
                            {g.approvedActualSum ?? '—'} / {g.targetSum ?? '—'}{' '}
                            {g.unit != null ? String(g.unit) : ''}
                          </Table.Td>
                        )}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ListTable>
            </Paper>
          </>
        )}
      </QueryState>
    </Stack>
  );
}

/** The bars by group, as tall as their tilted labels need. */
function RollupChart({ data, label }: { data: RollupGroup[]; label: (g: RollupGroup) => string }) {
  const { ref, width } = useElementSize();
  const labels = data.map(label);
  const axis = categoryAxis(labels, width);
  return (
    <div ref={ref}>
      <BarChart
        h={270 + axis.xAxisProps.height}
        data={data.map((g, i) => ({
          group: labels[i],
          'With target': g.withTarget,
          'With approved actual': g.withActual,
          'On track': g.onTrack,
        }))}
        dataKey="group"
        withLegend
        gridAxis="y"
        series={ROLLUP_SERIES}
        legendProps={legendInSeriesOrder(ROLLUP_SERIES)}
        xAxisProps={axis.xAxisProps}
        barChartProps={{ margin: { left: axis.leftMargin } }}
        role="img"
        aria-label="Results roll-up chart"
      />
    </div>
  );
}

import { BarChart } from '@mantine/charts';
import { Grid, Table, Title } from '@mantine/core';
import { useState } from 'react';
import { useReference } from '../../api/reference';
import type { DecisionPack } from '../../api/models';
import { Section } from '../../components/ui';
import { pct } from './meeting-labels';
import { ChoiceControl } from '../../components/ChoiceControl';
import { ListTable } from '../../components/ListTable';
import { legendInSeriesOrder } from '../../lib/charts';

/** One chart row per key of either balance: its share now and if the proposal were approved. */
function shareRows<Label extends { group: string }>(
  current: Record<string, string>,
  ifApproved: Record<string, string> | undefined,
  labelOf: (key: string) => Label,
) {
  const keys = new Set([...Object.keys(current), ...Object.keys(ifApproved ?? {})]);
  return [...keys].map((key) => ({
    ...labelOf(key),
    Current: pct(current[key]),
    'If approved': pct(ifApproved?.[key]),
  }));
}

export function BalanceCharts({ pack }: { pack: DecisionPack }) {
  const ref = useReference();
  const [selected, setSelected] = useState<string>(pack.proposals[0]?.proposalId ?? '');
  const ifApproved = pack.balance.ifApproved[selected];
  const current = pack.balance.current;
  const areaData = shareRows(current.byThematicArea, ifApproved?.byThematicArea, (key) => ({
    group: `TA${key}`,
    label: ref.areaLabel(key),
  })).sort((a, b) => a.group.localeCompare(b.group));
  const regionData = shareRows(current.byRegion, ifApproved?.byRegion, (key) => ({ group: key }));
  if (pack.proposals.length === 0) return null;
  const series = [
    { name: 'Current', color: 'gray.5' },
    { name: 'If approved', color: 'un.7' },
  ];
  return (
    <Section
      title="Portfolio balance: current and if approved"
      description="Share of allocated US$ by thematic area and by region, now and if the selected proposal were approved in full."
      actions={
        pack.proposals.length > 1 && (
          <ChoiceControl
            aria-label="Proposal to compare"
            value={selected}
            onChange={setSelected}
            data={pack.proposals.map((x) => ({ value: x.proposalId, label: x.reference }))}
          />
        )
      }
    >
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Title order={3} size="h6" mb="xs">
            By thematic area (% of allocations)
          </Title>
          <BarChart
            h={280}
            data={areaData}
            dataKey="group"
            series={series}
            withLegend
            legendProps={legendInSeriesOrder(series)}
            unit=" %"
            tickLine="y"
            gridAxis="y"
            role="img"
            aria-label="Balance by thematic area"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Title order={3} size="h6" mb="xs">
            By region (% of allocations)
          </Title>
          <BarChart
            h={280}
            data={regionData}
            dataKey="group"
            series={series}
            withLegend
            legendProps={legendInSeriesOrder(series)}
            unit=" %"
            tickLine="y"
            gridAxis="y"
            role="img"
            aria-label="Balance by region"
          />
        </Grid.Col>
      </Grid>
      <ListTable>
        <Table miw={480} fz="sm" aria-label="Balance figures">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Thematic area</Table.Th>
              <Table.Th className="num">Current</Table.Th>
              <Table.Th className="num">If approved</Table.Th>
              <Table.Th className="num">Change</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {areaData.map((row) => (
              <Table.Tr key={row.group}>
                <Table.Td>{row.label}</Table.Td>
                <Table.Td className="num">{row.Current.toFixed(1)} %</Table.Td>
                <Table.Td className="num">{row['If approved'].toFixed(1)} %</Table.Td>
                <Table.Td
                  className="num"
                  c={
                    row['If approved'] - row.Current > 0
                      ? 'teal.9'
                      : row['If approved'] - row.Current < 0
                        ? 'red.9'
                        : undefined
                  }
                >
                  {(row['If approved'] - row.Current > 0 ? '+' : '') +
                    (row['If approved'] - row.Current).toFixed(1)}{' '}
                  pts
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ListTable>
    </Section>
  );
}

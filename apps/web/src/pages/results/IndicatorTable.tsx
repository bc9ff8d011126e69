import { Badge, Button, Group, Table, Text } from '@mantine/core';
import type { IndicatorView, TargetView } from '../../api/models';
import { formatDate } from '../../lib/format';
import { FundIndicatorName } from './FundIndicator';
import { ACTUAL_COLOR, MEASURES } from './matrix-labels';
import { ListTable } from '../../components/ListTable';

export function IndicatorTable({
  indicators,
  canReport,
  onReport,
}: {
  indicators: IndicatorView[];
  canReport: boolean;
  onReport: (i: IndicatorView, t: TargetView) => void;
}) {
  if (indicators.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No indicators.
      </Text>
    );
  return (
    <ListTable>
      <Table miw={720} fz="sm" verticalSpacing={6} aria-label="Indicators">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Indicator</Table.Th>
            <Table.Th>Baseline</Table.Th>
            <Table.Th>Period</Table.Th>
            <Table.Th className="num">Target</Table.Th>
            <Table.Th>Actual</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {indicators.flatMap((indicator) =>
            (indicator.targets.length ? indicator.targets : [null]).map((target, index) => (
              <Table.Tr key={`${indicator.id}-${index}`}>
                {index === 0 && (
                  <>
                    <Table.Td rowSpan={Math.max(1, indicator.targets.length)} maw={300}>
                      <Text size="sm" fw={500}>
                        {indicator.key} {indicator.title}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {MEASURES.find((m) => m.value === indicator.measure)?.label}
                        {indicator.unit ? ` · ${indicator.unit}` : ''} ·{' '}
                        {indicator.ascending ? 'higher is better' : 'lower is better'}
                      </Text>
                      {indicator.fundIndicatorCode && (
                        <Text size="xs">
                          Rolls up to <FundIndicatorName code={indicator.fundIndicatorCode} />
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td rowSpan={Math.max(1, indicator.targets.length)}>
                      {indicator.baseline.value ?? '—'}{' '}
                      <Text span size="xs" c="dimmed">
                        ({indicator.baseline.year})
                      </Text>
                    </Table.Td>
                  </>
                )}
                {target ? (
                  <>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatDate(target.periodStart)} – {formatDate(target.periodEnd)}
                    </Table.Td>
                    <Table.Td className="num">{target.value ?? '—'}</Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        {target.actual ? (
                          <>
                            <Text size="sm" fw={600}>
                              {target.actual.value ?? '✓'}
                            </Text>
                            <Badge
                              size="sm"
                              variant="light"
                              color={ACTUAL_COLOR[target.actual.status]}
                              c="dark.7"
                            >
                              {target.actual.status.toLowerCase()}
                            </Badge>
                            {target.onTrack !== null && (
                              <Badge size="sm" color={target.onTrack ? 'teal.9' : 'red.9'} variant="outline">
                                {target.onTrack ? 'on track' : 'off track'}
                              </Badge>
                            )}
                          </>
                        ) : (
                          target.due && (
                            <Badge
                              size="sm"
                              color={target.due === 'OVERDUE' ? 'red' : 'orange'}
                              variant="light"
                            >
                              {target.due === 'OVERDUE' ? 'overdue' : 'due'}
                            </Badge>
                          )
                        )}
                        {canReport &&
                          (!target.actual || ['DRAFT', 'RETURNED'].includes(target.actual.status)) && (
                            <Button
                              size="compact-xs"
                              variant="light"
                              onClick={() => onReport(indicator, target)}
                              aria-label={`Report actual for ${indicator.key}, ${formatDate(target.periodStart)} to ${formatDate(target.periodEnd)}`}
                            >
                              {target.actual ? 'Continue' : 'Report'}
                            </Button>
                          )}
                      </Group>
                    </Table.Td>
                  </>
                ) : (
                  <Table.Td colSpan={3}>
                    <Text size="sm" c="dimmed">
                      No targets
                    </Text>
                  </Table.Td>
                )}
              </Table.Tr>
            )),
          )}
        </Table.Tbody>
      </Table>
    </ListTable>
  );
}

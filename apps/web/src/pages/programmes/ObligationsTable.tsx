import { Anchor, Badge, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Obligation } from '../../api/models';
import { formatDate } from '../../lib/format';
import { KIND_LABEL, OBLIGATION_COLOR } from './programme-work-labels';
import { ListTable } from '../../components/ListTable';

/** How the calendar says where an obligation stands: overdue by how long, submitted late. */
export function obligationState(o: Obligation): string {
  if (o.status === 'OVERDUE') return `Overdue by ${o.daysOverdue} day${o.daysOverdue === 1 ? '' : 's'}`;
  if (o.status === 'DUE') return 'Due';
  const late = o.lateByDays ? ` (${o.lateByDays} days late)` : '';
  return `${o.status === 'ACCEPTED' ? 'Accepted' : 'Submitted'}${o.submittedOn ? ` ${formatDate(o.submittedOn)}` : ''}${late}`;
}

export function ObligationsTable({ items, showProgramme }: { items: Obligation[]; showProgramme: boolean }) {
  return (
    <ListTable>
      <Table miw={760} aria-label="Reporting obligations" fz="sm">
        <Table.Thead>
          <Table.Tr>
            {showProgramme && <Table.Th>Programme</Table.Th>}
            <Table.Th>Report</Table.Th>
            <Table.Th>Agency</Table.Th>
            <Table.Th>Period</Table.Th>
            <Table.Th>Due</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((o) => (
            <Table.Tr
              key={o.id}
              data-testid={`obligation-${o.kind}-${o.year ?? 'final'}-${o.orgCode ?? o.convenerCode}`}
            >
              {showProgramme && (
                <Table.Td>
                  <Anchor component={Link} to={`/programmes/${o.programmeId}/work`} ff="monospace" size="sm">
                    {o.reference}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {o.title}
                  </Text>
                </Table.Td>
              )}
              <Table.Td>
                {o.progressReportId ? (
                  <Anchor component={Link} to={`/progress-reports/${o.progressReportId}`} size="sm">
                    {KIND_LABEL[o.kind]}
                    {o.year ? ` ${o.year}` : ''}
                  </Anchor>
                ) : (
                  <>
                    {KIND_LABEL[o.kind]}
                    {o.year ? ` ${o.year}` : ''}
                  </>
                )}
              </Table.Td>
              <Table.Td>{o.orgCode ?? `${o.convenerCode} (convener)`}</Table.Td>
              <Table.Td>
                <span className="nowrap">{formatDate(o.periodStart)}</span> –{' '}
                <span className="nowrap">{formatDate(o.periodEnd)}</span>
              </Table.Td>
              <Table.Td className="nowrap">{formatDate(o.dueDate)}</Table.Td>
              <Table.Td>
                <Badge
                  color={OBLIGATION_COLOR[o.status]}
                  variant="light"
                  radius="sm"
                  styles={{ root: { maxWidth: 'none' }, label: { overflow: 'visible' } }}
                >
                  {obligationState(o)}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ListTable>
  );
}

import { Anchor, Badge, Button, Paper, Stack, Table, Text } from '@mantine/core';
import { IconClipboardCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { reviewQueries } from '../../api/queries/review';
import { useReference } from '../../api/reference';
import { EmptyState, QueryState } from '../../components/states';
import { Money, PageHeader } from '../../components/ui';
import { daysUntil, formatDateWhole } from '../../lib/format';
import { ListTable } from '../../components/ListTable';

export function DueBadge({ date, overdue }: { date: string | null | undefined; overdue?: boolean }) {
  if (!date)
    return (
      <Text size="sm" c="dimmed">
        No due date
      </Text>
    );
  const days = daysUntil(date);
  const late = overdue ?? days < 0;
  return (
    <Stack gap={2}>
      <Text size="sm">{formatDateWhole(date)}</Text>
      {late ? (
        <Badge color="red" variant="filled" size="sm" data-testid="overdue">
          Overdue by {Math.abs(days)} day{Math.abs(days) === 1 ? '' : 's'}
        </Badge>
      ) : days <= 3 ? (
        <Badge color="orange" variant="light" size="sm">
          {days === 0 ? 'Due today' : `Due in ${days} day${days === 1 ? '' : 's'}`}
        </Badge>
      ) : (
        <Text size="xs" c="dimmed">
          in {days} days
        </Text>
      )}
    </Stack>
  );
}

export function ReviewQueuePage() {
  const ref = useReference();
  const query = useQuery(reviewQueries.queue());
  return (
    <Stack>
      <PageHeader
        title="Review queue"
        description="Proposals under review that you have not reviewed yet and are not recused from, the most urgent first. Proposals in which your organization participates are not listed: you are recused from them."
      />
      <QueryState
        query={query}
        loadingLabel="Loading your review queue…"
        empty={(items) =>
          items.length === 0 && (
            <EmptyState
              icon="✓"
              title="You are up to date"
              description="There is no proposal waiting for your review. New ones appear here when the Fund Management Unit passes them to the Steering Committee."
            />
          )
        }
      >
        {(items) => (
          <Paper withBorder radius="md">
            <ListTable titleColumns={[1, 2]}>
              <Table miw={760} aria-label="Proposals to review">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Due</Table.Th>
                    <Table.Th>Reference</Table.Th>
                    <Table.Th>Title</Table.Th>
                    <Table.Th>Thematic area</Table.Th>
                    <Table.Th className="num">Requested</Table.Th>
                    <Table.Th>
                      <span className="sr-only">Action</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((item) => (
                    <Table.Tr key={item.proposalId} bg={item.overdue ? 'red.0' : undefined}>
                      <Table.Td>
                        <DueBadge date={item.reviewDueDate} overdue={item.overdue} />
                      </Table.Td>
                      <Table.Td>
                        <Anchor
                          component={Link}
                          to={`/proposals/${item.proposalId}`}
                          ff="monospace"
                          fw={600}
                          size="sm"
                        >
                          {item.reference}
                        </Anchor>
                      </Table.Td>
                      <Table.Td maw={360}>
                        <Text size="sm">{item.title}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{ref.areaLabel(item.thematicAreaCode)}</Text>
                      </Table.Td>
                      <Table.Td className="num">
                        <Money value={item.total} />
                      </Table.Td>
                      <Table.Td>
                        <Button
                          size="xs"
                          component={Link}
                          to={`/proposals/${item.proposalId}/review`}
                          leftSection={<IconClipboardCheck size={16} />}
                          aria-label={`Review ${item.reference}`}
                        >
                          Review
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ListTable>
          </Paper>
        )}
      </QueryState>
    </Stack>
  );
}

import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { data, http } from '../../api/client';
import type { components } from '../../api/schema';
import { QueryState } from '../../components/states';
import { ListTable } from '../../components/ListTable';
import { Money } from '../../components/ui';
import { formatDate } from '../../lib/format';
import { FundPipelineButton } from '../review/FundPipelineButton';

type Todo = components['schemas']['TodoDto'];
type Section = Todo['sections'][number];

const todoQuery = {
  queryKey: ['me', 'todo'],
  queryFn: () => data(http.GET('/api/v1/me/todo')),
};

/** What waits for the signed-in user (GET /me/todo): one card per kind of work, the upcoming meeting, a donor's position. */
export function TodoPanel() {
  const query = useQuery(todoQuery);
  return (
    <QueryState query={query} loadingLabel="Loading your to-do list…">
      {(todo) => (
        <Stack gap="lg" data-testid="todo">
          {todo.upcomingMeeting && (
            <Card withBorder radius="md" padding="lg" data-testid="upcoming-meeting">
              <Text size="sm" c="dimmed">
                Next Steering Committee meeting
              </Text>
              <Anchor component={Link} to={todo.upcomingMeeting.link} fw={600}>
                {todo.upcomingMeeting.title}
              </Anchor>
              <Text size="sm">
                {formatDate(todo.upcomingMeeting.date)} · {todo.upcomingMeeting.proposalCount} proposal
                {todo.upcomingMeeting.proposalCount === 1 ? '' : 's'} on the agenda
              </Text>
            </Card>
          )}
          {todo.donorPosition && <DonorPosition position={todo.donorPosition} />}
          {todo.sections.length > 0 && (
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
              {todo.sections.map((section) => (
                <SectionCard key={section.key} section={section} />
              ))}
            </SimpleGrid>
          )}
        </Stack>
      )}
    </QueryState>
  );
}

function SectionCard({ section }: { section: Section }) {
  return (
    <Card withBorder radius="md" padding="lg" data-testid={`todo-${section.key}`}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Title order={2} size="h5">
          {section.title}
        </Title>
        <Badge size="lg" variant="light" radius="sm">
          {section.count}
        </Badge>
      </Group>
      {section.items.length === 0 ? (
        <Text size="sm" c="dimmed" mt="xs">
          Nothing waiting.
        </Text>
      ) : (
        <Stack gap={6} mt="xs">
          {section.items.map((item) => (
            <div key={item.id}>
              <Anchor component={Link} to={item.link} size="sm" fw={600}>
                {item.reference ? `${item.reference} · ` : ''}
                {item.title}
              </Anchor>
              {item.detail && (
                <Text size="xs" c="dimmed">
                  {item.detail}
                </Text>
              )}
              {section.key === 'fundable-now' && (
                <FundPipelineButton
                  proposalId={item.id}
                  reference={item.reference ?? null}
                  title={item.title}
                />
              )}
            </div>
          ))}
        </Stack>
      )}
      <Anchor component={Link} to={section.link} size="sm" mt="sm">
        See all: {section.title.toLowerCase()}
      </Anchor>
    </Card>
  );
}

type Position = NonNullable<Todo['donorPosition']>;

function DonorPosition({ position }: { position: Position }) {
  return (
    <Card withBorder radius="md" padding="lg" data-testid="donor-position">
      <Title order={2} size="h4">
        {position.donorName}: your position in the fund
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        In the currency of your pledges. US$ values are at each entry’s own date, so a pledge and its payments
        in euros differ in US$ by the exchange difference shown.
      </Text>
      <ListTable>
        <Table aria-label="Your pledges and payments">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Currency</Table.Th>
              <Table.Th className="num">Committed</Table.Th>
              <Table.Th className="num">Paid</Table.Th>
              <Table.Th className="num">Outstanding</Table.Th>
              <Table.Th className="num">Exchange difference (US$)</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {position.byCurrency.map((row) => (
              <Table.Tr key={row.currency}>
                <Table.Td>{row.currency}</Table.Td>
                <Table.Td className="num">
                  <Money value={row.committed} currency={row.currency} />
                </Table.Td>
                <Table.Td className="num">
                  <Money value={row.paid} currency={row.currency} />
                </Table.Td>
                <Table.Td className="num">
                  <Money value={row.outstanding} currency={row.currency} />
                </Table.Td>
                <Table.Td className="num">
                  <Money value={row.exchangeDifferenceUsd} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ListTable>
      <Text size="sm" mt="sm">
        Your deposits after the AA fee: <Money value={position.netDepositsUsd} />,{' '}
        {(Number(position.shareOfFund) * 100).toFixed(1)} % of all donors’ deposits.
      </Text>
      {/* What the money funds: one line per area, the amounts in a right-aligned column to compare. */}
      <ListTable>
        <Table mt="sm" aria-label="What your money funds" data-testid="donor-funds">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>What your money funds, by thematic area</Table.Th>
              <Table.Th className="num">Share of transfers (US$)</Table.Th>
              <Table.Th className="num">You earmarked (US$)</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {position.funds.map((area) => (
              <Table.Tr key={area.thematicAreaCode}>
                <Table.Td>{area.title}</Table.Td>
                <Table.Td className="num">
                  <Money value={area.attributedTransfersUsd} currency={null} />
                </Table.Td>
                <Table.Td className="num">
                  {area.earmarkedUsd !== '0.00' ? <Money value={area.earmarkedUsd} currency={null} /> : '—'}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ListTable>
    </Card>
  );
}

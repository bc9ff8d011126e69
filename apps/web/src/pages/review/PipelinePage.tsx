import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconDeviceFloppy } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { data, errorMessage, http } from '../../api/client';
import { fundQueries } from '../../api/queries/fund';
import { useReference } from '../../api/reference';
import type { PipelineEntry } from '../../api/models';
import { useAuth } from '../../auth/auth';
import { EmptyState, QueryState } from '../../components/states';
import { Money, PageHeader, StatTile } from '../../components/ui';
import { formatDate } from '../../lib/format';
import { formatMoneyShort, parseMoney } from '../../lib/money';
import { FundPipelineButton } from './FundPipelineButton';
import { ListTable } from '../../components/ListTable';

export function PipelinePage() {
  const ref = useReference();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const manage = can('pipeline.manage');
  // Funding records the approval, which only the chair (or an acting chair) may.
  const canFund = can('decision.chair');
  const query = useQuery(fundQueries.pipeline());
  const fund = useQuery({ ...fundQueries.status(), enabled: can('fund.read') });
  // The order being edited; until the first move it is the server's.
  const [draft, setOrder] = useState<PipelineEntry[] | null>(null);
  const order = useMemo(() => draft ?? query.data ?? [], [draft, query.data]);
  const [announcement, setAnnouncement] = useState('');
  const focusTarget = useRef<string | null>(null);
  useEffect(() => {
    if (focusTarget.current) {
      document.getElementById(focusTarget.current)?.focus();
      focusTarget.current = null;
    }
  }, [order]);
  const dirty =
    query.data !== undefined &&
    order.map((e) => e.proposalId).join() !== query.data.map((e) => e.proposalId).join();
  const save = useMutation({
    mutationFn: () =>
      data(http.PUT('/api/v1/pipeline', { body: { proposalIds: order.map((e) => e.proposalId) } })),
    onSuccess: (saved) => {
      notifications.show({ color: 'teal', message: 'The pipeline ranking is saved.' });
      queryClient.setQueryData(fundQueries.pipeline().queryKey, saved);
      setOrder(null);
      void queryClient.invalidateQueries({ queryKey: fundQueries.pipeline().queryKey });
    },
  });
  const move = (index: number, delta: -1 | 1) => {
    const target = index + delta;
    if (target < 0 || target >= order.length) return;
    const next = [...order];
    [next[index], next[target]] = [next[target], next[index]];
    focusTarget.current = `move-${delta < 0 ? 'up' : 'down'}-${next[target].proposalId}`;
    if ((delta < 0 && target === 0) || (delta > 0 && target === order.length - 1))
      focusTarget.current = `move-${delta < 0 ? 'down' : 'up'}-${next[target].proposalId}`;
    setOrder(next);
    setAnnouncement(`${next[target].reference} moved to rank ${target + 1} of ${next.length}.`);
  };

  // Running total of the programmes above and at each rank.
  const cumulativeAt = order.reduce<bigint[]>(
    (sums, entry, index) => [...sums, (index ? sums[index - 1] : 0n) + parseMoney(entry.total)],
    [],
  );
  // The fund's one definition of "available" (AA balance − allocations not yet transferred).
  const available = fund.data ? parseMoney(fund.data.availableForAllocation) : null;

  return (
    <Stack>
      <PageHeader
        title="Pipeline"
        description="Programmes the Steering Committee endorsed but could not fund yet, in rank order. When money arrives they are funded from the top."
        actions={
          manage && (
            <Button
              leftSection={<IconDeviceFloppy size={18} />}
              disabled={!dirty}
              loading={save.isPending}
              onClick={() => save.mutate()}
            >
              Save ranking
            </Button>
          )
        }
      />
      <VisuallyHidden aria-live="polite">{announcement}</VisuallyHidden>
      {save.error && (
        <Alert color="red" title="The ranking was not saved">
          {errorMessage(save.error)}
        </Alert>
      )}
      {fund.data && (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <StatTile
            label="Available for allocation"
            value={formatMoneyShort(fund.data.availableForAllocation)}
            hint="Balance with the AA less allocations not yet transferred"
          />
          <StatTile
            label="Pipeline total"
            value={formatMoneyShort(order.reduce((sum, e) => sum + parseMoney(e.total), 0n))}
            color="grape"
            hint={`${order.length} programme${order.length === 1 ? '' : 's'}`}
          />
        </SimpleGrid>
      )}
      <QueryState
        query={query}
        loadingLabel="Loading the pipeline…"
        empty={(items) =>
          items.length === 0 && (
            <EmptyState
              title="The pipeline is empty"
              description="Proposals the Steering Committee endorses without funding are listed here."
            />
          )
        }
      >
        {() => (
          <Paper withBorder radius="md">
            <ListTable>
              <Table miw={720} aria-label="Pipeline ranking">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={70}>Rank</Table.Th>
                    <Table.Th>Programme</Table.Th>
                    <Table.Th>Area</Table.Th>
                    <Table.Th className="num">Requested</Table.Th>
                    <Table.Th className="num">Cumulative</Table.Th>
                    {manage && <Table.Th w={110}>Move</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {order.map((entry, index) => {
                    const cumulative = cumulativeAt[index];
                    const fits = available !== null && cumulative <= available;
                    return (
                      <Table.Tr key={entry.proposalId} data-testid="pipeline-row">
                        <Table.Td>
                          <Badge size="lg" variant="light" radius="sm">
                            {index + 1}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          <Anchor
                            component={Link}
                            to={`/proposals/${entry.proposalId}`}
                            ff="monospace"
                            fw={600}
                            size="sm"
                          >
                            {entry.reference}
                          </Anchor>
                          <Text size="sm">{entry.title}</Text>
                          {entry.endorsedAt && (
                            <Text size="xs" c="dimmed">
                              Endorsed {formatDate(entry.endorsedAt)}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>{ref.areaLabel(entry.thematicAreaCode)}</Table.Td>
                        <Table.Td className="num">
                          <Money value={entry.total} />
                        </Table.Td>
                        <Table.Td className="num">
                          <Money value={cumulative} currency={null} />
                          {available !== null && (
                            <Text size="xs" c={fits ? 'teal.9' : 'gray.7'}>
                              {fits ? 'fundable now' : 'awaits funds'}
                            </Text>
                          )}
                          {fits && canFund && !dirty && (
                            <FundPipelineButton
                              proposalId={entry.proposalId}
                              reference={entry.reference}
                              title={entry.title}
                            />
                          )}
                        </Table.Td>
                        {manage && (
                          <Table.Td>
                            <Group gap={4} wrap="nowrap">
                              <ActionIcon
                                id={`move-up-${entry.proposalId}`}
                                variant="default"
                                aria-label={`Move ${entry.reference} up`}
                                disabled={index === 0}
                                onClick={() => move(index, -1)}
                              >
                                <IconArrowUp size={16} />
                              </ActionIcon>
                              <ActionIcon
                                id={`move-down-${entry.proposalId}`}
                                variant="default"
                                aria-label={`Move ${entry.reference} down`}
                                disabled={index === order.length - 1}
                                onClick={() => move(index, 1)}
                              >
                                <IconArrowDown size={16} />
                              </ActionIcon>
                            </Group>
                          </Table.Td>
                        )}
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </ListTable>
          </Paper>
        )}
      </QueryState>
    </Stack>
  );
}

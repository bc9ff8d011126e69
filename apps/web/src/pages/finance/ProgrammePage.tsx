import { Badge, Button, Grid, SimpleGrid, Stack, Table, Tabs, Text } from '@mantine/core';
import { IconArrowBackUp, IconCash, IconReceipt } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { programmeQueries } from '../../api/queries/programmes';
import { useReference } from '../../api/reference';
import { useAuth } from '../../auth/auth';
import { ErrorState, LoadingState } from '../../components/states';
import { Money, PageHeader, ReversalBadge, Section, StatTile, StatusBadge } from '../../components/ui';
import { formatDate } from '../../lib/format';
import { formatMoneyShort, formatRate } from '../../lib/money';
import { ResultsMatrix } from '../results/ResultsMatrix';
import { ExpenditureModal, ExpenditureReports } from './ExpenditureReports';
import { MovementModal } from './MovementModal';
import { ListTable } from '../../components/ListTable';
import { TabsList } from '../../components/TabsList';

export function ProgrammePage() {
  const { id = '' } = useParams();
  const { user, can } = useAuth();
  const ref = useReference();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'money';
  const [movement, setMovement] = useState<'TRANSFER' | 'REFUND' | null>(null);
  const [expenditureOpen, setExpenditureOpen] = useState(false);
  const programme = useQuery({
    ...programmeQueries.detail(id!),
  });
  if (programme.isLoading) return <LoadingState label="Loading the programme…" />;
  if (programme.error) return <ErrorState error={programme.error} onRetry={() => void programme.refetch()} />;
  const p = programme.data!;
  const mine = !!user?.organizationCode && p.organizationCodes.includes(user.organizationCode);
  const open = ['APPROVED', 'ACTIVE'].includes(p.status);

  return (
    <Stack gap="lg">
      <PageHeader
        crumbs={[{ label: 'Programmes', to: '/programmes' }, { label: p.reference }]}
        title={p.title}
        badge={<StatusBadge status={p.status} size="lg" />}
        description={
          <>
            <Text span ff="monospace" fw={600}>
              {p.reference}
            </Text>{' '}
            · TA{p.thematicAreaCode} · {ref.areaTitle(p.thematicAreaCode)} ·{' '}
            {p.countryCodes.map(ref.countryName).join(', ') || 'Global'} · started{' '}
            {formatDate(p.startDate ?? null)}
          </>
        }
        actions={
          <>
            {can('transfer.record') && open && (
              <Button leftSection={<IconCash size={18} />} onClick={() => setMovement('TRANSFER')}>
                Record transfer
              </Button>
            )}
            {can('refund.record') && p.status !== 'FINANCIALLY_CLOSED' && (
              <Button
                variant="default"
                leftSection={<IconArrowBackUp size={18} />}
                onClick={() => setMovement('REFUND')}
              >
                Record refund
              </Button>
            )}
            {can('expenditure.record') && mine && (
              <Button leftSection={<IconReceipt size={18} />} onClick={() => setExpenditureOpen(true)}>
                Report expenditure
              </Button>
            )}
            {can('programme-work.read') && (
              <Button variant="light" component={Link} to={`/programmes/${p.id}/work`}>
                Reporting and revisions
              </Button>
            )}
            <Button variant="subtle" component={Link} to={`/proposals/${p.id}`}>
              Proposal
            </Button>
          </>
        }
      />
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
        <StatTile label="Allocated" value={formatMoneyShort(p.allocated)} testId="tile-allocated" />
        <StatTile
          label="Transferred"
          value={formatMoneyShort(p.transferred)}
          color="teal"
          testId="tile-transferred"
        />
        <StatTile
          label="Refunded"
          value={formatMoneyShort(p.refunded)}
          color="orange"
          hint="Returned by PUNOs to the fund"
          testId="tile-refunded"
        />
        <StatTile
          label="Net funded"
          value={formatMoneyShort(p.netFunded)}
          color="cyan"
          hint="Transfers − refunds"
          testId="tile-net-funded"
        />
        <StatTile
          label="Expenditure"
          value={formatMoneyShort(p.expenditure)}
          color="grape"
          testId="tile-expenditure"
        />
        <StatTile
          label="Delivery rate"
          value={formatRate(p.deliveryRate)}
          color="orange"
          hint="Expenditure ÷ net funded"
          testId="tile-delivery"
        />
      </SimpleGrid>
      {/* Why delivery can read 100 % while much of the transfers is unspent: refunds lower what it is measured on. */}
      <Text size="sm" data-testid="delivery-explained">
        Delivery {formatRate(p.deliveryRate)} = expenditure <Money value={p.expenditure} /> ÷ net funded{' '}
        <Money value={p.netFunded} /> (transferred <Money value={p.transferred} /> − refunded{' '}
        <Money value={p.refunded} />
        ).
      </Text>
      <Tabs
        value={tab}
        onChange={(v) => setParams({ tab: v ?? 'money' }, { replace: true })}
        keepMounted={false}
      >
        <TabsList mb="md" active={tab}>
          <Tabs.Tab value="money">Money by PUNO</Tabs.Tab>
          <Tabs.Tab value="expenditure">Expenditure reports</Tabs.Tab>
          <Tabs.Tab value="results">Results</Tabs.Tab>
        </TabsList>
        <Tabs.Panel value="money">
          <Grid gap="lg">
            <Grid.Col span={12}>
              <Section title="By Participating UN Organization">
                <ListTable>
                  <Table miw={960} aria-label="Money by PUNO">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>PUNO</Table.Th>
                        <Table.Th className="num">Allocated</Table.Th>
                        <Table.Th className="num">Transferred</Table.Th>
                        <Table.Th className="num">Not yet transferred</Table.Th>
                        <Table.Th className="num">Refunded</Table.Th>
                        <Table.Th className="num">Net funded</Table.Th>
                        <Table.Th className="num">Expenditure</Table.Th>
                        <Table.Th className="num">Delivery</Table.Th>
                        <Table.Th className="num">Balance held</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {p.organizations.map((o) => (
                        <Table.Tr key={o.orgCode} data-testid={`puno-${o.orgCode}`}>
                          <Table.Td>
                            <Text size="sm" fw={600}>
                              {o.orgCode}
                            </Text>
                            <Text size="xs" c="dimmed">
                              {o.name}
                            </Text>
                          </Table.Td>
                          <Table.Td className="num">
                            <Money value={o.allocated} currency={null} />
                          </Table.Td>
                          <Table.Td className="num">
                            <Money value={o.transferred} currency={null} />
                          </Table.Td>
                          <Table.Td className="num">
                            <Money value={o.untransferred} currency={null} />
                          </Table.Td>
                          <Table.Td className="num">
                            <Money value={o.refunded} currency={null} />
                          </Table.Td>
                          <Table.Td className="num">
                            <Money value={o.netFunded} currency={null} />
                          </Table.Td>
                          <Table.Td className="num">
                            <Money value={o.expenditure} currency={null} />
                          </Table.Td>
                          <Table.Td className="num">{formatRate(o.deliveryRate)}</Table.Td>
                          <Table.Td className="num">
                            <Money value={o.balance} currency={null} />
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ListTable>
              </Section>
            </Grid.Col>
            <Grid.Col span={12}>
              <Section
                title="Movements"
                description="Allocations decided by the Steering Committee, transfers to PUNOs and refunds; an entry recorded by mistake is reversed by one of the opposite sign."
              >
                {p.movements.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    No allocation or transfer yet.
                  </Text>
                ) : (
                  <ListTable>
                    <Table fz="sm" aria-label="Movements">
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>Date</Table.Th>
                          <Table.Th>Movement</Table.Th>
                          <Table.Th>PUNO</Table.Th>
                          <Table.Th className="num">Amount (US$)</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {[...p.movements].reverse().map((m) => (
                          <Table.Tr key={m.id} opacity={m.reversedBy || m.reverses ? 0.55 : 1}>
                            <Table.Td>{formatDate(m.date)}</Table.Td>
                            <Table.Td>
                              <Badge
                                size="sm"
                                variant="light"
                                color={m.kind === 'TRANSFER' ? 'teal' : m.kind === 'REFUND' ? 'orange' : 'un'}
                                c="dark.7"
                              >
                                {m.kind === 'TRANSFER'
                                  ? 'Transfer'
                                  : m.kind === 'REFUND'
                                    ? 'Refund'
                                    : 'Allocation'}
                              </Badge>
                              <ReversalBadge record={m} />
                            </Table.Td>
                            <Table.Td>{m.orgCode}</Table.Td>
                            <Table.Td className="num">
                              <Money value={m.amount} currency={null} />
                            </Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </ListTable>
                )}
              </Section>
            </Grid.Col>
          </Grid>
        </Tabs.Panel>
        <Tabs.Panel value="expenditure">
          <ExpenditureReports programmeId={p.id} />
        </Tabs.Panel>
        <Tabs.Panel value="results">
          <Section
            title="Results matrix"
            description="Outcomes, outputs and indicators with targets per period and the actuals reported."
          >
            <ResultsMatrix
              proposalId={p.id}
              canEdit={can('results.edit') && (mine || can('actual.approve'))}
              canReport={can('actual.submit') && mine}
            />
          </Section>
        </Tabs.Panel>
      </Tabs>
      {movement && <MovementModal programme={p} kind={movement} onClose={() => setMovement(null)} />}
      {expenditureOpen && (
        <ExpenditureModal
          programme={p}
          orgCode={user?.organizationCode ?? ''}
          onClose={() => setExpenditureOpen(false)}
        />
      )}
    </Stack>
  );
}

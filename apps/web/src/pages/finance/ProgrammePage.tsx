import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  Modal,
  NumberInput,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconCash, IconReceipt } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError, data, errorMessage, http } from '../../api/client';
import { fundQueries } from '../../api/queries/fund';
import { programmeQueries } from '../../api/queries/programmes';
import { useReference } from '../../api/reference';
import type { ProgrammeDetail } from '../../api/models';
import { useAuth } from '../../auth/auth';
import { EmptyState, ErrorState, LoadingState, QueryState } from '../../components/states';
import { Money, PageHeader, ReversalBadge, Section, StatTile, StatusBadge } from '../../components/ui';
import { formatDate, formatDateTime, today } from '../../lib/format';
import {
  amountForApi,
  formatMoney,
  formatMoneyShort,
  formatRate,
  isEntered,
  parseMoney,
  parseMoneyInput,
  typedTotal,
} from '../../lib/money';
import { ResultsMatrix } from '../results/ResultsMatrix';

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
            · TA{p.thematicAreaCode} {ref.areaTitle(p.thematicAreaCode)} ·{' '}
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
            <Button variant="subtle" component={Link} to={`/proposals/${p.id}`}>
              Proposal
            </Button>
          </>
        }
      />
      <SimpleGrid cols={{ base: 2, md: 5 }}>
        <StatTile label="Allocated" value={formatMoneyShort(p.allocated)} testId="tile-allocated" />
        <StatTile
          label="Transferred"
          value={formatMoneyShort(p.transferred)}
          color="teal"
          testId="tile-transferred"
        />
        <StatTile
          label="Net funded"
          value={formatMoneyShort(p.netFunded)}
          color="cyan"
          hint="Transfers − refunds"
        />
        <StatTile label="Expenditure" value={formatMoneyShort(p.expenditure)} color="grape" />
        <StatTile
          label="Delivery rate"
          value={formatRate(p.deliveryRate)}
          color="orange"
          hint="Expenditure ÷ net funded"
        />
      </SimpleGrid>
      <Tabs
        value={tab}
        onChange={(v) => setParams({ tab: v ?? 'money' }, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="money">Money by PUNO</Tabs.Tab>
          <Tabs.Tab value="expenditure">Expenditure reports</Tabs.Tab>
          <Tabs.Tab value="results">Results</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="money">
          <Grid gap="lg">
            <Grid.Col span={12}>
              <Section title="By Participating UN Organization">
                <ScrollArea>
                  <Table miw={720} aria-label="Money by PUNO">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>PUNO</Table.Th>
                        <Table.Th className="num">Allocated</Table.Th>
                        <Table.Th className="num">Transferred</Table.Th>
                        <Table.Th className="num">Not yet transferred</Table.Th>
                        <Table.Th className="num">Expenditure</Table.Th>
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
                            <Money value={o.expenditure} currency={null} />
                          </Table.Td>
                          <Table.Td className="num">
                            <Money value={o.balance} currency={null} />
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollArea>
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
                  <Table fz="sm" aria-label="Movements">
                    <Table.Tbody>
                      {[...p.movements].reverse().map((m) => (
                        <Table.Tr key={m.id} opacity={m.reversedBy || m.reverses ? 0.55 : 1}>
                          <Table.Td>{formatDate(m.date)}</Table.Td>
                          <Table.Td>
                            <Badge
                              size="sm"
                              variant="light"
                              color={m.kind === 'TRANSFER' ? 'teal' : m.kind === 'REFUND' ? 'orange' : 'un'}
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

function MovementModal({
  programme,
  kind,
  onClose,
}: {
  programme: ProgrammeDetail;
  kind: 'TRANSFER' | 'REFUND';
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [orgCode, setOrgCode] = useState<string | null>(
    programme.organizations.find((o) => parseMoney(o.untransferred) > 0n)?.orgCode ??
      programme.organizations[0]?.orgCode ??
      null,
  );
  const puno = programme.organizations.find((o) => o.orgCode === orgCode);
  const [amount, setAmount] = useState('');
  const [date, setDate] = useState(today());
  const record = useMutation({
    mutationFn: () =>
      data(
        http.POST(
          kind === 'TRANSFER' ? '/api/v1/programmes/{id}/transfers' : '/api/v1/programmes/{id}/refunds',
          {
            params: { path: { id: programme.id } },
            body: { orgCode: orgCode ?? '', amount: amountForApi(amount), date },
          },
        ),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: programmeQueries.detail(programme.id).queryKey });
      void queryClient.invalidateQueries({ queryKey: programmeQueries.lists() });
      void queryClient.invalidateQueries({ queryKey: fundQueries.all() });
      notifications.show({
        color: 'teal',
        title: kind === 'TRANSFER' ? 'Transfer recorded' : 'Refund recorded',
        message: `${formatMoney(amountForApi(amount))} ${kind === 'TRANSFER' ? 'to' : 'from'} ${orgCode}.`,
      });
      onClose();
    },
  });
  const invalid = amount !== '' && parseMoneyInput(amount) === null;
  return (
    <Modal
      opened
      onClose={onClose}
      title={
        <Title order={2} size="h4">
          {kind === 'TRANSFER' ? 'Record a transfer to a PUNO' : 'Record a refund from a PUNO'}
        </Title>
      }
      centered
    >
      <Stack>
        <Select
          label="PUNO"
          data={programme.organizations.map((o) => ({ value: o.orgCode, label: `${o.orgCode} — ${o.name}` }))}
          value={orgCode}
          onChange={setOrgCode}
          allowDeselect={false}
        />
        {puno && kind === 'TRANSFER' && (
          <Text size="sm" c="dimmed">
            Allocated {formatMoney(puno.allocated)} · not yet transferred{' '}
            <Text span fw={700} c="dark">
              {formatMoney(puno.untransferred)}
            </Text>
          </Text>
        )}
        <Group grow align="flex-start">
          <TextInput
            label="Amount (US$)"
            required
            inputMode="decimal"
            placeholder="250000.00"
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
            error={invalid ? 'Amount like 250000.00' : undefined}
            rightSection={
              puno && kind === 'TRANSFER' ? (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => setAmount(puno.untransferred)}
                  aria-label="Use the full untransferred amount"
                >
                  all
                </Button>
              ) : undefined
            }
            rightSectionWidth={44}
          />
          <TextInput
            type="date"
            label="Value date"
            required
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
          />
        </Group>
        {record.error && (
          <Alert
            color="red"
            title={
              record.error instanceof ApiError && record.error.status === 409
                ? 'Not enough money'
                : 'Not recorded'
            }
            role="alert"
          >
            {errorMessage(record.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            onClick={() => record.mutate()}
            loading={record.isPending}
            disabled={!orgCode || !amount || invalid}
          >
            {kind === 'TRANSFER' ? 'Record transfer' : 'Record refund'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ExpenditureReports({ programmeId }: { programmeId: string }) {
  const ref = useReference();
  const query = useQuery({
    ...programmeQueries.expenditures(programmeId),
  });
  return (
    <Section
      title="Expenditure reports"
      description="Annual expenditure by budget category, per PUNO. A new version of a year replaces the previous one; earlier versions are kept."
    >
      <QueryState
        query={query}
        empty={(data) =>
          data.length === 0 && (
            <EmptyState
              title="No expenditure reported yet"
              description="Each PUNO reports its annual expenditure by 30 April of the next year."
            />
          )
        }
      >
        {(data) => (
          <ScrollArea>
            <Table miw={760} aria-label="Expenditure reports">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Year</Table.Th>
                  <Table.Th>PUNO</Table.Th>
                  <Table.Th>Version</Table.Th>
                  <Table.Th>By category</Table.Th>
                  <Table.Th className="num">Total</Table.Th>
                  <Table.Th>Submitted</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.map((r) => (
                  <Table.Tr key={r.id} opacity={r.current && !r.reverses ? 1 : 0.55}>
                    <Table.Td>{r.year}</Table.Td>
                    <Table.Td>{r.orgCode}</Table.Td>
                    <Table.Td>
                      v{r.version}{' '}
                      {r.current ? (
                        <Badge size="xs" color="teal">
                          current
                        </Badge>
                      ) : (
                        <Badge size="xs" color="gray">
                          superseded
                        </Badge>
                      )}
                      <ReversalBadge record={r} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">
                        {r.lines
                          .map((l) => `${l.categoryCode}: ${formatMoney(l.amount, { currency: null })}`)
                          .join(' · ')}
                      </Text>
                    </Table.Td>
                    <Table.Td className="num">
                      <Money value={r.total} currency={null} strong />
                    </Table.Td>
                    <Table.Td>{formatDateTime(r.submittedAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        )}
      </QueryState>
      {ref.categories.length === 0 && null}
    </Section>
  );
}

function ExpenditureModal({
  programme,
  orgCode,
  onClose,
}: {
  programme: ProgrammeDetail;
  orgCode: string;
  onClose: () => void;
}) {
  const ref = useReference();
  const queryClient = useQueryClient();
  const [year, setYear] = useState<number | string>(new Date().getUTCFullYear());
  const [lines, setLines] = useState<Record<number, string>>({});
  const total = typedTotal(Object.values(lines));
  const record = useMutation({
    mutationFn: () =>
      data(
        http.POST('/api/v1/programmes/{id}/expenditures', {
          params: { path: { id: programme.id } },
          body: {
            orgCode,
            year: Number(year),
            lines: Object.entries(lines)
              .filter(([, a]) => isEntered(a))
              .map(([categoryCode, a]) => ({
                categoryCode: Number(categoryCode),
                amount: amountForApi(a),
              })),
          },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: programmeQueries.detail(programme.id).queryKey });
      void queryClient.invalidateQueries({ queryKey: fundQueries.all() });
      notifications.show({ color: 'teal', message: `Expenditure of ${orgCode} for ${year} recorded.` });
      onClose();
    },
  });
  const puno = programme.organizations.find((o) => o.orgCode === orgCode);
  return (
    <Modal
      opened
      onClose={onClose}
      title={
        <Title order={2} size="h4">
          Report expenditure — {orgCode}
        </Title>
      }
      size="lg"
      centered
    >
      <Stack>
        {puno && (
          <Text size="sm" c="dimmed">
            Net funded to {orgCode}: {formatMoney(puno.netFunded)} · reported so far{' '}
            {formatMoney(puno.expenditure)}
          </Text>
        )}
        <NumberInput
          label="Year"
          value={year}
          onChange={setYear}
          min={2015}
          max={2100}
          allowDecimal={false}
          w={140}
        />
        <Table aria-label="Expenditure by category">
          <Table.Tbody>
            {ref.categories.map((c) => (
              <Table.Tr key={c.code}>
                <Table.Td>
                  <Text size="sm">
                    {c.code}. {c.title}
                  </Text>
                </Table.Td>
                <Table.Td w={180}>
                  <TextInput
                    aria-label={c.title}
                    inputMode="decimal"
                    placeholder="0.00"
                    size="xs"
                    value={lines[c.code] ?? ''}
                    onChange={(e) => setLines({ ...lines, [c.code]: e.currentTarget.value })}
                    error={lines[c.code] && parseMoneyInput(lines[c.code]) === null ? true : undefined}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text fw={700}>
          Total <Money value={total} strong />
        </Text>
        {record.error && (
          <Alert color="red" title="Not recorded">
            {errorMessage(record.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => record.mutate()} loading={record.isPending} disabled={total === 0n}>
            Submit expenditure
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

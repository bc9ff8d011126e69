import { BarChart } from '@mantine/charts';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Divider,
  Grid,
  Group,
  Modal,
  Radio,
  ScrollArea,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileTypePdf, IconGavel } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, data, errorMessage, http } from '../../api/client';
import { fundQueries } from '../../api/queries/fund';
import { meetingQueries } from '../../api/queries/meetings';
import { proposalQueries } from '../../api/queries/proposals';
import { AREA_SHORT, useReference } from '../../api/reference';
import type { DecisionOutcome, DecisionPack, PackProposal } from '../../api/models';
import { useAuth } from '../../auth/auth';
import { RECOMMENDATION_COLOR, RECOMMENDATION_LABEL, score } from '../../components/ReviewsPanel';
import { ErrorState, LoadingState } from '../../components/states';
import { Money, PageHeader, Section, StatTile, StatusBadge } from '../../components/ui';
import { formatDate, formatDateTime } from '../../lib/format';
import { AgendaEditor } from './AgendaEditor';
import {
  amountForApi,
  formatMoney,
  formatMoneyShort,
  isEntered,
  parseMoney,
  parseMoneyInput,
  typedTotal,
} from '../../lib/money';

const OUTCOME_LABEL: Record<DecisionOutcome, string> = {
  APPROVED: 'Approve and allocate',
  PIPELINE: 'Endorse into the pipeline (no funds yet)',
  REVISION_REQUESTED: 'Request a revision',
  REJECTED: 'Reject',
};
/** What the decision made of the proposal, for the badge on the pack. */
const OUTCOME_DONE: Record<DecisionOutcome, string> = {
  APPROVED: 'approved',
  PIPELINE: 'in the pipeline',
  REVISION_REQUESTED: 'revision requested',
  REJECTED: 'rejected',
};
const OUTCOME_COLOR: Record<string, string> = {
  APPROVED: 'teal',
  PIPELINE: 'grape',
  REVISION_REQUESTED: 'orange',
  REJECTED: 'red',
};

const pct = (value: string | number | undefined) => Math.round(Number(value ?? 0) * 1000) / 10;

export function MeetingPage() {
  const { id = '' } = useParams();
  const { can, hasRole } = useAuth();
  const hasChairRole = hasRole('SC_CHAIR');
  const ref = useReference();
  const meeting = useQuery(meetingQueries.detail(id!));
  const pack = useQuery(meetingQueries.pack(id!));
  const [deciding, setDeciding] = useState<PackProposal | null>(null);

  if (meeting.isLoading || pack.isLoading) return <LoadingState label="Preparing the decision pack…" />;
  if (meeting.error) return <ErrorState error={meeting.error} onRetry={() => void meeting.refetch()} />;
  if (pack.error) return <ErrorState error={pack.error} onRetry={() => void pack.refetch()} />;
  const m = meeting.data!;
  const p = pack.data!;

  return (
    <Stack gap="lg">
      <PageHeader
        crumbs={[{ label: 'Meetings', to: '/meetings' }, { label: m.title }]}
        title={m.title}
        description={`Decision pack for the meeting of ${formatDate(m.date)}: ${p.proposals.length} proposal${p.proposals.length === 1 ? '' : 's'} on the agenda. The Steering Committee decides by consensus; the chair records each decision with its justification.`}
        actions={
          can('report.generate') && (
            <Button
              component={Link}
              to={`/reports?type=DECISION_PACK&meetingId=${m.id}`}
              variant="light"
              leftSection={<IconFileTypePdf size={18} />}
            >
              Decision pack as PDF
            </Button>
          )
        }
      />
      {can('meeting.manage') && (
        <AgendaEditor
          key={m.agenda.map((item) => item.proposalId).join()}
          meetingId={m.id}
          date={m.date}
          agenda={m.agenda}
          decided={m.decisionCount > 0}
        />
      )}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <StatTile
          label="Funds available for allocation"
          value={formatMoney(p.availableFunds)}
          testId="available-funds"
          color="teal"
        />
        <StatTile
          label="Requested on this agenda"
          value={formatMoneyShort(p.proposals.reduce((s, x) => s + parseMoney(x.budget.total), 0n))}
        />
        <StatTile
          label="Already allocated (portfolio)"
          value={p.allocatedTotal ? formatMoneyShort(p.allocatedTotal) : '—'}
          color="grape"
        />
      </SimpleGrid>

      <Section
        title="Proposals side by side"
        description="Budget, markers, the weighted review score and the members' recommendations."
      >
        <ScrollArea viewportProps={{ tabIndex: 0, 'aria-label': 'Proposals side by side' }}>
          <SimpleGrid cols={{ base: 1, md: Math.min(3, Math.max(1, p.proposals.length)) }}>
            {p.proposals.map((item) => (
              <Card key={item.proposalId} withBorder radius="md" padding="md" data-testid="pack-proposal">
                <Group justify="space-between" align="flex-start" wrap="nowrap">
                  <div>
                    <Anchor
                      component={Link}
                      to={`/proposals/${item.proposalId}`}
                      ff="monospace"
                      fw={700}
                      size="sm"
                    >
                      {item.reference}
                    </Anchor>
                    <Text fw={600} size="sm" lineClamp={2}>
                      {item.title}
                    </Text>
                  </div>
                  <StatusBadge status={item.status} size="sm" />
                </Group>
                <Divider my="sm" />
                <Table verticalSpacing={4} fz="sm" withRowBorders={false}>
                  <Table.Tbody>
                    <Table.Tr>
                      <Table.Td c="dimmed" w={110}>
                        Area
                      </Table.Td>
                      <Table.Td>
                        TA{item.thematicAreaCode} · {AREA_SHORT[String(item.thematicAreaCode)]}
                      </Table.Td>
                    </Table.Tr>
                    <Table.Tr>
                      <Table.Td c="dimmed">Where</Table.Td>
                      <Table.Td>
                        {item.countryCodes.map(ref.countryName).join(', ') || 'Global'}
                        {item.regions?.length ? ` (${item.regions.join(', ')})` : ''}
                      </Table.Td>
                    </Table.Tr>
                    <Table.Tr>
                      <Table.Td c="dimmed">PUNOs</Table.Td>
                      <Table.Td>{item.participatingOrgCodes.join(', ')}</Table.Td>
                    </Table.Tr>
                    <Table.Tr>
                      <Table.Td c="dimmed">Budget</Table.Td>
                      <Table.Td>
                        <Money value={item.budget.total} strong />
                      </Table.Td>
                    </Table.Tr>
                    <Table.Tr>
                      <Table.Td c="dimmed">Markers</Table.Td>
                      <Table.Td>
                        G {item.markers.gender} · HR {item.markers.humanRights} · CS{' '}
                        {item.markers.childSensitivity}
                      </Table.Td>
                    </Table.Tr>
                    <Table.Tr>
                      <Table.Td c="dimmed">Score</Table.Td>
                      {item.reviewVisibility === 'OWN_ONLY' ? (
                        <Table.Td c="dimmed" data-testid="score-hidden">
                          Shown once you have reviewed it (never while you are recused)
                        </Table.Td>
                      ) : (
                        <Table.Td>
                          <Text fw={700} span>
                            {score(item.weightedScore)}
                          </Text>{' '}
                          / 100 · {item.reviewCount} review{item.reviewCount === 1 ? '' : 's'}
                        </Table.Td>
                      )}
                    </Table.Tr>
                  </Table.Tbody>
                </Table>
                {item.recommendations && (
                  <Group gap={6} mt="xs">
                    {(['APPROVE', 'REVISE', 'REJECT'] as const).map((r) => (
                      <Badge
                        key={r}
                        color={r === 'REVISE' ? '#9c3a06' : `${RECOMMENDATION_COLOR[r]}.9`}
                        variant="outline"
                      >
                        {RECOMMENDATION_LABEL[r]} {item.recommendations?.[r] ?? 0}
                      </Badge>
                    ))}
                  </Group>
                )}
                {item.fundable === false && (
                  <Text size="xs" c="orange.9" mt="xs">
                    Above the funds available to its thematic area
                    {item.availableForArea ? ` (${formatMoney(item.availableForArea)})` : ''}.
                  </Text>
                )}
                <Divider my="sm" />
                {item.decision ? (
                  <Group gap="sm">
                    <Badge
                      color={OUTCOME_COLOR[item.decision.outcome] ?? 'gray'}
                      size="lg"
                      variant="filled"
                      data-testid="decision-badge"
                    >
                      Decided: {OUTCOME_DONE[item.decision.outcome]}
                    </Badge>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(item.decision.decidedAt)}
                    </Text>
                  </Group>
                ) : can('decision.record') && item.recordableAs ? (
                  <Button
                    leftSection={<IconGavel size={18} />}
                    onClick={() => setDeciding(item)}
                    aria-label={`Record the decision on ${item.reference}`}
                  >
                    {item.recordableAs === 'ACTING_CHAIR'
                      ? 'Record decision as acting chair'
                      : 'Record decision'}
                  </Button>
                ) : (
                  <Text size="sm" c="dimmed">
                    {item.recordableAs === null && can('decision.record') && hasChairRole
                      ? 'You are recused: a member who is not recused records it as acting chair'
                      : "Awaiting the chair's decision"}
                  </Text>
                )}
              </Card>
            ))}
          </SimpleGrid>
        </ScrollArea>
      </Section>

      <BalanceCharts pack={p} />

      {deciding && (
        <DecisionModal
          meetingId={m.id}
          proposal={deciding}
          available={p.availableFunds}
          onClose={() => setDeciding(null)}
        />
      )}
    </Stack>
  );
}

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

function BalanceCharts({ pack }: { pack: DecisionPack }) {
  const [selected, setSelected] = useState<string>(pack.proposals[0]?.proposalId ?? '');
  const ifApproved = pack.balance.ifApproved[selected];
  const current = pack.balance.current;
  const areaData = shareRows(current.byThematicArea, ifApproved?.byThematicArea, (key) => ({
    group: `TA${key}`,
    label: `TA${key} ${AREA_SHORT[key] ?? ''}`.trim(),
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
          <SegmentedControl
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
            unit=" %"
            tickLine="y"
            gridAxis="y"
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
            unit=" %"
            tickLine="y"
            gridAxis="y"
            aria-label="Balance by region"
          />
        </Grid.Col>
      </Grid>
      <ScrollArea mt="md" viewportProps={{ tabIndex: 0, 'aria-label': 'Portfolio balance' }}>
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
      </ScrollArea>
    </Section>
  );
}

function DecisionModal({
  meetingId,
  proposal,
  available,
  onClose,
}: {
  meetingId: string;
  proposal: PackProposal;
  available: string;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<DecisionOutcome>('APPROVED');
  const [justification, setJustification] = useState('');
  const [conditions, setConditions] = useState('');
  const [amounts, setAmounts] = useState<Record<string, string>>(() =>
    Object.fromEntries(proposal.budget.byOrganization.map((o) => [o.orgCode, o.total])),
  );
  const total = typedTotal(Object.values(amounts));
  const decide = useMutation({
    mutationFn: () =>
      data(
        http.POST('/api/v1/proposals/{id}/decision', {
          params: { path: { id: proposal.proposalId } },
          body: {
            outcome,
            justification,
            meetingId,
            conditions: conditions || undefined,
            allocations:
              outcome === 'APPROVED'
                ? Object.entries(amounts)
                    .filter(([, a]) => isEntered(a))
                    .map(([orgCode, a]) => ({ orgCode, amount: amountForApi(a) }))
                : undefined,
          },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: meetingQueries.detail(meetingId).queryKey });
      void queryClient.invalidateQueries({ queryKey: proposalQueries.detail(proposal.proposalId).queryKey });
      void queryClient.invalidateQueries({ queryKey: fundQueries.pipeline().queryKey });
      void queryClient.invalidateQueries({ queryKey: fundQueries.all() });
      notifications.show({
        color: 'teal',
        title: 'Decision recorded',
        message: `${proposal.reference}: ${OUTCOME_LABEL[outcome].toLowerCase()}.`,
      });
      onClose();
    },
  });
  const error = decide.error;
  const availableDetail =
    error instanceof ApiError ? error.details.find((d) => d.rule === 'AVAILABLE_FUNDS') : undefined;
  const invalid = Object.values(amounts).some((a) => a !== '' && parseMoneyInput(a) === null);

  return (
    <Modal
      opened
      onClose={onClose}
      title={
        <Title order={2} size="h4">
          Decision on {proposal.reference}
        </Title>
      }
      size="lg"
      centered
    >
      <Stack>
        <Text size="sm">{proposal.title}</Text>
        <Radio.Group
          label="Outcome"
          value={outcome}
          onChange={(v) => setOutcome(v as DecisionOutcome)}
          withAsterisk
        >
          <Stack gap={6} mt={6}>
            {(Object.keys(OUTCOME_LABEL) as DecisionOutcome[]).map((o) => (
              <Radio key={o} value={o} label={OUTCOME_LABEL[o]} />
            ))}
          </Stack>
        </Radio.Group>
        {outcome === 'APPROVED' && (
          <Stack gap="xs">
            <Text size="sm" fw={500}>
              Allocations (US$, at most each PUNO's budget)
            </Text>
            {proposal.budget.byOrganization.map((o) => (
              <Group key={o.orgCode} gap="sm" wrap="nowrap">
                <Text w={110} size="sm" fw={600}>
                  {o.orgCode}
                </Text>
                <TextInput
                  aria-label={`Allocation to ${o.orgCode}`}
                  value={amounts[o.orgCode] ?? ''}
                  onChange={(e) => setAmounts({ ...amounts, [o.orgCode]: e.currentTarget.value })}
                  error={
                    amounts[o.orgCode] && parseMoneyInput(amounts[o.orgCode]) === null
                      ? 'Amount like 125000.00'
                      : undefined
                  }
                  style={{ flex: 1 }}
                  inputMode="decimal"
                />
                <Text size="xs" c="dimmed" w={150}>
                  of {formatMoney(o.total)}
                </Text>
              </Group>
            ))}
            <Group justify="space-between">
              <Text size="sm">
                Total <Money value={total} strong />
              </Text>
              <Text size="sm" c={total > parseMoney(available) ? 'red.9' : 'dimmed'}>
                Available {formatMoney(available)}
              </Text>
            </Group>
          </Stack>
        )}
        <Textarea
          label="Justification"
          description="Kept in the append-only decision record."
          required
          autosize
          minRows={3}
          value={justification}
          onChange={(e) => setJustification(e.currentTarget.value)}
        />
        {outcome === 'APPROVED' && (
          <Textarea
            label="Conditions (optional)"
            autosize
            minRows={2}
            value={conditions}
            onChange={(e) => setConditions(e.currentTarget.value)}
          />
        )}
        {error && (
          <Alert color="red" title="The decision was not recorded" role="alert">
            <Text size="sm">{errorMessage(error)}</Text>
            {availableDetail && (
              <Text size="sm" fw={600}>
                Funds available: {formatMoney(String(availableDetail.available))}
              </Text>
            )}
            {error instanceof ApiError &&
              error.details
                .filter((d) => d.rule !== 'AVAILABLE_FUNDS')
                .map((d, i) => (
                  <Text size="sm" key={i}>
                    • {d.message}
                  </Text>
                ))}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color={OUTCOME_COLOR[outcome]}
            onClick={() => decide.mutate()}
            loading={decide.isPending}
            disabled={!justification.trim() || (outcome === 'APPROVED' && (invalid || total === 0n))}
          >
            Record decision
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

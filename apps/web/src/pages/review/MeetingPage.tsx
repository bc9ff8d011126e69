import {
  Anchor,
  Badge,
  Button,
  Card,
  Divider,
  Group,
  ScrollArea,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { IconFileTypePdf, IconGavel } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { meetingQueries } from '../../api/queries/meetings';
import { useReference } from '../../api/reference';
import type { PackProposal } from '../../api/models';
import { useAuth } from '../../auth/auth';
import { RECOMMENDATION_COLOR, RECOMMENDATION_LABEL, score } from '../../components/ReviewsPanel';
import { ErrorState, LoadingState } from '../../components/states';
import { Money, PageHeader, Section, StatTile, StatusBadge } from '../../components/ui';
import { formatDate, formatDateTime } from '../../lib/format';
import { formatMoney, formatMoneyShort, parseMoney } from '../../lib/money';
import { OUTCOME_COLOR, OUTCOME_DONE } from './meeting-labels';
import { BalanceCharts } from './BalanceCharts';
import { DecisionModal } from './DecisionModal';
import { AgendaEditor } from './AgendaEditor';

export function MeetingPage() {
  const { id = '' } = useParams();
  const { can } = useAuth();
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
                {/* The title wraps in full: a member decides on what it says, never on "…". */}
                <Group justify="space-between" align="flex-start" wrap="nowrap">
                  <div style={{ flex: 1, minWidth: 0 }}>
                    <Anchor
                      component={Link}
                      to={`/proposals/${item.proposalId}`}
                      ff="monospace"
                      fw={700}
                      size="sm"
                    >
                      {item.reference}
                    </Anchor>
                    <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
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
                      <Table.Td>{ref.areaLabel(item.thematicAreaCode)}</Table.Td>
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
                    aria-label={`${recordLabel(item.recordableAs)} on ${item.reference}`}
                  >
                    {recordLabel(item.recordableAs)}
                  </Button>
                ) : (
                  <Text size="sm" c="dimmed">
                    {item.recordableAs === null && can('decision.chair')
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

/** The decision button's words; its accessible name starts with them and adds the proposal. */
function recordLabel(recordableAs: string): string {
  return recordableAs === 'ACTING_CHAIR' ? 'Record decision as acting chair' : 'Record decision';
}

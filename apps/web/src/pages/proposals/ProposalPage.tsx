import { Button, Grid, SimpleGrid, Stack, Table, Tabs, Text } from '@mantine/core';
import { IconChartBar, IconClipboardCheck, IconEdit, IconInbox } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { proposalQueries } from '../../api/queries/proposals';
import { useReference } from '../../api/reference';
import { useAuth } from '../../auth/auth';
import { AuditTable } from '../../components/AuditTable';
import { ReviewsPanel } from '../../components/ReviewsPanel';
import { ErrorState, LoadingState } from '../../components/states';
import { Field, Money, PageHeader, Section, StatusBadge } from '../../components/ui';
import { EDITABLE_STATUSES, formatDate, SCOPE_LABEL, STAGE_LABEL } from '../../lib/format';
import { DocumentsPanel } from './DocumentsPanel';
import { EligibilityCheck, LatestComment, TimelineView } from './ProposalStatusPanels';
import { RevisionsView } from './RevisionsView';
import { WithdrawButton } from './WithdrawButton';
import { ListTable } from '../../components/ListTable';
import { TabsList } from '../../components/TabsList';

const PROGRAMME_STATUSES = ['APPROVED', 'ACTIVE', 'OPERATIONALLY_CLOSED', 'FINANCIALLY_CLOSED'];
const WITHDRAWABLE = ['DRAFT', 'SUBMITTED', 'UNDER_REVIEW', 'RETURNED', 'REVISION_REQUESTED', 'PIPELINE'];
const MARKER_TEXT = ['0 — none', '1 — limited', '2 — significant', '3 — principal'];

export function ProposalPage() {
  const { id = '' } = useParams();
  const { user, can } = useAuth();
  const ref = useReference();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'overview';
  const proposal = useQuery({
    ...proposalQueries.detail(id!),
  });
  // A member recused from it (own agency, declared conflict) gets the reason instead of "Review".
  const reviewable = can('review.create') && proposal.data?.status === 'UNDER_REVIEW';
  const recusal = useQuery({ ...proposalQueries.recusal(id), enabled: reviewable });

  if (proposal.isLoading) return <LoadingState label="Loading the proposal…" />;
  if (proposal.error) return <ErrorState error={proposal.error} onRetry={() => void proposal.refetch()} />;
  const p = proposal.data!;
  const mine = !!user?.organizationCode && p.participatingOrgCodes.includes(user.organizationCode);
  const editable = can('proposal.create') && mine && EDITABLE_STATUSES.includes(p.status);
  const convener = can('proposal.create') && user?.organizationCode === p.convenerCode;

  return (
    <Stack gap="lg">
      <PageHeader
        crumbs={[{ label: 'Proposals', to: '/proposals' }, { label: p.reference }]}
        title={p.title}
        badge={<StatusBadge status={p.status} size="lg" />}
        description={
          <>
            <Text span ff="monospace" fw={600}>
              {p.reference}
            </Text>{' '}
            · {STAGE_LABEL[p.stage]} · {SCOPE_LABEL[p.scope]} · convened by {p.convenerCode}
            {p.version > 0 ? ` · revision ${p.version}` : ' · never submitted'}
          </>
        }
        actions={
          <>
            {editable && (
              <Button component={Link} to={`/proposals/${p.id}/edit`} leftSection={<IconEdit size={18} />}>
                {p.status === 'DRAFT' ? 'Continue editing' : 'Revise proposal'}
              </Button>
            )}
            {can('proposal.screen') && p.status === 'SUBMITTED' && (
              <Button
                component={Link}
                to={`/screening?proposal=${p.id}`}
                leftSection={<IconInbox size={18} />}
              >
                Screen
              </Button>
            )}
            {reviewable && recusal.data?.recused && (
              <Text size="sm" c="dimmed" data-testid="recused-note">
                {recusal.data.reason === 'PUNO'
                  ? 'You are recused from reviewing this proposal: your organization participates in it.'
                  : 'You are recused from reviewing this proposal: you declared a conflict of interest.'}
              </Text>
            )}
            {reviewable && recusal.data && !recusal.data.recused && (
              <Button
                component={Link}
                to={`/proposals/${p.id}/review`}
                leftSection={<IconClipboardCheck size={18} />}
              >
                Review
              </Button>
            )}
            {PROGRAMME_STATUSES.includes(p.status) && can('programme.read') && (
              <Button
                component={Link}
                to={`/programmes/${p.id}`}
                variant="light"
                leftSection={<IconChartBar size={18} />}
              >
                Programme, money and results
              </Button>
            )}
            {convener && WITHDRAWABLE.includes(p.status) && <WithdrawButton proposal={p} />}
          </>
        }
      />

      {(p.status === 'RETURNED' || p.status === 'REVISION_REQUESTED') && (
        <LatestComment proposalId={p.id} status={p.status} />
      )}

      <Tabs
        value={tab}
        onChange={(value) => setParams({ tab: value ?? 'overview' }, { replace: true })}
        keepMounted={false}
      >
        <TabsList mb="md" active={tab}>
          <Tabs.Tab value="overview">Overview</Tabs.Tab>
          <Tabs.Tab value="timeline">Status timeline</Tabs.Tab>
          <Tabs.Tab value="revisions">Revisions ({p.revisions.length})</Tabs.Tab>
          <Tabs.Tab value="documents">Documents ({p.documents.length})</Tabs.Tab>
          {can('review.read') && <Tabs.Tab value="reviews">Reviews</Tabs.Tab>}
          {can('audit.read') && <Tabs.Tab value="audit">Audit trail</Tabs.Tab>}
        </TabsList>

        <Tabs.Panel value="overview">
          <Stack gap="lg">
            {editable && <EligibilityCheck proposalId={p.id} />}
            <Grid>
              <Grid.Col span={{ base: 12, lg: 7 }}>
                <Section title="Summary">
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {p.summary || '—'}
                  </Text>
                </Section>
              </Grid.Col>
              <Grid.Col span={{ base: 12, lg: 5 }}>
                <Section title="At a glance">
                  <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
                    <Field label="Thematic area">
                      <Text size="sm">
                        {p.thematicAreaCode}. {ref.areaTitle(p.thematicAreaCode)}
                      </Text>
                    </Field>
                    {/* Each objective by its number and name: a bare "6" says nothing to a member or a donor. */}
                    <Field label="GCM objectives">
                      <Stack gap={4} data-testid="gcm-objectives">
                        {p.gcmObjectiveCodes.length === 0 && <Text size="sm">None chosen yet</Text>}
                        {p.gcmObjectiveCodes.map((code) => (
                          <Text key={code} size="sm">
                            {code}. {ref.objectiveTitle(code)}
                          </Text>
                        ))}
                      </Stack>
                    </Field>
                    <Field label="Countries">
                      <Text size="sm">
                        {p.countryCodes.length ? p.countryCodes.map(ref.countryName).join(', ') : 'Global'}
                      </Text>
                    </Field>
                    <Field label="Duration">
                      <Text size="sm">{p.durationMonths} months</Text>
                    </Field>
                    <Field label="PUNOs">
                      <Text size="sm">{p.participatingOrgCodes.join(', ')}</Text>
                    </Field>
                    <Field label="Government endorsement">
                      <Text size="sm">
                        {p.scope !== 'NATIONAL'
                          ? 'Not required'
                          : p.governmentEndorsement?.endorsed
                            ? `Endorsed ${formatDate(p.governmentEndorsement.date)}`
                            : 'Not recorded'}
                      </Text>
                    </Field>
                    <Field label="Gender marker">
                      <Text size="sm">{MARKER_TEXT[p.markers.gender]}</Text>
                    </Field>
                    <Field label="Human rights marker">
                      <Text size="sm">{MARKER_TEXT[p.markers.humanRights]}</Text>
                    </Field>
                    <Field label="Child sensitivity">
                      <Text size="sm">{MARKER_TEXT[p.markers.childSensitivity]}</Text>
                    </Field>
                    <Field label="Review due">
                      <Text size="sm">{formatDate(p.reviewDueDate)}</Text>
                    </Field>
                  </SimpleGrid>
                </Section>
              </Grid.Col>
            </Grid>
            <Section
              title="Budget by PUNO"
              description={`Indirect support costs at ${(Number(p.indirectRate) * 100).toFixed(1)} % of direct costs.`}
            >
              <ListTable>
                <Table miw={560} aria-label="Budget by PUNO">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>PUNO</Table.Th>
                      <Table.Th className="num">Direct (1–7)</Table.Th>
                      <Table.Th className="num">Indirect (8)</Table.Th>
                      <Table.Th className="num">Total</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {p.budget.byOrganization.map((row) => (
                      <Table.Tr key={row.orgCode}>
                        <Table.Td>
                          <Text size="sm" fw={500}>
                            {row.orgCode}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {ref.orgName(row.orgCode)}
                          </Text>
                        </Table.Td>
                        <Table.Td className="num">
                          <Money value={row.direct} currency={null} />
                        </Table.Td>
                        <Table.Td className="num">
                          <Money value={row.indirect} currency={null} />
                        </Table.Td>
                        <Table.Td className="num">
                          <Money value={row.total} currency={null} strong />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                  <Table.Tfoot>
                    <Table.Tr>
                      <Table.Th>Total</Table.Th>
                      <Table.Td className="num">
                        <Money value={p.budget.direct} currency={null} strong />
                      </Table.Td>
                      <Table.Td className="num">
                        <Money value={p.budget.indirect} currency={null} strong />
                      </Table.Td>
                      <Table.Td className="num">
                        <Money value={p.budget.total} strong />
                      </Table.Td>
                    </Table.Tr>
                  </Table.Tfoot>
                </Table>
              </ListTable>
            </Section>
          </Stack>
        </Tabs.Panel>

        <Tabs.Panel value="timeline">
          <Section title="Status timeline" description="Every change of status, who made it and why.">
            <TimelineView proposalId={p.id} />
          </Section>
        </Tabs.Panel>
        <Tabs.Panel value="revisions">
          <Section
            title="Revisions"
            description="Each submission is kept as a numbered revision. Compare two to see what changed."
          >
            <RevisionsView proposal={p} />
          </Section>
        </Tabs.Panel>
        <Tabs.Panel value="documents">
          <Section title="Documents">
            <DocumentsPanel proposalId={p.id} editable={editable} />
          </Section>
        </Tabs.Panel>
        <Tabs.Panel value="reviews">
          <Section title="Steering Committee reviews">
            <ReviewsPanel proposalId={p.id} />
          </Section>
        </Tabs.Panel>
        <Tabs.Panel value="audit">
          <Section title="Audit trail" description="The append-only record of every change to this proposal.">
            <AuditTable entityType="proposal" entityId={p.id} />
          </Section>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

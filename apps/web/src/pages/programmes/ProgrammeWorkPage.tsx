import { Badge, Button, Group, List, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { data, errorMessage, http } from '../../api/client';
import type { Obligation } from '../../api/models';
import { programmeWorkQueries } from '../../api/queries/programme-work';
import { programmeQueries } from '../../api/queries/programmes';
import { useAuth } from '../../auth/auth';
import { ErrorState, LoadingState, QueryState } from '../../components/states';
import { ListTable } from '../../components/ListTable';
import { PageHeader, Section, StatusBadge } from '../../components/ui';
import { formatDate } from '../../lib/format';
import { ObligationsTable } from './ObligationsTable';
import { describeChange, KIND_LABEL, REVISION_LABEL } from './programme-work-labels';
import { RevisionDecision, RevisionRequestModal } from './RevisionPanels';

/** A programme after approval: its reporting calendar, progress reports, revisions and versions. */
export function ProgrammeWorkPage() {
  const { id = '' } = useParams();
  const { user, can } = useAuth();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [requesting, setRequesting] = useState(false);
  const programme = useQuery(programmeQueries.detail(id));
  const obligations = useQuery(programmeWorkQueries.programmeObligations(id, { pageSize: 200 }));
  const revisions = useQuery(programmeWorkQueries.revisions(id));
  const versions = useQuery(programmeWorkQueries.versions(id));
  const startReport = useMutation({
    mutationFn: (obligationId: string) =>
      data(
        http.POST('/api/v1/programmes/{id}/progress-reports', {
          params: { path: { id } },
          body: { obligationId },
        }),
      ),
    onSuccess: (report) => {
      void client.invalidateQueries({ queryKey: ['programme', id] });
      void navigate(`/progress-reports/${report.id}`);
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Could not start the report', message: errorMessage(error) }),
  });
  if (programme.isLoading) return <LoadingState label="Loading the programme…" />;
  if (programme.error) return <ErrorState error={programme.error} onRetry={() => void programme.refetch()} />;
  const p = programme.data!;
  const convener = !!user?.organizationCode && user.organizationCode === p.convenerCode;
  const writable = (o: Obligation) =>
    convener &&
    can('progress-report.write') &&
    (o.kind === 'ANNUAL_NARRATIVE' || o.kind === 'FINAL_NARRATIVE') &&
    !o.progressReportId;
  const open = revisions.data?.some((r) => r.status === 'SUBMITTED');

  return (
    <Stack gap="lg">
      <PageHeader
        crumbs={[
          { label: 'Programmes', to: '/programmes' },
          { label: p.reference, to: `/programmes/${p.id}` },
          { label: 'Reporting and revisions' },
        ]}
        title={`${p.reference}: reporting and revisions`}
        badge={<StatusBadge status={p.status} size="lg" />}
        description={p.title}
        actions={
          convener &&
          can('revision.request') && (
            <Button onClick={() => setRequesting(true)} disabled={open}>
              Request a revision
            </Button>
          )
        }
      />
      <Section
        title="Reporting calendar"
        description="Annual reports fall due on the fund’s dates the year after; final reports after the operational closure."
      >
        <QueryState
          query={obligations}
          empty={(d) =>
            d.items.length === 0 && (
              <Text c="dimmed">No obligations yet: they come with the first transfer.</Text>
            )
          }
        >
          {(data) => (
            <Stack gap="sm">
              <ObligationsTable items={data.items} showProgramme={false} />
              {data.items.filter(writable).map((o) => (
                <Group key={o.id}>
                  <Button
                    size="xs"
                    variant="light"
                    loading={startReport.isPending}
                    onClick={() => startReport.mutate(o.id)}
                  >
                    Write the {KIND_LABEL[o.kind].toLowerCase()}
                    {o.year ? ` ${o.year}` : ''}
                  </Button>
                </Group>
              ))}
            </Stack>
          )}
        </QueryState>
      </Section>
      <Section
        title="Revisions"
        description="Extensions and budget revisions: the fund unit approves those within its thresholds, the Steering Committee the others."
      >
        <QueryState
          query={revisions}
          empty={(d) => d.length === 0 && <Text c="dimmed">No revision requested.</Text>}
        >
          {(data) => (
            <Stack gap="md">
              {data.map((r) => (
                <Stack key={r.id} gap={4} data-testid={`revision-${r.number}`}>
                  <Group gap="xs">
                    <Text fw={600}>
                      Revision {r.number}: {REVISION_LABEL[r.kind]}
                    </Text>
                    <Badge
                      variant="light"
                      color={r.status === 'APPROVED' ? 'teal' : r.status === 'REJECTED' ? 'red' : 'yellow'}
                    >
                      {r.status === 'SUBMITTED'
                        ? `Waiting for the ${r.route === 'COMMITTEE' ? 'Steering Committee' : 'fund unit'}`
                        : r.status.toLowerCase()}
                    </Badge>
                  </Group>
                  <Text size="sm">{r.justification}</Text>
                  {r.routeReasons.length > 0 && (
                    <Text size="sm" c="dimmed">
                      To the Committee because it {r.routeReasons.map((reason) => reason.message).join('; ')}.
                    </Text>
                  )}
                  <List size="sm" aria-label={`Changes of revision ${r.number}`}>
                    {r.changes.map((change) => (
                      <List.Item key={change.field}>{describeChange(change)}</List.Item>
                    ))}
                  </List>
                  {r.decidedOn && (
                    <Text size="xs" c="dimmed">
                      Decided {formatDate(r.decidedOn)} by {r.decidedBy?.name} (
                      {r.decidedAs?.toLowerCase().replace('_', ' ')}): {r.decisionComment}
                    </Text>
                  )}
                  {r.status === 'SUBMITTED' && <RevisionDecision revision={r} />}
                </Stack>
              ))}
            </Stack>
          )}
        </QueryState>
      </Section>
      <Section
        title="Versions"
        description="The approved proposal and each approved revision; reports use the version in force at their date."
      >
        <QueryState query={versions}>
          {(data) => (
            <ListTable>
              <Table fz="sm" aria-label="Versions">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Version</Table.Th>
                    <Table.Th>In force from</Table.Th>
                    <Table.Th>End date</Table.Th>
                    <Table.Th>What changed</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.map((v) => (
                    <Table.Tr key={v.version}>
                      <Table.Td>
                        {v.version === 0 ? 'Approved proposal' : `${v.version}: ${REVISION_LABEL[v.kind!]}`}
                      </Table.Td>
                      <Table.Td className="nowrap">{formatDate(v.inForceFrom)}</Table.Td>
                      <Table.Td className="nowrap">{formatDate(v.content.endDate)}</Table.Td>
                      <Table.Td>{v.changes.map(describeChange).join(' · ') || '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ListTable>
          )}
        </QueryState>
      </Section>
      <Button
        variant="subtle"
        component={Link}
        to={`/programmes/${p.id}`}
        style={{ alignSelf: 'flex-start' }}
      >
        Back to the programme’s money
      </Button>
      {requesting && <RevisionRequestModal programme={p} onClose={() => setRequesting(false)} />}
    </Stack>
  );
}

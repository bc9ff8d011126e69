import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import {
  IconArrowRight,
  IconClipboardCheck,
  IconFilePlus,
  IconFiles,
  IconInbox,
  IconChecklist,
  IconReportAnalytics,
  IconCoin,
  IconCalendarDue,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { fundQueries } from '../api/queries/fund';
import { programmeWorkQueries } from '../api/queries/programme-work';
import { proposalQueries } from '../api/queries/proposals';
import { resultsQueries } from '../api/queries/results';
import { reviewQueries } from '../api/queries/review';
import { useAuth } from '../auth/auth';
import { ROLE_LABEL } from '../auth/permissions';
import { PageHeader, StatTile } from '../components/ui';
import { ErrorState } from '../components/states';
import { formatMoneyShort } from '../lib/money';
import type { Role } from '../api/models';
import { TodoPanel } from './home/TodoPanel';

function TaskCard({
  icon,
  title,
  count,
  description,
  to,
  action,
}: {
  icon: ReactNode;
  title: string;
  count?: number | string;
  description: string;
  to: string;
  action: string;
}) {
  return (
    <Card withBorder radius="md" padding="lg">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <ThemeIcon size={40} radius="md" variant="light" aria-hidden>
            {icon}
          </ThemeIcon>
          <div>
            <Title order={2} size="h5">
              {title}
            </Title>
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          </div>
        </Group>
        {count !== undefined && (
          <Badge size="xl" variant="light" radius="sm" aria-label={`${count} items`}>
            {count}
          </Badge>
        )}
      </Group>
      <Button
        component={Link}
        to={to}
        variant="subtle"
        mt="md"
        rightSection={<IconArrowRight size={16} />}
        style={{ alignSelf: 'flex-start' }}
      >
        {action}
      </Button>
    </Card>
  );
}

export function HomePage() {
  const { user, can } = useAuth();
  const fund = useQuery({ ...fundQueries.status(), enabled: can('fund.read') });
  const proposals = useQuery({ ...proposalQueries.list({ pageSize: 200 }), enabled: can('proposal.read') });
  const queue = useQuery({ ...reviewQueries.queue(), enabled: can('review.queue'), retry: false });
  const actuals = useQuery({
    ...resultsQueries.actuals({ status: 'SUBMITTED', pageSize: 50 }),
    enabled: can('actual.approve'),
  });
  const obligations = useQuery({
    ...programmeWorkQueries.obligationCounts(),
    enabled: can('programme-work.read'),
  });
  if (!user) return null;
  const count = (statuses: string[]) =>
    proposals.data?.items.filter((p) => statuses.includes(p.status)).length ?? 0;
  const firstName = user.name
    .replace(/\(.*\)/, '')
    .trim()
    .split(/\s+/)[0];

  return (
    <Stack gap="xl">
      <PageHeader
        title={`Welcome, ${firstName}`}
        description={`${user.roles.map((role) => ROLE_LABEL[role as Role]).join(', ')}${user.organizationCode ? ` · ${user.organizationCode}` : ''}. What needs your attention today.`}
      />

      <TodoPanel />

      {can('fund.read') &&
        (fund.error ? (
          <ErrorState error={fund.error} onRetry={() => void fund.refetch()} />
        ) : (
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
            <StatTile
              label="Contributions received"
              value={fund.data ? formatMoneyShort(fund.data.withAdministrativeAgent.contributions) : '…'}
              hint="Deposits since inception"
            />
            <StatTile
              label="Transferred to PUNOs"
              value={fund.data ? formatMoneyShort(fund.data.withAdministrativeAgent.transfers) : '…'}
              color="teal"
            />
            <StatTile
              label="Expenditure reported"
              value={fund.data ? formatMoneyShort(fund.data.withParticipatingOrganizations.expenditure) : '…'}
              color="grape"
            />
            <StatTile
              label="Balance with the AA"
              value={fund.data ? formatMoneyShort(fund.data.withAdministrativeAgent.balance) : '…'}
              color="orange"
              hint={
                <Anchor component={Link} to="/fund" size="xs">
                  Funding status
                </Anchor>
              }
            />
          </SimpleGrid>
        ))}

      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {can('proposal.create') && (
          <>
            <TaskCard
              icon={<IconFiles size={22} />}
              title="My proposals"
              count={proposals.data ? count(['DRAFT', 'RETURNED', 'REVISION_REQUESTED']) : undefined}
              description="Drafts and proposals returned to you for changes."
              to="/proposals"
              action="Open my proposals"
            />
            <TaskCard
              icon={<IconFilePlus size={22} />}
              title="New joint programme"
              description="Draft a concept note with your partner agencies."
              to="/proposals/new"
              action="Start a proposal"
            />
          </>
        )}
        {can('proposal.screen') && (
          <TaskCard
            icon={<IconInbox size={22} />}
            title="Screening inbox"
            count={proposals.data ? count(['SUBMITTED']) : undefined}
            description="Submitted proposals waiting for screening."
            to="/screening"
            action="Screen proposals"
          />
        )}
        {can('review.queue') && (
          <TaskCard
            icon={<IconClipboardCheck size={22} />}
            title="Review queue"
            count={queue.data?.length}
            description="Proposals assigned to you for review, by due date."
            to="/review"
            action="Open review queue"
          />
        )}
        {can('actual.approve') && (
          <TaskCard
            icon={<IconChecklist size={22} />}
            title="Results to approve"
            count={actuals.data?.total}
            description="Indicator actuals submitted by agencies."
            to="/actuals"
            action="Review actuals"
          />
        )}
        {can('programme-work.read') && (
          <TaskCard
            icon={<IconCalendarDue size={22} />}
            title="Overdue reports"
            count={obligations.data?.OVERDUE}
            description={
              can('programme-work.read-all')
                ? 'Narrative and financial reports past their due date, fund-wide.'
                : 'Reports of your agency’s programmes past their due date.'
            }
            to="/calendar"
            action="Open the reporting calendar"
          />
        )}
        {can('contribution.record') && (
          <TaskCard
            icon={<IconCoin size={22} />}
            title="Contributions and transfers"
            description="Record deposits and instruct transfers to PUNOs."
            to="/contributions"
            action="Open contributions"
          />
        )}
        {can('report.read') && (
          <TaskCard
            icon={<IconReportAnalytics size={22} />}
            title={
              can('contribution.record') || can('proposal.screen')
                ? 'Donor reports'
                : 'Statements and reports'
            }
            description="Annual consolidated report, contributor statements and factsheets."
            to="/reports"
            action="Open reports"
          />
        )}
      </SimpleGrid>
    </Stack>
  );
}

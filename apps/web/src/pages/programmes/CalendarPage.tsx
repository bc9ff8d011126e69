import { Group, Pagination, SegmentedControl, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ObligationStatus } from '../../api/models';
import { programmeWorkQueries } from '../../api/queries/programme-work';
import { useAuth } from '../../auth/auth';
import { EmptyState, QueryState } from '../../components/states';
import { PageHeader, Section, StatTile } from '../../components/ui';
import { ObligationsTable } from './ObligationsTable';

const PAGE_SIZE = 50;

/** The reporting calendar: fund-wide for the fund unit and the AA, the own agency's for a focal point. */
export function CalendarPage() {
  const { user, can } = useAuth();
  const [status, setStatus] = useState<ObligationStatus | 'ALL'>('OVERDUE');
  const [org, setOrg] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const fundWide = can('programme-work.read-all');
  const counts = useQuery(programmeWorkQueries.obligationCounts());
  const list = useQuery(
    programmeWorkQueries.obligations({
      status: status === 'ALL' ? undefined : status,
      org: org.trim().toUpperCase() || undefined,
      q: q.trim() || undefined,
      sort: status === 'OVERDUE' ? '-daysOverdue,dueDate' : 'dueDate',
      page,
      pageSize: PAGE_SIZE,
    }),
  );
  return (
    <Stack gap="lg">
      <PageHeader
        title="Reporting calendar"
        description={
          fundWide
            ? 'Every programme’s narrative and financial reports: what is due, overdue and by how long, submitted and accepted.'
            : `The reports of the programmes ${user?.organizationCode ?? 'your agency'} takes part in.`
        }
      />
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <StatTile
          label="Overdue"
          value={counts.data ? String(counts.data.OVERDUE) : '…'}
          color="red"
          testId="tile-overdue"
        />
        <StatTile label="Due" value={counts.data ? String(counts.data.DUE) : '…'} />
        <StatTile
          label="Submitted"
          value={counts.data ? String(counts.data.SUBMITTED) : '…'}
          color="yellow"
        />
        <StatTile label="Accepted" value={counts.data ? String(counts.data.ACCEPTED) : '…'} color="teal" />
      </SimpleGrid>
      <Section
        title="Obligations"
        actions={
          <Group gap="xs">
            <TextInput
              aria-label="Search programmes"
              placeholder="Reference or title"
              value={q}
              onChange={(e) => {
                setQ(e.currentTarget.value);
                setPage(1);
              }}
            />
            {fundWide && (
              <TextInput
                aria-label="Agency"
                placeholder="Agency (IOM…)"
                w={130}
                value={org}
                onChange={(e) => {
                  setOrg(e.currentTarget.value);
                  setPage(1);
                }}
              />
            )}
          </Group>
        }
      >
        <SegmentedControl
          mb="md"
          aria-label="Status"
          value={status}
          onChange={(value) => {
            setStatus(value as ObligationStatus | 'ALL');
            setPage(1);
          }}
          data={[
            { value: 'OVERDUE', label: 'Overdue' },
            { value: 'DUE', label: 'Due' },
            { value: 'SUBMITTED', label: 'Submitted' },
            { value: 'ACCEPTED', label: 'Accepted' },
            { value: 'ALL', label: 'All' },
          ]}
        />
        <QueryState
          query={list}
          empty={(data) =>
            data.items.length === 0 && (
              <EmptyState title="Nothing here" description="No obligation matches." />
            )
          }
        >
          {(data) => (
            <>
              <ObligationsTable items={data.items} showProgramme />
              {data.total > PAGE_SIZE && (
                <Pagination
                  mt="md"
                  value={page}
                  onChange={setPage}
                  total={Math.ceil(data.total / PAGE_SIZE)}
                />
              )}
            </>
          )}
        </QueryState>
      </Section>
    </Stack>
  );
}

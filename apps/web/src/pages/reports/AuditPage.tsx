import { Group, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { proposalQueries } from '../../api/queries/proposals';
import { AuditTable } from '../../components/AuditTable';
import { PageHeader, Section } from '../../components/ui';

export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const proposalId = params.get('proposal');
  const proposals = useQuery(proposalQueries.list({ q: debounced || undefined, pageSize: 30 }));
  const chosen = proposals.data?.items.find((p) => p.id === proposalId);
  return (
    <Stack gap="lg">
      <PageHeader
        title="Audit trail"
        description="The append-only record of who did what and when, with the values before and after. Choose a proposal to see its own trail, or browse every event."
      />
      <Group align="flex-end">
        <Select
          label="Proposal"
          placeholder="All records"
          searchable
          clearable
          searchValue={search}
          onSearchChange={setSearch}
          data={(proposals.data?.items ?? []).map((p) => ({
            value: p.id,
            label: `${p.reference} — ${p.title}`,
          }))}
          value={proposalId}
          onChange={(v) => setParams(v ? { proposal: v } : {})}
          w={{ base: '100%', sm: 520 }}
          filter={({ options }) => options}
          nothingFoundMessage="No proposal found"
        />
      </Group>
      <Section title={proposalId ? `Events of ${chosen?.reference ?? 'the proposal'}` : 'All events'}>
        {proposalId ? <AuditTable entityType="proposal" entityId={proposalId} /> : <AuditTable />}
        <Text size="xs" c="dimmed" mt="sm">
          Times are in UTC.
        </Text>
      </Section>
    </Stack>
  );
}

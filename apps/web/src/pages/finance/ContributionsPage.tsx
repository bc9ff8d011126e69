import {
  Badge,
  Button,
  Group,
  Modal,
  Pagination,
  Paper,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconReportAnalytics } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, data, errorMessage, http } from '../../api/client';
import { contributionQueries } from '../../api/queries/contributions';
import { fundQueries } from '../../api/queries/fund';
import { useReference } from '../../api/reference';
import type { Contribution, S } from '../../api/models';
import { useAuth } from '../../auth/auth';
import { EmptyState, QueryState } from '../../components/states';
import { Money, PageHeader, ReversalBadge, StatTile } from '../../components/ui';
import { formatDate, today } from '../../lib/format';
import { amountForApi, formatMoneyShort, parseMoney, parseMoneyInput } from '../../lib/money';
import { DateField } from '../../components/DateField';

type ContributionKind = S['RecordContributionDto']['kind'];

const THIS_YEAR = new Date().getUTCFullYear();

/** Who may be a donor (the API refuses others): Member States and other contributors. */
const isContributor = (organization: { type: string }) =>
  ['MEMBER_STATE', 'OTHER'].includes(organization.type);

export function ContributionsPage() {
  const { can, hasRole, user } = useAuth();
  const ref = useReference();
  const donorOnly = hasRole('DONOR_VIEWER') && !can('contribution.record') && !can('proposal.read');
  // Contributions by donor are public (as on the fund's gateway): a donor starts with its own.
  const [donor, setDonor] = useState<string | null>(donorOnly ? (user?.organizationCode ?? null) : null);
  const [year, setYear] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState(false);
  const query = useQuery(
    contributionQueries.list({
      donor: donor ?? undefined,
      year: year ? Number(year) : undefined,
      page,
      pageSize: 50,
    }),
  );
  const donors = ref.organizations.filter(isContributor);
  const items = query.data?.items ?? [];
  // A reversed contribution and its reversal cancel out: count neither.
  const standing = (c: Contribution) => !c.reversedBy && !c.reverses;
  const deposits = items.filter((c) => c.kind === 'DEPOSIT' && standing(c));
  const commitments = items.filter((c) => c.kind === 'COMMITMENT' && standing(c));
  const sum = (list: Contribution[]) => list.reduce((s, c) => s + parseMoney(c.usdAmount), 0n);

  return (
    <Stack>
      <PageHeader
        title={donor ? `Contributions of ${ref.orgName(donor)}` : 'Contributions'}
        description="Commitments signed and deposits received, in the donor's currency and in US$, with the Administrative Agent's 1 % fee on each deposit."
        actions={
          <>
            {donorOnly && (
              <Button
                component={Link}
                to="/reports?type=CONTRIBUTOR_STATEMENT"
                variant="light"
                leftSection={<IconReportAnalytics size={18} />}
              >
                Contributor statement
              </Button>
            )}
            {can('contribution.record') && (
              <Button leftSection={<IconPlus size={18} />} onClick={() => setOpen(true)}>
                Record contribution
              </Button>
            )}
          </>
        }
      />
      <Group align="flex-end">
        <Select
          label="Contributor"
          placeholder="All contributors"
          data={donors.map((d) => ({ value: d.code, label: `${d.name} (${d.code})` }))}
          value={donor}
          onChange={(v) => {
            setDonor(v);
            setPage(1);
          }}
          searchable
          clearable
          w={300}
        />
        <Select
          label="Year"
          placeholder="All years"
          data={Array.from({ length: 8 }, (_, i) => String(THIS_YEAR - i))}
          value={year}
          onChange={(v) => {
            setYear(v);
            setPage(1);
          }}
          clearable
          w={160}
        />
      </Group>
      {query.data && (
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <StatTile
            label="Deposits (this page)"
            value={formatMoneyShort(sum(deposits))}
            hint={`${deposits.length} deposit${deposits.length === 1 ? '' : 's'}`}
          />
          <StatTile
            label="Commitments (this page)"
            value={formatMoneyShort(sum(commitments))}
            color="grape"
          />
          <StatTile
            label="AA fees"
            value={formatMoneyShort(deposits.reduce((s, c) => s + parseMoney(c.aaFee ?? '0'), 0n))}
            color="orange"
          />
        </SimpleGrid>
      )}
      <QueryState
        query={query}
        loadingLabel="Loading contributions…"
        empty={(data) =>
          data.items.length === 0 && (
            <EmptyState
              title="No contributions"
              description={
                donor || year
                  ? 'Nothing matches these filters.'
                  : 'No commitment or deposit has been recorded yet.'
              }
            />
          )
        }
      >
        {(data) => (
          <Paper withBorder radius="md">
            <ScrollArea>
              <Table miw={900} aria-label="Contributions">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Date</Table.Th>
                    <Table.Th>Contributor</Table.Th>
                    <Table.Th>Kind</Table.Th>
                    <Table.Th className="num">Amount</Table.Th>
                    <Table.Th className="num">Rate</Table.Th>
                    <Table.Th className="num">US$</Table.Th>
                    <Table.Th className="num">AA fee</Table.Th>
                    <Table.Th>Earmark</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((c) => (
                    <Table.Tr key={c.id} opacity={c.reversedBy || c.reverses ? 0.55 : 1}>
                      <Table.Td>{formatDate(c.date)}</Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {c.donorName}
                        </Text>
                        {c.reference != null && (
                          <Text size="xs" c="dimmed">
                            {String(c.reference)}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={c.kind === 'DEPOSIT' ? 'teal' : 'grape'}>
                          {c.kind === 'DEPOSIT' ? 'Deposit' : 'Commitment'}
                        </Badge>
                        <ReversalBadge record={c} />
                      </Table.Td>
                      <Table.Td className="num">
                        <Money value={c.amount} currency={c.currency} />
                      </Table.Td>
                      <Table.Td className="num">{c.exchangeRate}</Table.Td>
                      <Table.Td className="num">
                        <Money value={c.usdAmount} currency={null} />
                      </Table.Td>
                      <Table.Td className="num">
                        {c.aaFee ? <Money value={String(c.aaFee)} currency={null} /> : '—'}
                      </Table.Td>
                      <Table.Td>{c.earmark ? `TA${c.earmark.thematicAreaCode}` : '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea>
            {data.total > data.pageSize && (
              <Group justify="flex-end" p="sm">
                <Pagination
                  total={Math.ceil(data.total / data.pageSize)}
                  value={page}
                  onChange={setPage}
                  size="sm"
                />
              </Group>
            )}
          </Paper>
        )}
      </QueryState>
      {open && <RecordContributionModal onClose={() => setOpen(false)} />}
    </Stack>
  );
}

function RecordContributionModal({ onClose }: { onClose: () => void }) {
  const ref = useReference();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    donorCode: null as string | null,
    kind: 'DEPOSIT' as ContributionKind,
    currency: 'USD',
    amount: '',
    usdAmount: '',
    date: today(),
    earmark: null as string | null,
    reference: '',
  });
  const set = (changes: Partial<typeof form>) => setForm({ ...form, ...changes });
  const record = useMutation({
    mutationFn: () =>
      data(
        http.POST('/api/v1/contributions', {
          body: {
            donorCode: form.donorCode ?? '',
            kind: form.kind,
            currency: form.currency,
            amount: amountForApi(form.amount),
            usdAmount: form.currency === 'USD' ? amountForApi(form.amount) : amountForApi(form.usdAmount),
            date: form.date,
            earmark: form.earmark ? { thematicAreaCode: Number(form.earmark) } : undefined,
            reference: form.reference || undefined,
          },
        }),
      ),
    onSuccess: (c) => {
      void queryClient.invalidateQueries({ queryKey: contributionQueries.lists() });
      void queryClient.invalidateQueries({ queryKey: fundQueries.all() });
      notifications.show({
        color: 'teal',
        title: 'Contribution recorded',
        message: `${c.donorName}: US$ ${c.usdAmount}${c.aaFee ? ` (AA fee ${c.aaFee})` : ''}.`,
      });
      onClose();
    },
  });
  const fieldError = (field: string) =>
    record.error instanceof ApiError
      ? record.error
          .detailsFor(field)
          .map((d) => d.message)
          .join(' · ') || undefined
      : undefined;
  const badAmount = form.amount !== '' && parseMoneyInput(form.amount) === null;
  return (
    <Modal opened onClose={onClose} title="Record a contribution" size="lg" centered>
      <Stack>
        <Select
          label="Contributor"
          required
          searchable
          data={ref.organizations
            .filter(isContributor)
            .map((o) => ({ value: o.code, label: `${o.name} (${o.code})` }))}
          value={form.donorCode}
          onChange={(v) => set({ donorCode: v })}
          error={fieldError('donorCode')}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <Select
            label="Kind"
            data={[
              { value: 'DEPOSIT', label: 'Deposit (cash received)' },
              { value: 'COMMITMENT', label: 'Commitment (signed)' },
            ]}
            value={form.kind}
            onChange={(v) => set({ kind: (v ?? 'DEPOSIT') as ContributionKind })}
            allowDeselect={false}
          />
          <DateField
            label="Date"
            value={form.date}
            onChange={(value) => set({ date: value })}
            error={fieldError('date')}
          />
          <Select
            label="Currency"
            data={['USD', 'EUR', 'GBP', 'NOK', 'SEK', 'CHF', 'DKK', 'JPY', 'CAD', 'AUD']}
            value={form.currency}
            onChange={(v) => set({ currency: v ?? 'USD' })}
            allowDeselect={false}
            searchable
          />
          <TextInput
            label={`Amount (${form.currency})`}
            required
            inputMode="decimal"
            value={form.amount}
            onChange={(e) => set({ amount: e.currentTarget.value })}
            error={badAmount ? 'Amount like 1000000.00' : fieldError('amount')}
          />
          {form.currency !== 'USD' && (
            <TextInput
              label="US$ value"
              required
              inputMode="decimal"
              value={form.usdAmount}
              onChange={(e) => set({ usdAmount: e.currentTarget.value })}
              error={fieldError('usdAmount')}
            />
          )}
          <Select
            label="Earmark (optional)"
            placeholder="Unearmarked"
            data={ref.areas.map((a) => ({ value: String(a.code), label: `TA${a.code}` }))}
            value={form.earmark}
            onChange={(v) => set({ earmark: v })}
            clearable
          />
          <TextInput
            label="Reference (optional)"
            value={form.reference}
            onChange={(e) => set({ reference: e.currentTarget.value })}
          />
        </SimpleGrid>
        {form.kind === 'DEPOSIT' && form.amount && parseMoneyInput(form.amount) !== null && (
          <Text size="sm" c="dimmed">
            The Administrative Agent's fee of {(Number(ref.settings?.aaFeeRate ?? '0.01') * 100).toFixed(0)} %
            is recorded with the deposit.
          </Text>
        )}
        {record.error && (
          <Text c="red.8" size="sm" role="alert">
            {errorMessage(record.error)}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            onClick={() => record.mutate()}
            loading={record.isPending}
            disabled={!form.donorCode || !form.amount || badAmount}
          >
            Record
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

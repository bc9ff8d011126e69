import { Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, data, errorMessage, http } from '../../api/client';
import { contributionQueries } from '../../api/queries/contributions';
import { fundQueries } from '../../api/queries/fund';
import { useReference } from '../../api/reference';
import type { S } from '../../api/models';
import { today } from '../../lib/format';
import { amountForApi, formatFeeRate, parseMoneyInput } from '../../lib/money';
import { DateField } from '../../components/DateField';
import { DonorSelect } from './DonorSelect';

type ContributionKind = S['RecordContributionDto']['kind'];

/** The AA records a deposit or a commitment (pledge) of a contributor. */
export function RecordContributionModal({ onClose }: { onClose: () => void }) {
  const ref = useReference();
  // The fee rate is the fund's setting, from the server: no sentence until it is known.
  const aaFee = formatFeeRate(ref.settings?.aaFeeRate);
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
    <Modal
      opened
      onClose={onClose}
      title="Record a contribution"
      size="lg"
      centered
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack>
        <DonorSelect
          required
          placeholder="Search a donor by name"
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
            data={ref.areas.map((a) => ({ value: String(a.code), label: ref.areaLabel(a.code) }))}
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
        {form.kind === 'DEPOSIT' && form.amount && parseMoneyInput(form.amount) !== null && aaFee && (
          <Text size="sm" c="dimmed">
            The Administrative Agent's fee of {aaFee} is recorded with the deposit.
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

import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, data, errorMessage, http } from '../../api/client';
import { fundQueries } from '../../api/queries/fund';
import { programmeQueries } from '../../api/queries/programmes';
import type { ProgrammeDetail } from '../../api/models';
import { today } from '../../lib/format';
import { amountForApi, formatMoney, parseMoney, parseMoneyInput } from '../../lib/money';
import { DateField } from '../../components/DateField';

export function MovementModal({
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
          <DateField label="Value date" required value={date} onChange={(value) => setDate(value)} />
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

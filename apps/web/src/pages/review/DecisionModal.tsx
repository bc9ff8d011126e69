import { Alert, Button, Group, Modal, Radio, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, data, errorMessage, http } from '../../api/client';
import { fundQueries } from '../../api/queries/fund';
import { meetingQueries } from '../../api/queries/meetings';
import { proposalQueries } from '../../api/queries/proposals';
import type { DecisionOutcome, PackProposal } from '../../api/models';
import { Money } from '../../components/ui';
import {
  amountForApi,
  formatMoney,
  isEntered,
  parseMoney,
  parseMoneyInput,
  typedTotal,
} from '../../lib/money';
import { OUTCOME_COLOR, OUTCOME_LABEL } from './meeting-labels';

export function DecisionModal({
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
              <Text size="sm" c={total > parseMoney(available) ? 'red.8' : 'dimmed'}>
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

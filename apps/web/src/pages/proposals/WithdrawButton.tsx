import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { data, http } from '../../api/client';
import { proposalQueries } from '../../api/queries/proposals';
import type { Proposal } from '../../api/models';
import { ErrorState } from '../../components/states';

export function WithdrawButton({ proposal }: { proposal: Proposal }) {
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState('');
  const queryClient = useQueryClient();
  const withdraw = useMutation({
    mutationFn: () =>
      data(
        http.POST('/api/v1/proposals/{id}/withdraw', {
          params: { path: { id: proposal.id } },
          body: { comment: comment || undefined },
        }),
      ),
    onSuccess: (withdrawn) => {
      queryClient.setQueryData(proposalQueries.detail(proposal.id).queryKey, withdrawn);
      void queryClient.invalidateQueries({ queryKey: proposalQueries.lists() });
      setOpen(false);
      notifications.show({ color: 'gray', message: `${proposal.reference} was withdrawn.` });
    },
  });
  return (
    <>
      <Button
        variant="default"
        color="red"
        leftSection={<IconArrowBackUp size={18} />}
        onClick={() => setOpen(true)}
      >
        Withdraw
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={`Withdraw ${proposal.reference}?`} centered>
        <Stack>
          <Text size="sm">
            A withdrawn proposal cannot be submitted again. The partner agencies will see why.
          </Text>
          <Textarea
            label="Reason"
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            autosize
            minRows={3}
          />
          {withdraw.error && <ErrorState error={withdraw.error} title="Not withdrawn" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              Keep it
            </Button>
            <Button color="red" loading={withdraw.isPending} onClick={() => withdraw.mutate()}>
              Withdraw proposal
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

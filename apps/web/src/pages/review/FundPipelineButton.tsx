import { Button, Group, Modal, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { data, errorMessage, http } from '../../api/client';
import { Money } from '../../components/ui';

/** Funding a pipeline programme = recording an APPROVED decision allocating each PUNO its budgeted total. */
export function FundPipelineButton({
  proposalId,
  reference,
  title,
}: {
  proposalId: string;
  reference: string | null;
  title: string;
}) {
  const item = { id: proposalId, reference, title };
  const [open, setOpen] = useState(false);
  const [justification, setJustification] = useState('Funds are now available for this pipeline programme.');
  const queryClient = useQueryClient();
  const proposal = useQuery({
    queryKey: ['proposal', item.id],
    queryFn: () => data(http.GET('/api/v1/proposals/{id}', { params: { path: { id: item.id } } })),
    enabled: open,
  });
  const fund = useMutation({
    mutationFn: () =>
      data(
        http.POST('/api/v1/proposals/{id}/decision', {
          params: { path: { id: item.id } },
          body: {
            outcome: 'APPROVED',
            justification,
            allocations: (proposal.data?.budget.byOrganization ?? []).map((o) => ({
              orgCode: o.orgCode,
              amount: String(o.total),
            })),
          },
        }),
      ),
    onSuccess: () => {
      notifications.show({
        color: 'teal',
        message: `${item.reference} is funded: its allocations are recorded.`,
      });
      setOpen(false);
      void queryClient.invalidateQueries();
    },
  });
  return (
    <>
      <Button
        size="xs"
        mt={4}
        onClick={() => setOpen(true)}
        aria-label={`Fund ${item.reference ?? item.title}`}
      >
        Fund {item.reference}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={`Fund ${item.reference}: record the approval`}
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        <Stack>
          <Text size="sm">
            This records an APPROVED decision allocating each participating organization its budgeted total.
          </Text>
          {proposal.data && (
            <Table aria-label="Allocations">
              <Table.Tbody>
                {proposal.data.budget.byOrganization.map((o) => (
                  <Table.Tr key={o.orgCode}>
                    <Table.Td>{o.orgCode}</Table.Td>
                    <Table.Td className="num">
                      <Money value={String(o.total)} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Textarea
            label="Justification"
            value={justification}
            onChange={(event) => setJustification(event.currentTarget.value)}
            required
          />
          {fund.error && (
            <Text c="red.8" size="sm" role="alert">
              {errorMessage(fund.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button loading={fund.isPending} disabled={!proposal.data} onClick={() => fund.mutate()}>
              Record the approval
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

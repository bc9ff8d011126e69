import {
  Alert,
  Button,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSend } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, data, errorMessage, http } from '../../api/client';
import { resultsQueries } from '../../api/queries/results';
import type { IndicatorView, TargetView } from '../../api/models';
import { formatDate } from '../../lib/format';

export function ActualModal({
  proposalId,
  indicator,
  target,
  onClose,
}: {
  proposalId: string;
  indicator: IndicatorView;
  target: TargetView;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const existing = useQuery({
    ...resultsQueries.actual(target.actual?.id ?? ''),
    enabled: !!target.actual,
  });
  const [value, setValue] = useState<string | null>(null);
  const [narrative, setNarrative] = useState<string | null>(null);
  const [female, setFemale] = useState('');
  const [male, setMale] = useState('');
  const currentValue = value ?? existing.data?.value ?? target.actual?.value ?? '';
  const currentNarrative = narrative ?? existing.data?.narrative ?? '';
  const qualitative = indicator.measure === 'QUALITATIVE';
  const save = useMutation({
    mutationFn: async (submit: boolean) => {
      const disaggregation =
        female || male
          ? [
              { dimension: 'sex', category: 'female', value: female || '0' },
              { dimension: 'sex', category: 'male', value: male || '0' },
            ]
          : undefined;
      const body = {
        value: qualitative ? undefined : String(currentValue),
        narrative: currentNarrative,
        disaggregation,
      };
      const actual = target.actual
        ? await data(http.PATCH('/api/v1/actuals/{id}', { params: { path: { id: target.actual.id } }, body }))
        : await data(
            http.POST('/api/v1/indicators/{id}/actuals', {
              params: { path: { id: indicator.id } },
              body: { periodStart: target.periodStart, periodEnd: target.periodEnd, ...body },
            }),
          );
      return submit
        ? data(http.POST('/api/v1/actuals/{id}/submit', { params: { path: { id: actual.id } } }))
        : actual;
    },
    onSuccess: (actual) => {
      void queryClient.invalidateQueries({ queryKey: resultsQueries.matrix(proposalId).queryKey });
      void queryClient.invalidateQueries({ queryKey: resultsQueries.actualLists() });
      notifications.show({
        color: 'teal',
        message:
          actual.status === 'SUBMITTED'
            ? 'Actual submitted to the Fund Management Unit.'
            : 'Actual saved as a draft.',
      });
      onClose();
    },
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={
        <Title order={2} size="h4">
          Report an actual
        </Title>
      }
      size="lg"
      centered
    >
      <Stack>
        <div>
          <Text fw={600}>
            {indicator.key} {indicator.title}
          </Text>
          <Text size="sm" c="dimmed">
            Period {formatDate(target.periodStart)} – {formatDate(target.periodEnd)} · target{' '}
            {target.value ?? '—'} {indicator.unit ?? ''}
          </Text>
        </div>
        {existing.data?.reviewComment != null && (
          <Alert color="orange" title="Returned by the Fund Management Unit">
            {String(existing.data.reviewComment)}
          </Alert>
        )}
        {!qualitative && (
          <TextInput
            label={`Value${indicator.unit ? ` (${indicator.unit})` : ''}`}
            required
            inputMode="decimal"
            value={currentValue}
            onChange={(e) => setValue(e.currentTarget.value)}
            w={220}
          />
        )}
        {indicator.measure === 'UNIT' && (
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput
              label="of which female"
              inputMode="decimal"
              value={female}
              onChange={(e) => setFemale(e.currentTarget.value)}
            />
            <TextInput
              label="of which male"
              inputMode="decimal"
              value={male}
              onChange={(e) => setMale(e.currentTarget.value)}
            />
          </SimpleGrid>
        )}
        <Textarea
          label="Narrative and evidence"
          required
          autosize
          minRows={4}
          value={currentNarrative}
          onChange={(e) => setNarrative(e.currentTarget.value)}
        />
        {save.error && (
          <Alert color="red" title="Not saved">
            {errorMessage(save.error)}
            {save.error instanceof ApiError &&
              save.error.details.map((d, i) => (
                <Text key={i} size="sm">
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
            variant="light"
            onClick={() => save.mutate(false)}
            loading={save.isPending && save.variables === false}
            disabled={!currentNarrative.trim()}
          >
            Save draft
          </Button>
          <Button
            leftSection={<IconSend size={16} />}
            onClick={() => save.mutate(true)}
            loading={save.isPending && save.variables === true}
            disabled={!currentNarrative.trim() || (!qualitative && !String(currentValue).trim())}
          >
            Submit for approval
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, data, http } from '../../api/client';
import { resultsQueries } from '../../api/queries/results';
import type { IndicatorMeasure, MatrixBody, MatrixView } from '../../api/models';
import { ErrorState } from '../../components/states';
import { formatDate } from '../../lib/format';
import { FundIndicatorSelect } from './FundIndicator';
import { MEASURES } from './matrix-labels';
import { DateField } from '../../components/DateField';

type EditIndicator = MatrixBody['results'][number]['indicators'][number];
type EditResult = MatrixBody['results'][number];

function toBody(matrix: MatrixView): EditResult[] {
  return matrix.results.map((r) => ({
    key: r.key,
    type: r.type,
    title: r.title,
    parentKey: r.parentKey ?? undefined,
    indicators: r.indicators.map((i) => ({
      key: i.key,
      title: i.title,
      measure: i.measure,
      ascending: i.ascending,
      unit: i.unit ?? undefined,
      fundIndicatorCode: i.fundIndicatorCode ?? undefined,
      gcmObjectiveCodes: i.gcmObjectiveCodes,
      baseline: { year: i.baseline.year, value: i.baseline.value ?? undefined },
      targets: i.targets.map((t) => ({
        periodStart: t.periodStart,
        periodEnd: t.periodEnd,
        value: t.value ?? undefined,
      })),
    })),
  }));
}

export function MatrixEditor({ matrix, onDone }: { matrix: MatrixView; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [results, setResults] = useState<EditResult[]>(() => {
    const body = toBody(matrix);
    return body.length ? body : [{ key: '1', type: 'OUTCOME', title: '', indicators: [] }];
  });
  const year = Number(matrix.window.start.slice(0, 4));
  const save = useMutation({
    mutationFn: () =>
      data(
        http.PUT('/api/v1/proposals/{id}/results-matrix', {
          params: { path: { id: matrix.proposalId } },
          body: { results },
        }),
      ),
    onSuccess: (saved) => {
      const key = resultsQueries.matrix(matrix.proposalId).queryKey;
      queryClient.setQueryData(key, saved);
      void queryClient.invalidateQueries({ queryKey: key });
      notifications.show({ color: 'teal', message: 'The results matrix is saved.' });
      onDone();
    },
  });
  const update = (index: number, changes: Partial<EditResult>) =>
    setResults(results.map((r, i) => (i === index ? { ...r, ...changes } : r)));
  const updateIndicator = (ri: number, ii: number, changes: Partial<EditIndicator>) =>
    update(ri, {
      indicators: results[ri].indicators.map((ind, j) => (j === ii ? { ...ind, ...changes } : ind)),
    });
  const outcomes = results.filter((r) => r.type === 'OUTCOME');
  const newIndicator = (r: EditResult): EditIndicator => ({
    key: `${r.key}.${r.indicators.length + 1}`,
    title: '',
    measure: 'UNIT',
    ascending: true,
    baseline: { year, value: '0' },
    targets: [
      {
        periodStart: matrix.window.start,
        periodEnd: `${year}-12-31` < matrix.window.end ? `${year}-12-31` : matrix.window.end,
        value: '',
      },
    ],
  });

  return (
    <Stack>
      <Alert color="blue" variant="light">
        Targets must fall inside the programme's reporting window ({formatDate(matrix.window.start)} –{' '}
        {formatDate(matrix.window.end)}). Keys identify results and indicators: keep them to keep reported
        actuals attached.
      </Alert>
      {results.map((r, ri) => (
        <Card withBorder radius="md" key={ri}>
          <Group align="flex-end" wrap="wrap" mb="sm">
            <TextInput
              label="Key"
              value={r.key}
              onChange={(e) => update(ri, { key: e.currentTarget.value })}
              w={90}
            />
            <Select
              label="Type"
              data={[
                { value: 'OUTCOME', label: 'Outcome' },
                { value: 'OUTPUT', label: 'Output' },
              ]}
              value={r.type}
              onChange={(v) => update(ri, { type: (v ?? 'OUTCOME') as EditResult['type'] })}
              w={130}
              allowDeselect={false}
            />
            {r.type === 'OUTPUT' && (
              <Select
                label="Under outcome"
                data={outcomes.map((o) => ({ value: o.key, label: `${o.key} ${o.title}`.slice(0, 60) }))}
                value={r.parentKey ?? null}
                onChange={(v) => update(ri, { parentKey: v ?? undefined })}
                w={220}
              />
            )}
            <TextInput
              label="Title"
              value={r.title}
              onChange={(e) => update(ri, { title: e.currentTarget.value })}
              style={{ flex: 1, minWidth: 240 }}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              aria-label={`Remove result ${r.key}`}
              onClick={() => setResults(results.filter((_, i) => i !== ri))}
            >
              <IconTrash size={18} />
            </ActionIcon>
          </Group>
          {r.indicators.map((ind, ii) => (
            <Paper key={ii} withBorder p="sm" radius="sm" mb="xs" bg="gray.0">
              <Group align="flex-end" wrap="wrap" gap="sm">
                <TextInput
                  label="Key"
                  value={ind.key}
                  onChange={(e) => updateIndicator(ri, ii, { key: e.currentTarget.value })}
                  w={80}
                  size="xs"
                />
                <TextInput
                  label="Indicator"
                  value={ind.title}
                  onChange={(e) => updateIndicator(ri, ii, { title: e.currentTarget.value })}
                  style={{ flex: 1, minWidth: 220 }}
                  size="xs"
                />
                <Select
                  label="Measure"
                  data={MEASURES}
                  value={ind.measure}
                  onChange={(v) => updateIndicator(ri, ii, { measure: (v ?? 'UNIT') as IndicatorMeasure })}
                  w={150}
                  size="xs"
                  allowDeselect={false}
                />
                <TextInput
                  label="Unit"
                  value={ind.unit ?? ''}
                  onChange={(e) => updateIndicator(ri, ii, { unit: e.currentTarget.value || undefined })}
                  w={110}
                  size="xs"
                />
                <FundIndicatorSelect
                  value={ind.fundIndicatorCode ?? null}
                  onChange={(code) => updateIndicator(ri, ii, { fundIndicatorCode: code ?? undefined })}
                />
                <Checkbox
                  label="Higher is better"
                  checked={ind.ascending}
                  onChange={(e) => updateIndicator(ri, ii, { ascending: e.currentTarget.checked })}
                  size="xs"
                  mb={6}
                />
                <TextInput
                  label="Baseline year"
                  value={String(ind.baseline.year)}
                  onChange={(e) =>
                    updateIndicator(ri, ii, {
                      baseline: { ...ind.baseline, year: Number(e.currentTarget.value) || 0 },
                    })
                  }
                  w={100}
                  size="xs"
                />
                <TextInput
                  label="Baseline"
                  value={ind.baseline.value ?? ''}
                  onChange={(e) =>
                    updateIndicator(ri, ii, {
                      baseline: { ...ind.baseline, value: e.currentTarget.value || undefined },
                    })
                  }
                  w={90}
                  size="xs"
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`Remove indicator ${ind.key}`}
                  onClick={() => update(ri, { indicators: r.indicators.filter((_, j) => j !== ii) })}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
              <Stack gap={4} mt="xs">
                {ind.targets.map((t, ti) => (
                  <Group key={ti} gap="xs" wrap="wrap">
                    <Text size="xs" c="dimmed" w={50}>
                      Target
                    </Text>
                    <DateField
                      aria-label="Period start"
                      value={t.periodStart}
                      size="xs"
                      onChange={(value) =>
                        updateIndicator(ri, ii, {
                          targets: ind.targets.map((x, k) => (k === ti ? { ...x, periodStart: value } : x)),
                        })
                      }
                    />
                    <DateField
                      aria-label="Period end"
                      value={t.periodEnd}
                      size="xs"
                      onChange={(value) =>
                        updateIndicator(ri, ii, {
                          targets: ind.targets.map((x, k) => (k === ti ? { ...x, periodEnd: value } : x)),
                        })
                      }
                    />
                    <TextInput
                      aria-label="Target value"
                      placeholder="value"
                      value={t.value ?? ''}
                      size="xs"
                      w={100}
                      onChange={(e) =>
                        updateIndicator(ri, ii, {
                          targets: ind.targets.map((x, k) =>
                            k === ti ? { ...x, value: e.currentTarget.value || undefined } : x,
                          ),
                        })
                      }
                    />
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size="sm"
                      aria-label="Remove target"
                      onClick={() =>
                        updateIndicator(ri, ii, { targets: ind.targets.filter((_, k) => k !== ti) })
                      }
                    >
                      <IconTrash size={14} />
                    </ActionIcon>
                  </Group>
                ))}
                <Button
                  size="compact-xs"
                  variant="subtle"
                  style={{ alignSelf: 'flex-start' }}
                  leftSection={<IconPlus size={12} />}
                  onClick={() => {
                    const last = ind.targets[ind.targets.length - 1];
                    const nextYear = last ? Number(last.periodEnd.slice(0, 4)) + 1 : year;
                    updateIndicator(ri, ii, {
                      targets: [
                        ...ind.targets,
                        { periodStart: `${nextYear}-01-01`, periodEnd: `${nextYear}-12-31`, value: '' },
                      ],
                    });
                  }}
                >
                  Add period
                </Button>
              </Stack>
            </Paper>
          ))}
          <Button
            size="xs"
            variant="subtle"
            leftSection={<IconPlus size={14} />}
            onClick={() => update(ri, { indicators: [...r.indicators, newIndicator(r)] })}
            style={{ alignSelf: 'flex-start' }}
          >
            Add indicator
          </Button>
        </Card>
      ))}
      <Group>
        <Button
          variant="default"
          leftSection={<IconPlus size={16} />}
          onClick={() =>
            setResults([
              ...results,
              { key: String(outcomes.length + 1), type: 'OUTCOME', title: '', indicators: [] },
            ])
          }
        >
          Add outcome
        </Button>
        <Button
          variant="default"
          leftSection={<IconPlus size={16} />}
          onClick={() =>
            setResults([
              ...results,
              {
                key: `${outcomes[0]?.key ?? '1'}.${results.length}`,
                type: 'OUTPUT',
                parentKey: outcomes[0]?.key,
                title: '',
                indicators: [],
              },
            ])
          }
        >
          Add output
        </Button>
      </Group>
      {save.error && <ErrorState error={save.error} title="The matrix was not saved" />}
      {save.error instanceof ApiError && save.error.details.length > 0 && (
        <Alert color="red">
          {save.error.details.map((d, i) => (
            <Text size="sm" key={i}>
              • {d.field ? `${d.field}: ` : ''}
              {d.message}
            </Text>
          ))}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          Cancel
        </Button>
        <Button onClick={() => save.mutate()} loading={save.isPending}>
          Save results matrix
        </Button>
      </Group>
    </Stack>
  );
}

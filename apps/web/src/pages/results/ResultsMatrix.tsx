import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  Paper,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEdit, IconPlus, IconSend, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, data, errorMessage, http } from '../../api/client';
import { resultsQueries } from '../../api/queries/results';
import type { IndicatorMeasure, IndicatorView, MatrixBody, MatrixView, TargetView } from '../../api/models';
import { EmptyState, ErrorState, QueryState } from '../../components/states';
import { formatDate } from '../../lib/format';

const MEASURES: { value: IndicatorMeasure; label: string }[] = [
  { value: 'UNIT', label: 'Unit (count)' },
  { value: 'PERCENTAGE', label: 'Percentage' },
  { value: 'NOMINAL', label: 'Nominal' },
  { value: 'ORDINAL', label: 'Ordinal' },
  { value: 'QUALITATIVE', label: 'Qualitative' },
];
const ACTUAL_COLOR: Record<string, string> = {
  DRAFT: 'gray',
  SUBMITTED: 'blue',
  APPROVED: 'teal',
  RETURNED: 'orange',
};

/** The programme's results matrix with progress; its PUNOs edit it and report actuals. */
export function ResultsMatrix({
  proposalId,
  canEdit,
  canReport,
}: {
  proposalId: string;
  canEdit: boolean;
  canReport: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const [reporting, setReporting] = useState<{ indicator: IndicatorView; target: TargetView } | null>(null);
  const query = useQuery(resultsQueries.matrix(proposalId));

  if (editing && query.data) return <MatrixEditor matrix={query.data} onDone={() => setEditing(false)} />;
  return (
    <QueryState
      query={query}
      loadingLabel="Loading the results matrix…"
      empty={(m) =>
        m.results.length === 0 && (
          <EmptyState
            title="No results matrix yet"
            description="Outcomes, outputs and their indicators, with baselines and targets per period. Actuals are reported against the targets."
            action={
              canEdit && (
                <Button onClick={() => setEditing(true)} leftSection={<IconPlus size={16} />}>
                  Build the results matrix
                </Button>
              )
            }
          />
        )
      }
    >
      {(m) => {
        const outcomes = m.results.filter((r) => r.type === 'OUTCOME');
        const orphanOutputs = m.results.filter(
          (r) => r.type === 'OUTPUT' && !outcomes.some((o) => o.key === r.parentKey),
        );
        return (
          <Stack>
            <Group justify="space-between">
              <Text size="sm" c="dimmed">
                {m.progress.indicators} indicators · {m.progress.withActual} with approved actuals ·{' '}
                {m.progress.onTrack} on track · reporting window {formatDate(m.window.start)} –{' '}
                {formatDate(m.window.end)}
              </Text>
              {canEdit && (
                <Button variant="light" leftSection={<IconEdit size={16} />} onClick={() => setEditing(true)}>
                  Edit matrix
                </Button>
              )}
            </Group>
            {[...outcomes, ...orphanOutputs].map((outcome) => (
              <Card withBorder radius="md" key={outcome.key}>
                <Group gap="xs" mb="xs">
                  <Badge color="un" variant="filled">
                    {outcome.type === 'OUTCOME' ? 'Outcome' : 'Output'} {outcome.key}
                  </Badge>
                  <Title order={3} size="h5">
                    {outcome.title}
                  </Title>
                </Group>
                <IndicatorTable
                  indicators={outcome.indicators}
                  canReport={canReport}
                  onReport={(indicator, target) => setReporting({ indicator, target })}
                />
                {m.results
                  .filter((r) => r.type === 'OUTPUT' && r.parentKey === outcome.key)
                  .map((output) => (
                    <Paper key={output.key} withBorder p="sm" mt="sm" radius="sm" bg="gray.0">
                      <Group gap="xs" mb={4}>
                        <Badge color="cyan" variant="light">
                          Output {output.key}
                        </Badge>
                        <Text fw={600} size="sm">
                          {output.title}
                        </Text>
                      </Group>
                      <IndicatorTable
                        indicators={output.indicators}
                        canReport={canReport}
                        onReport={(indicator, target) => setReporting({ indicator, target })}
                      />
                    </Paper>
                  ))}
              </Card>
            ))}
            {reporting && (
              <ActualModal
                proposalId={proposalId}
                indicator={reporting.indicator}
                target={reporting.target}
                onClose={() => setReporting(null)}
              />
            )}
          </Stack>
        );
      }}
    </QueryState>
  );
}

function IndicatorTable({
  indicators,
  canReport,
  onReport,
}: {
  indicators: IndicatorView[];
  canReport: boolean;
  onReport: (i: IndicatorView, t: TargetView) => void;
}) {
  if (indicators.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No indicators.
      </Text>
    );
  return (
    <ScrollArea>
      <Table miw={720} fz="sm" verticalSpacing={6} aria-label="Indicators">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Indicator</Table.Th>
            <Table.Th>Baseline</Table.Th>
            <Table.Th>Period</Table.Th>
            <Table.Th className="num">Target</Table.Th>
            <Table.Th>Actual</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {indicators.flatMap((indicator) =>
            (indicator.targets.length ? indicator.targets : [null]).map((target, index) => (
              <Table.Tr key={`${indicator.id}-${index}`}>
                {index === 0 && (
                  <>
                    <Table.Td rowSpan={Math.max(1, indicator.targets.length)} maw={300}>
                      <Text size="sm" fw={500}>
                        {indicator.key} {indicator.title}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {MEASURES.find((m) => m.value === indicator.measure)?.label}
                        {indicator.unit ? ` · ${indicator.unit}` : ''} ·{' '}
                        {indicator.ascending ? 'higher is better' : 'lower is better'}
                        {indicator.fundIndicatorCode
                          ? ` · fund indicator ${indicator.fundIndicatorCode}`
                          : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td rowSpan={Math.max(1, indicator.targets.length)}>
                      {indicator.baseline.value ?? '—'}{' '}
                      <Text span size="xs" c="dimmed">
                        ({indicator.baseline.year})
                      </Text>
                    </Table.Td>
                  </>
                )}
                {target ? (
                  <>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatDate(target.periodStart)} – {formatDate(target.periodEnd)}
                    </Table.Td>
                    <Table.Td className="num">{target.value ?? '—'}</Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        {target.actual ? (
                          <>
                            <Text size="sm" fw={600}>
                              {target.actual.value ?? '✓'}
                            </Text>
                            <Badge size="sm" variant="light" color={ACTUAL_COLOR[target.actual.status]}>
                              {target.actual.status.toLowerCase()}
                            </Badge>
                            {target.onTrack !== null && (
                              <Badge size="sm" color={target.onTrack ? 'teal' : 'red'} variant="outline">
                                {target.onTrack ? 'on track' : 'off track'}
                              </Badge>
                            )}
                          </>
                        ) : (
                          target.due && (
                            <Badge
                              size="sm"
                              color={target.due === 'OVERDUE' ? 'red' : 'orange'}
                              variant="light"
                            >
                              {target.due === 'OVERDUE' ? 'overdue' : 'due'}
                            </Badge>
                          )
                        )}
                        {canReport &&
                          (!target.actual || ['DRAFT', 'RETURNED'].includes(target.actual.status)) && (
                            <Button
                              size="compact-xs"
                              variant="light"
                              onClick={() => onReport(indicator, target)}
                              aria-label={`Report actual for ${indicator.key}, ${target.periodStart} to ${target.periodEnd}`}
                            >
                              {target.actual ? 'Continue' : 'Report'}
                            </Button>
                          )}
                      </Group>
                    </Table.Td>
                  </>
                ) : (
                  <Table.Td colSpan={3}>
                    <Text size="sm" c="dimmed">
                      No targets
                    </Text>
                  </Table.Td>
                )}
              </Table.Tr>
            )),
          )}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}

function ActualModal({
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
          <SimpleGrid cols={2}>
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

function MatrixEditor({ matrix, onDone }: { matrix: MatrixView; onDone: () => void }) {
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
                    <TextInput
                      type="date"
                      aria-label="Period start"
                      value={t.periodStart}
                      size="xs"
                      onChange={(e) =>
                        updateIndicator(ri, ii, {
                          targets: ind.targets.map((x, k) =>
                            k === ti ? { ...x, periodStart: e.currentTarget.value } : x,
                          ),
                        })
                      }
                    />
                    <TextInput
                      type="date"
                      aria-label="Period end"
                      value={t.periodEnd}
                      size="xs"
                      onChange={(e) =>
                        updateIndicator(ri, ii, {
                          targets: ind.targets.map((x, k) =>
                            k === ti ? { ...x, periodEnd: e.currentTarget.value } : x,
                          ),
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

import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { data, errorMessage, http } from '../../api/client';
import { fundQueries } from '../../api/queries/fund';
import { programmeQueries } from '../../api/queries/programmes';
import { useReference } from '../../api/reference';
import type { ProgrammeDetail } from '../../api/models';
import { EmptyState, QueryState } from '../../components/states';
import { Money, ReversalBadge, Section } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { amountForApi, formatMoney, isEntered, parseMoneyInput, typedTotal } from '../../lib/money';
import { ListTable } from '../../components/ListTable';

export function ExpenditureReports({ programmeId }: { programmeId: string }) {
  const ref = useReference();
  const query = useQuery({
    ...programmeQueries.expenditures(programmeId),
  });
  return (
    <Section
      title="Expenditure reports"
      description="Annual expenditure by budget category, per PUNO. A new version of a year replaces the previous one; earlier versions are kept."
    >
      <QueryState
        query={query}
        empty={(data) =>
          data.length === 0 && (
            <EmptyState
              title="No expenditure reported yet"
              description="Each PUNO reports its annual expenditure by 30 April of the next year."
            />
          )
        }
      >
        {(data) => (
          <ListTable>
            <Table miw={760} aria-label="Expenditure reports">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Year</Table.Th>
                  <Table.Th>PUNO</Table.Th>
                  <Table.Th>Version</Table.Th>
                  <Table.Th>By category</Table.Th>
                  <Table.Th className="num">Total</Table.Th>
                  <Table.Th>Submitted</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.map((r) => (
                  <Table.Tr key={r.id} opacity={r.current && !r.reverses ? 1 : 0.55}>
                    <Table.Td>{r.year}</Table.Td>
                    <Table.Td>{r.orgCode}</Table.Td>
                    <Table.Td>
                      v{r.version}{' '}
                      {r.current ? (
                        <Badge size="xs" color="teal">
                          current
                        </Badge>
                      ) : (
                        <Badge size="xs" color="gray">
                          superseded
                        </Badge>
                      )}
                      <ReversalBadge record={r} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">
                        {r.lines
                          .map((l) => `${l.categoryCode}: ${formatMoney(l.amount, { currency: null })}`)
                          .join(' · ')}
                      </Text>
                    </Table.Td>
                    <Table.Td className="num">
                      <Money value={r.total} currency={null} strong />
                    </Table.Td>
                    <Table.Td>{formatDateTime(r.submittedAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ListTable>
        )}
      </QueryState>
      {ref.categories.length === 0 && null}
    </Section>
  );
}

export function ExpenditureModal({
  programme,
  orgCode,
  onClose,
}: {
  programme: ProgrammeDetail;
  orgCode: string;
  onClose: () => void;
}) {
  const ref = useReference();
  const queryClient = useQueryClient();
  const [year, setYear] = useState<number | string>(new Date().getUTCFullYear());
  const [lines, setLines] = useState<Record<number, string>>({});
  const total = typedTotal(Object.values(lines));
  const record = useMutation({
    mutationFn: () =>
      data(
        http.POST('/api/v1/programmes/{id}/expenditures', {
          params: { path: { id: programme.id } },
          body: {
            orgCode,
            year: Number(year),
            lines: Object.entries(lines)
              .filter(([, a]) => isEntered(a))
              .map(([categoryCode, a]) => ({
                categoryCode: Number(categoryCode),
                amount: amountForApi(a),
              })),
          },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: programmeQueries.detail(programme.id).queryKey });
      void queryClient.invalidateQueries({ queryKey: fundQueries.all() });
      notifications.show({ color: 'teal', message: `Expenditure of ${orgCode} for ${year} recorded.` });
      onClose();
    },
  });
  const puno = programme.organizations.find((o) => o.orgCode === orgCode);
  return (
    <Modal
      opened
      onClose={onClose}
      title={
        <Title order={2} size="h4">
          Report expenditure — {orgCode}
        </Title>
      }
      size="lg"
      centered
    >
      <Stack>
        {puno && (
          <Text size="sm" c="dimmed">
            Net funded to {orgCode}: {formatMoney(puno.netFunded)} · reported so far{' '}
            {formatMoney(puno.expenditure)}
          </Text>
        )}
        <NumberInput
          label="Year"
          value={year}
          onChange={setYear}
          min={2015}
          max={2100}
          allowDecimal={false}
          w={140}
        />
        <Table aria-label="Expenditure by category">
          <Table.Tbody>
            {ref.categories.map((c) => (
              <Table.Tr key={c.code}>
                <Table.Td>
                  <Text size="sm">
                    {c.code}. {c.title}
                  </Text>
                </Table.Td>
                <Table.Td w={180}>
                  <TextInput
                    aria-label={c.title}
                    inputMode="decimal"
                    placeholder="0.00"
                    size="xs"
                    value={lines[c.code] ?? ''}
                    onChange={(e) => setLines({ ...lines, [c.code]: e.currentTarget.value })}
                    error={lines[c.code] && parseMoneyInput(lines[c.code]) === null ? true : undefined}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text fw={700}>
          Total <Money value={total} strong />
        </Text>
        {record.error && (
          <Alert color="red" title="Not recorded">
            {errorMessage(record.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => record.mutate()} loading={record.isPending} disabled={total === 0n}>
            Submit expenditure
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

import { Badge, Button, Group, Progress, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { data, download, errorMessage, http } from '../../api/client';
import { reportQueries } from '../../api/queries/reports';
import type { ReportRun } from '../../api/models';
import { formatDateTime } from '../../lib/format';
import { isActive, REPORT_LABEL, size, STATUS_COLOR } from './report-labels';

/**
 * One report run. While it is queued or running the row follows GET /reports/:id every second
 * (live progress); when it ends, the list is updated with the finished run.
 */
export function RunRow({
  run,
  description,
  canRetry,
}: {
  run: ReportRun;
  description: string;
  canRetry: boolean;
}) {
  const queryClient = useQueryClient();
  const live = useQuery({
    ...reportQueries.detail(run.id),
    initialData: run,
    enabled: isActive(run),
    refetchInterval: (query) => (query.state.data && isActive(query.state.data) ? 1000 : false),
  });
  const r = live.data && !isActive(run) ? run : (live.data ?? run);
  useEffect(() => {
    // The run ended: the lists show it finished.
    if (isActive(run) && !isActive(r))
      void queryClient.invalidateQueries({ queryKey: reportQueries.lists() });
  }, [queryClient, run, r]);
  const retry = useMutation({
    mutationFn: () => data(http.POST('/api/v1/reports/{id}/retry', { params: { path: { id: run.id } } })),
    onSuccess: (again) => {
      queryClient.setQueryData(reportQueries.detail(again.id).queryKey, again);
      void queryClient.invalidateQueries({ queryKey: reportQueries.lists() });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const omitted = r.source?.omittedSections ?? [];
  return (
    <Table.Tr data-testid="report-run" data-status={r.status}>
      <Table.Td>
        <Group gap={6}>
          <Text size="sm" fw={600}>
            {REPORT_LABEL[r.type] ?? r.type}
          </Text>
          <Badge size="xs" variant="outline" color="gray">
            {r.format.toUpperCase()}
          </Badge>
          {r.trigger === 'SCHEDULE' && (
            <Badge size="xs" variant="light" color="grape">
              Scheduled
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {description || '—'}
        </Text>
        {r.status === 'SUCCEEDED' && omitted.length > 0 && (
          <Text size="xs" c="orange.9" title="Their data is not connected to reporting yet">
            Left out: {omitted.join(', ')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {formatDateTime(r.createdAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={6} mb={4}>
          <Badge color={STATUS_COLOR[r.status]} variant="light" size="sm">
            {r.status.toLowerCase()}
          </Badge>
          {r.status === 'SUCCEEDED' && (
            <Text size="xs" c="dimmed">
              {r.pages ? `${r.pages} p · ` : ''}
              {size(r.bytes)}
            </Text>
          )}
          {isActive(r) && (
            <Text size="xs" c="dimmed">
              {r.progress} %
            </Text>
          )}
        </Group>
        {isActive(r) && (
          <Progress
            value={Math.max(r.progress, 3)}
            animated
            striped
            aria-label={`Progress ${r.progress} %`}
            data-testid="report-progress"
          />
        )}
        {r.status === 'FAILED' && (
          <Text size="xs" c="red.8" lineClamp={3} title={r.error}>
            {r.error ?? 'Failed'}
          </Text>
        )}
      </Table.Td>
      <Table.Td w={120}>
        {r.status === 'SUCCEEDED' && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconDownload size={14} />}
            aria-label={`Download ${REPORT_LABEL[r.type]} ${description}`}
            onClick={() =>
              void download(
                http.GET('/api/v1/reports/{id}/file', { params: { path: { id: r.id } }, parseAs: 'blob' }),
                r.fileName ?? `${r.type.toLowerCase()}.${r.format}`,
              ).catch((error) => notifications.show({ color: 'red', message: errorMessage(error) }))
            }
          >
            Download
          </Button>
        )}
        {r.status === 'FAILED' && canRetry && (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconRefresh size={14} />}
            loading={retry.isPending}
            onClick={() => retry.mutate()}
          >
            Retry
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

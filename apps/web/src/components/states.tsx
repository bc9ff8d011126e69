import {
  Alert,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError, errorMessage } from '../api/client';

export function LoadingState({ label = 'Loading…', rows = 4 }: { label?: string; rows?: number }) {
  return (
    <Stack gap="sm" role="status" aria-live="polite" aria-busy="true">
      <Group gap="xs">
        <Loader size="sm" />
        <Text c="dimmed" size="sm">
          {label}
        </Text>
      </Group>
      {Array.from({ length: rows }, (_, index) => (
        <Skeleton key={index} height={28} radius="sm" />
      ))}
    </Stack>
  );
}

/**
 * What an address that leads nowhere shows: a mistyped or cut link (not an id at all) or an item
 * that does not exist (or that this user may not see). Trying again cannot help, going back can.
 */
export function NotFoundState({ invalid = false }: { invalid?: boolean }) {
  return (
    <Stack align="flex-start" gap="sm" data-testid="not-found">
      <Title order={1}>{invalid ? 'This address is not valid' : 'Page not found'}</Title>
      <Text c="dimmed">
        {invalid
          ? 'The link is incomplete or mistyped: it names nothing that can exist.'
          : 'There is nothing at this address. It may have been removed, or the link is wrong.'}
      </Text>
      <Group gap="sm">
        <Button onClick={() => window.history.back()} variant="default">
          Go back
        </Button>
        <Button component={Link} to="/">
          Back to the overview
        </Button>
      </Group>
    </Stack>
  );
}

export function ErrorState({
  error,
  onRetry,
  title = 'Something went wrong',
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  // A page's own item not found: retrying cannot bring it back.
  if (onRetry && error instanceof ApiError && error.status === 404) return <NotFoundState />;
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{errorMessage(error)}</Text>
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

export function EmptyState({
  title,
  description,
  action,
  icon = '∅',
}: {
  title: string;
  description?: ReactNode;
  action?: ReactNode;
  icon?: ReactNode;
}) {
  return (
    <Paper withBorder radius="md" p="xl" bg="gray.0">
      <Center>
        <Stack align="center" gap="xs" maw={460}>
          <ThemeIcon size={44} radius="xl" variant="light" color="gray" aria-hidden>
            {icon}
          </ThemeIcon>
          <Title order={3} size="h5" ta="center">
            {title}
          </Title>
          {description && (
            <Text c="dimmed" size="sm" ta="center">
              {description}
            </Text>
          )}
          {action}
        </Stack>
      </Center>
    </Paper>
  );
}

/** Loading, error and empty states for one query, then the content. */
export function QueryState<T>({
  query,
  empty,
  children,
  loadingLabel,
}: {
  query: { data: T | undefined; isLoading: boolean; error: unknown; refetch: () => unknown };
  empty?: (data: T) => ReactNode | false;
  children: (data: T) => ReactNode;
  loadingLabel?: string;
}) {
  if (query.isLoading) return <LoadingState label={loadingLabel} />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data === undefined) return null;
  const emptyView = empty?.(query.data);
  if (emptyView) return <>{emptyView}</>;
  return <>{children(query.data)}</>;
}

import {
  Anchor,
  Badge,
  Breadcrumbs,
  Group,
  Paper,
  Stack,
  Text,
  Title,
  type MantineColor,
} from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { ProposalStatus } from '../api/models';
import { STATUS_COLOR, STATUS_LABEL } from '../lib/format';
import { formatMoney } from '../lib/money';

export function PageHeader({
  title,
  description,
  actions,
  crumbs,
  badge,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  crumbs?: { label: string; to?: string }[];
  badge?: ReactNode;
}) {
  return (
    <Stack gap={6} mb="lg">
      {crumbs && crumbs.length > 0 && (
        <Breadcrumbs separator="›" aria-label="Breadcrumb">
          {crumbs.map((crumb) =>
            crumb.to ? (
              <Anchor component={Link} to={crumb.to} key={crumb.label} size="sm">
                {crumb.label}
              </Anchor>
            ) : (
              <Text key={crumb.label} size="sm" c="dimmed" aria-current="page">
                {crumb.label}
              </Text>
            ),
          )}
        </Breadcrumbs>
      )}
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={4} style={{ flex: 1, minWidth: 260 }}>
          <Group gap="sm" wrap="wrap">
            <Title order={1} size="h2">
              {title}
            </Title>
            {badge}
          </Group>
          {description && (
            <Text c="dimmed" size="sm" maw={820}>
              {description}
            </Text>
          )}
        </Stack>
        {actions && <Group gap="sm">{actions}</Group>}
      </Group>
    </Stack>
  );
}

export function StatusBadge({
  status,
  size = 'md',
}: {
  status: ProposalStatus | string;
  size?: 'sm' | 'md' | 'lg';
}) {
  const known = status as ProposalStatus;
  return (
    <Badge
      color={STATUS_COLOR[known] ?? 'gray'}
      // Dark text on the colour's tint: even the colour's darkest shade is under 4.5:1 on it.
      c="dark.7"
      variant="light"
      size={size}
      radius="sm"
      style={{ flexShrink: 0 }}
      styles={{ root: { maxWidth: 'none' }, label: { overflow: 'visible' } }}
    >
      {STATUS_LABEL[known] ?? status}
    </Badge>
  );
}

export function Money({
  value,
  strong,
  currency,
}: {
  value: string | bigint | null | undefined;
  strong?: boolean;
  currency?: string | null;
}) {
  return (
    <span className="money" style={{ fontWeight: strong ? 700 : undefined }}>
      {formatMoney(value, { currency })}
    </span>
  );
}

export function StatTile({
  label,
  value,
  hint,
  color = 'un',
  testId,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  color?: MantineColor;
  testId?: string;
}) {
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      data-testid={testId}
      style={{ borderTop: `3px solid var(--mantine-color-${color}-6)` }}
    >
      <Text size="xs" tt="uppercase" fw={700} c="dimmed" lts={0.4}>
        {label}
      </Text>
      <Text fz={22} fw={700} mt={4} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed" mt={2}>
          {hint}
        </Text>
      )}
    </Paper>
  );
}

export function Section({
  title,
  description,
  actions,
  children,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <Group justify="space-between" align="flex-start" mb="md" wrap="wrap" gap="xs">
        <Stack gap={2}>
          <Title order={2} size="h4">
            {title}
          </Title>
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
        </Stack>
        {actions && <Group gap="xs">{actions}</Group>}
      </Group>
      {children}
    </Paper>
  );
}

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.3}>
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

/** "reversed" on a ledger row that a later entry corrected, "reversal" (with its reason) on that entry. */
export function ReversalBadge({
  record,
}: {
  record: { reversedBy?: string | null; reverses?: string | null; reason?: string | null };
}) {
  if (record.reverses)
    return (
      <Badge ml={4} color="orange" variant="light" title={record.reason ?? undefined}>
        reversal
      </Badge>
    );
  if (record.reversedBy)
    return (
      <Badge ml={4} color="gray" variant="outline">
        reversed
      </Badge>
    );
  return null;
}

import {
  AppShell,
  Avatar,
  Burger,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconBuildingBank,
  IconCalendarDue,
  IconChartPie,
  IconChecklist,
  IconClipboardCheck,
  IconCoin,
  IconFilePlus,
  IconFiles,
  IconGavel,
  IconHistory,
  IconWriting,
  IconHome,
  IconInbox,
  IconListNumbers,
  IconStack2,
  IconMail,
  IconBellCog,
  IconLogout,
  IconReportAnalytics,
  IconTarget,
  IconUsersGroup,
  type Icon,
} from '@tabler/icons-react';
import { Link, NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import { useEffect } from 'react';
import { data, errorMessage, http } from '../api/client';
import { notifications } from '@mantine/notifications';
import { useAuth } from '../auth/auth';
import { ROLE_LABEL, type Permission } from '../auth/permissions';
import type { Scope } from '../auth/scope';
import { NotificationBell } from './NotificationBell';
import type { Role } from '../api/models';

interface NavItem {
  to: string;
  label: string;
  icon: Icon;
  /** Shown when the user has any of these. */
  needs: Permission[];
  /** The label by the user's scope (e.g. the agency's "my proposals" vs the fund unit's list). */
  label2?: (scope: Scope) => string;
}

interface NavGroup {
  title: string;
  items: NavItem[];
}

const NAV: NavGroup[] = [
  {
    title: 'Proposals',
    items: [
      {
        to: '/proposals',
        label: 'Proposals',
        icon: IconFiles,
        needs: ['proposal.read'],
        label2: (scope) => (scope.ownProposalsOnly ? 'My proposals' : 'All proposals'),
      },
      { to: '/proposals/new', label: 'New proposal', icon: IconFilePlus, needs: ['proposal.create'] },
      { to: '/screening', label: 'Screening inbox', icon: IconInbox, needs: ['proposal.screen'] },
    ],
  },
  {
    title: 'Steering Committee',
    items: [
      { to: '/review', label: 'Review queue', icon: IconClipboardCheck, needs: ['review.queue'] },
      { to: '/meetings', label: 'Meetings & decisions', icon: IconGavel, needs: ['meeting.read'] },
      { to: '/pipeline', label: 'Pipeline', icon: IconListNumbers, needs: ['pipeline.read'] },
    ],
  },
  {
    title: 'Money',
    items: [
      { to: '/fund', label: 'Funding status', icon: IconBuildingBank, needs: ['fund.read'] },
      { to: '/contributions', label: 'Contributions', icon: IconCoin, needs: ['contribution.read'] },
      {
        to: '/programmes',
        label: 'Programmes',
        icon: IconUsersGroup,
        needs: ['programme.read'],
        label2: (scope) =>
          scope.ownAgencyOnly
            ? 'My programmes'
            : scope.readsFundRecords
              ? 'Programmes & transfers'
              : 'Programmes',
      },
      { to: '/portfolio', label: 'Portfolio', icon: IconChartPie, needs: ['portfolio.read'] },
      { to: '/calendar', label: 'Reporting calendar', icon: IconCalendarDue, needs: ['programme-work.read'] },
    ],
  },
  {
    title: 'Results',
    items: [
      { to: '/actuals', label: 'Actuals approval', icon: IconChecklist, needs: ['actual.approve'] },
      { to: '/results', label: 'Results roll-up', icon: IconTarget, needs: ['results.read'] },
    ],
  },
  {
    title: 'Reporting',
    items: [
      {
        to: '/reports',
        label: 'Reports',
        icon: IconReportAnalytics,
        needs: ['report.read'],
        label2: (scope) => (scope.readsFundRecords ? 'Reports' : 'Statements & reports'),
      },
      { to: '/narrative', label: 'Report narrative', icon: IconWriting, needs: ['report-narrative.write'] },
      { to: '/audit', label: 'Audit trail', icon: IconHistory, needs: ['audit.read'] },
      { to: '/admin/outbox', label: 'Mail outbox', icon: IconMail, needs: ['mail.outbox-read'] },
    ],
  },
];

/** The queue dashboard opens with this session: its cookie is set first, the address holds no token. */
async function openQueueDashboard() {
  try {
    const { url } = await data(http.POST('/api/v1/admin/queue-dashboard/session', {}));
    window.location.assign(url);
  } catch (error) {
    notifications.show({
      color: 'red',
      title: 'The queue dashboard did not open',
      message: errorMessage(error),
    });
  }
}

export function Layout() {
  const { user, can, scope, logout } = useAuth();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  useEffect(() => {
    close();
    // A new page starts at its top (the editor is long; its submit button is at the bottom).
    window.scrollTo(0, 0);
  }, [location.pathname, close]);
  if (!user) return null;

  const groups = NAV.map((group) => ({
    ...group,
    items: group.items.filter((item) => item.needs.some(can)),
  })).filter((group) => group.items.length > 0);
  const initials = user.name
    .replace(/\(.*\)/, '')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0])
    .join('');

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 260, breakpoint: 'md', collapsed: { mobile: !opened } }}
      padding={{ base: 'md', sm: 'lg', lg: 'xl' }}
    >
      <a href="#main" className="skip-link">
        Skip to main content
      </a>
      <AppShell.Header className="app-header">
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="md"
              size="sm"
              color="white"
              aria-label={opened ? 'Close navigation' : 'Open navigation'}
            />
            <UnstyledButton component={Link} to="/" className="brand">
              <Group gap={10} wrap="nowrap">
                <img src="/favicon.svg" alt="" width={30} height={30} />
                <Stack gap={0}>
                  <Text fw={800} c="white" lh={1.1} size="md">
                    Migration MPTF
                  </Text>
                  <Text c="un.1" size="xs" lh={1.1} visibleFrom="sm">
                    Multi-Partner Trust Fund · portfolio &amp; grants
                  </Text>
                </Stack>
              </Group>
            </UnstyledButton>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {can('notification.read') && <NotificationBell />}
            <Menu position="bottom-end" width={260} shadow="md">
              <Menu.Target>
                <UnstyledButton className="user-button">
                  <Group gap="xs" wrap="nowrap">
                    <Avatar
                      radius="xl"
                      size={34}
                      styles={{
                        placeholder: {
                          background: '#fff',
                          color: 'var(--mantine-color-un-8)',
                          fontWeight: 700,
                        },
                      }}
                    >
                      {initials}
                    </Avatar>
                    <Stack gap={0} visibleFrom="sm">
                      <Text size="sm" c="white" fw={600} lh={1.2}>
                        {user.name}
                      </Text>
                      <Text size="xs" c="un.1" lh={1.2}>
                        {user.roles.map((role) => ROLE_LABEL[role as Role] ?? role).join(', ')}
                        {user.organizationCode ? ` · ${user.organizationCode}` : ''}
                      </Text>
                    </Stack>
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>Signed in as</Menu.Label>
                <Menu.Item disabled>{user.email}</Menu.Item>
                <Menu.Item
                  component={Link}
                  to="/notifications/preferences"
                  leftSection={<IconBellCog size={16} />}
                >
                  Notification preferences
                </Menu.Item>
                <Menu.Divider />
                <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => logout()}>
                  Sign out
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label="Main navigation">
        <AppShell.Section grow component={ScrollArea}>
          <nav aria-label="Main">
            <NavLink
              component={RouterNavLink}
              to="/"
              end
              label="Overview"
              leftSection={<IconHome size={18} stroke={1.7} />}
              className="nav-link"
            />
            {groups.map((group) => (
              <Stack key={group.title} gap={2} mt="md">
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" lts={0.5} component="h2" m={0}>
                  {group.title}
                </Text>
                {group.items.map((item) => (
                  <NavLink
                    key={item.to}
                    component={RouterNavLink}
                    to={item.to}
                    end={item.to === '/proposals'}
                    label={item.label2 ? item.label2(scope) : item.label}
                    leftSection={<item.icon size={18} stroke={1.7} />}
                    className="nav-link"
                  />
                ))}
              </Stack>
            ))}
            {can('queue.dashboard') && (
              <Stack gap={2} mt="md">
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" lts={0.5} component="h2" m={0}>
                  Operations
                </Text>
                <NavLink
                  component="button"
                  label="Queue dashboard"
                  description="Background jobs (opens outside the app)"
                  leftSection={<IconStack2 size={18} stroke={1.7} />}
                  className="nav-link"
                  onClick={() => void openQueueDashboard()}
                />
              </Stack>
            )}
          </nav>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main" tabIndex={-1} className="app-main">
        <VisuallyHidden aria-live="polite">{location.pathname}</VisuallyHidden>
        <div className="page">
          <Outlet />
        </div>
      </AppShell.Main>
    </AppShell>
  );
}

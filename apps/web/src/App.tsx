import { createBrowserRouter, Navigate, RouterProvider, useLocation, useRouteError } from 'react-router';
import type { ComponentType, ReactNode } from 'react';
import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useAuth } from './auth/auth';
import { Layout } from './components/Layout';
import { LoginPage } from './pages/LoginPage';
import { HomePage } from './pages/HomePage';

/**
 * A screen loaded on first visit, in its own chunk: the login page and the overview come with the
 * app, every other screen only when someone opens it.
 */
function page<Name extends string>(load: () => Promise<Record<Name, ComponentType>>, name: Name) {
  return { lazy: async () => ({ Component: (await load())[name] }) };
}

function RequireAuth({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

function RouteError() {
  const error = useRouteError() as Error | undefined;
  return (
    <Center mih="60vh">
      <Stack align="center">
        <Title order={1}>This page could not be shown</Title>
        <Text c="dimmed">{error?.message ?? 'An unexpected error occurred.'}</Text>
        <Button component="a" href="/">
          Back to the overview
        </Button>
      </Stack>
    </Center>
  );
}

function NotFound() {
  return (
    <Stack align="flex-start" gap="sm">
      <Title order={1}>Page not found</Title>
      <Text c="dimmed">There is no page at this address.</Text>
      <Button component="a" href="/">
        Back to the overview
      </Button>
    </Stack>
  );
}

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <Layout />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'proposals', ...page(() => import('./pages/proposals/ProposalsPage'), 'ProposalsPage') },
      {
        path: 'proposals/new',
        ...page(() => import('./pages/proposals/ProposalEditorPage'), 'ProposalEditorPage'),
      },
      { path: 'proposals/:id', ...page(() => import('./pages/proposals/ProposalPage'), 'ProposalPage') },
      {
        path: 'proposals/:id/edit',
        ...page(() => import('./pages/proposals/ProposalEditorPage'), 'ProposalEditorPage'),
      },
      { path: 'proposals/:id/review', ...page(() => import('./pages/review/ReviewPage'), 'ReviewPage') },
      { path: 'review', ...page(() => import('./pages/review/ReviewQueuePage'), 'ReviewQueuePage') },
      { path: 'screening', ...page(() => import('./pages/review/ScreeningPage'), 'ScreeningPage') },
      { path: 'meetings', ...page(() => import('./pages/review/MeetingsPage'), 'MeetingsPage') },
      { path: 'meetings/:id', ...page(() => import('./pages/review/MeetingPage'), 'MeetingPage') },
      { path: 'pipeline', ...page(() => import('./pages/review/PipelinePage'), 'PipelinePage') },
      { path: 'fund', ...page(() => import('./pages/finance/FundStatusPage'), 'FundStatusPage') },
      {
        path: 'contributions',
        ...page(() => import('./pages/finance/ContributionsPage'), 'ContributionsPage'),
      },
      { path: 'programmes', ...page(() => import('./pages/finance/ProgrammesPage'), 'ProgrammesPage') },
      { path: 'programmes/:id', ...page(() => import('./pages/finance/ProgrammePage'), 'ProgrammePage') },
      {
        path: 'programmes/:id/work',
        ...page(() => import('./pages/programmes/ProgrammeWorkPage'), 'ProgrammeWorkPage'),
      },
      { path: 'calendar', ...page(() => import('./pages/programmes/CalendarPage'), 'CalendarPage') },
      {
        path: 'progress-reports/:id',
        ...page(() => import('./pages/programmes/ProgressReportPage'), 'ProgressReportPage'),
      },
      { path: 'portfolio', ...page(() => import('./pages/finance/PortfolioPage'), 'PortfolioPage') },
      { path: 'actuals', ...page(() => import('./pages/results/ActualsQueuePage'), 'ActualsQueuePage') },
      { path: 'results', ...page(() => import('./pages/results/RollupPage'), 'RollupPage') },
      { path: 'reports', ...page(() => import('./pages/reports/ReportsPage'), 'ReportsPage') },
      { path: 'audit', ...page(() => import('./pages/reports/AuditPage'), 'AuditPage') },
      {
        path: 'notifications',
        ...page(() => import('./pages/notifications/NotificationsPage'), 'NotificationsPage'),
      },
      {
        path: 'notifications/preferences',
        ...page(
          () => import('./pages/notifications/NotificationPreferencesPage'),
          'NotificationPreferencesPage',
        ),
      },
      { path: 'admin/outbox', ...page(() => import('./pages/admin/OutboxPage'), 'OutboxPage') },
      { path: 'narrative', ...page(() => import('./pages/reports/NarrativePage'), 'NarrativePage') },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}

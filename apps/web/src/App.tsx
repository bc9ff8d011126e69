import {
  createBrowserRouter,
  Navigate,
  Outlet,
  RouterProvider,
  useLocation,
  useParams,
  useRouteError,
} from 'react-router';
import type { ComponentType, ReactNode } from 'react';
import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { NotFoundState } from './components/states';
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Screens of one item: an `:id` that cannot be an id is a bad address, not a server error. */
function ValidId() {
  const { id = '' } = useParams();
  return UUID.test(id) ? <Outlet /> : <NotFoundState invalid />;
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
      { path: 'review', ...page(() => import('./pages/review/ReviewQueuePage'), 'ReviewQueuePage') },
      { path: 'screening', ...page(() => import('./pages/review/ScreeningPage'), 'ScreeningPage') },
      { path: 'meetings', ...page(() => import('./pages/review/MeetingsPage'), 'MeetingsPage') },
      { path: 'pipeline', ...page(() => import('./pages/review/PipelinePage'), 'PipelinePage') },
      { path: 'fund', ...page(() => import('./pages/finance/FundStatusPage'), 'FundStatusPage') },
      {
        path: 'contributions',
        ...page(() => import('./pages/finance/ContributionsPage'), 'ContributionsPage'),
      },
      { path: 'programmes', ...page(() => import('./pages/finance/ProgrammesPage'), 'ProgrammesPage') },
      { path: 'calendar', ...page(() => import('./pages/programmes/CalendarPage'), 'CalendarPage') },
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
      {
        element: <ValidId />,
        children: [
          { path: 'proposals/:id', ...page(() => import('./pages/proposals/ProposalPage'), 'ProposalPage') },
          {
            path: 'proposals/:id/edit',
            ...page(() => import('./pages/proposals/ProposalEditorPage'), 'ProposalEditorPage'),
          },
          { path: 'proposals/:id/review', ...page(() => import('./pages/review/ReviewPage'), 'ReviewPage') },
          { path: 'meetings/:id', ...page(() => import('./pages/review/MeetingPage'), 'MeetingPage') },
          { path: 'programmes/:id', ...page(() => import('./pages/finance/ProgrammePage'), 'ProgrammePage') },
          {
            path: 'programmes/:id/work',
            ...page(() => import('./pages/programmes/ProgrammeWorkPage'), 'ProgrammeWorkPage'),
          },
          {
            path: 'progress-reports/:id',
            ...page(() => import('./pages/programmes/ProgressReportPage'), 'ProgressReportPage'),
          },
        ],
      },
      { path: '*', element: <NotFoundState /> },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}

import { createBrowserRouter, Navigate, RouterProvider, useLocation, useRouteError } from 'react-router';
import type { ReactNode } from 'react';
import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useAuth } from './auth/auth';
import { Layout } from './components/Layout';
import { LoginPage } from './pages/LoginPage';
import { HomePage } from './pages/HomePage';
import { ProposalsPage } from './pages/proposals/ProposalsPage';
import { ProposalEditorPage } from './pages/proposals/ProposalEditorPage';
import { ProposalPage } from './pages/proposals/ProposalPage';
import { ReviewQueuePage } from './pages/review/ReviewQueuePage';
import { ReviewPage } from './pages/review/ReviewPage';
import { ScreeningPage } from './pages/review/ScreeningPage';
import { MeetingsPage } from './pages/review/MeetingsPage';
import { MeetingPage } from './pages/review/MeetingPage';
import { PipelinePage } from './pages/review/PipelinePage';
import { FundStatusPage } from './pages/finance/FundStatusPage';
import { ContributionsPage } from './pages/finance/ContributionsPage';
import { ProgrammesPage } from './pages/finance/ProgrammesPage';
import { ProgrammePage } from './pages/finance/ProgrammePage';
import { PortfolioPage } from './pages/finance/PortfolioPage';
import { ActualsQueuePage } from './pages/results/ActualsQueuePage';
import { RollupPage } from './pages/results/RollupPage';
import { ReportsPage } from './pages/reports/ReportsPage';
import { AuditPage } from './pages/reports/AuditPage';

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
      { path: 'proposals', element: <ProposalsPage /> },
      { path: 'proposals/new', element: <ProposalEditorPage /> },
      { path: 'proposals/:id', element: <ProposalPage /> },
      { path: 'proposals/:id/edit', element: <ProposalEditorPage /> },
      { path: 'proposals/:id/review', element: <ReviewPage /> },
      { path: 'review', element: <ReviewQueuePage /> },
      { path: 'screening', element: <ScreeningPage /> },
      { path: 'meetings', element: <MeetingsPage /> },
      { path: 'meetings/:id', element: <MeetingPage /> },
      { path: 'pipeline', element: <PipelinePage /> },
      { path: 'fund', element: <FundStatusPage /> },
      { path: 'contributions', element: <ContributionsPage /> },
      { path: 'programmes', element: <ProgrammesPage /> },
      { path: 'programmes/:id', element: <ProgrammePage /> },
      { path: 'portfolio', element: <PortfolioPage /> },
      { path: 'actuals', element: <ActualsQueuePage /> },
      { path: 'results', element: <RollupPage /> },
      { path: 'reports', element: <ReportsPage /> },
      { path: 'audit', element: <AuditPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}

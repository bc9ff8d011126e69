import { INestApplication } from '@nestjs/common';
import type * as BullBoardApi from '@bull-board/api';
import type * as BullBoardAdapter from '@bull-board/api/bullMQAdapter';
import type * as BullBoardExpress from '@bull-board/express';
import { AuthService, hasPermission, Permission } from '@mptf/identity';
import { DomainError, HTTP_STATUS_BY_CODE, QueueConnection, QueueName } from '@mptf/platform';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { STATUS_CODES } from 'node:http';

export const QUEUE_DASHBOARD_PATH = '/api/v1/admin/queues';
export const QUEUE_DASHBOARD_COOKIE = 'mptf_queue_dashboard';

function tokenOf(request: Request): string | null {
  const [scheme, bearer] = (request.headers.authorization ?? '').split(' ');
  if (scheme?.toLowerCase() === 'bearer' && bearer) return bearer;
  const cookie = (request.headers.cookie ?? '')
    .split(';')
    .map((part) => part.trim().split('='))
    .find(([name]) => name === QUEUE_DASHBOARD_COOKIE);
  return cookie?.[1] ? decodeURIComponent(cookie[1]) : null;
}

/**
 * The global guard only sees Nest routes, so the dashboard (raw Express) gets its own: a bearer
 * token, or the session cookie that POST /admin/queue-dashboard/session sets for a browser (never a
 * token in the address); the user must hold queue.dashboard (ADMIN, FMU). Errors use the API's
 * envelope.
 */
export function queueDashboardAuth(auth: AuthService): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const fail = (statusCode: number, message: string) =>
      response.status(statusCode).json({
        statusCode,
        error: STATUS_CODES[statusCode],
        message,
        correlationId: (request as Request & { id?: string }).id,
      });
    const token = tokenOf(request);
    if (!token) return fail(401, 'Sign in to the web app and open the queue dashboard from its navigation');
    auth.authenticate(token).then(
      (user) => {
        if (!hasPermission(user.roles, Permission.QUEUE_DASHBOARD))
          return fail(403, `Your roles do not grant ${Permission.QUEUE_DASHBOARD}`);
        next();
      },
      (error: unknown) =>
        error instanceof DomainError
          ? fail(HTTP_STATUS_BY_CODE[error.code], error.message)
          : fail(401, 'The access token is invalid or has expired'),
    );
  };
}

/**
 * Bull Board over every queue of the catalogue, at /api/v1/admin/queues, behind the API's auth.
 * Built at its first authorised request: Bull Board and its adapters are loaded, and a queue of
 * every name opened, only when someone looks (not before the API listens).
 */
export function mountQueueDashboard(app: INestApplication): void {
  let board: RequestHandler | undefined;
  const lazyBoard: RequestHandler = (request, response, next) => {
    board ??= queueDashboardRouter(app);
    board(request, response, next);
  };
  app.use(QUEUE_DASHBOARD_PATH, queueDashboardAuth(app.get(AuthService)), lazyBoard);
}

function queueDashboardRouter(app: INestApplication): RequestHandler {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { createBullBoard } = require('@bull-board/api') as typeof BullBoardApi;
  const { BullMQAdapter } = require('@bull-board/api/bullMQAdapter') as typeof BullBoardAdapter;
  const { ExpressAdapter } = require('@bull-board/express') as typeof BullBoardExpress;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const connection = app.get(QueueConnection);
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: Object.values(QueueName).map((name) => new BullMQAdapter(connection.queue(name))),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Migration MPTF queues' } },
  });
  return serverAdapter.getRouter() as RequestHandler;
}

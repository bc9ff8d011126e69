import { correlationIdOf, RequestContext } from '@mptf/platform';
import type { NextFunction, Request, Response } from 'express';

/** Gives every request a correlation id and makes it visible to logs and audit events. */
export function correlationMiddleware(req: Request, res: Response, next: NextFunction): void {
  const correlationId = correlationIdOf(req, res);
  RequestContext.run({ correlationId }, next);
}

import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DomainError, ErrorCode, ErrorDetail, HTTP_STATUS_BY_CODE } from '@mptf/platform';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code?: string;
  details?: ErrorDetail[];
  correlationId: string | undefined;
}

/**
 * PostgreSQL errors that mean "the input conflicts with the data", not "the server broke", with
 * what the client is told. Never the driver's text: its `detail` dumps the failing row (actor
 * ids and all) and its message names tables and constraints; those go to the log only.
 */
const PG_ERRORS: Record<string, { status: number; rule: string; message: string }> = {
  '23505': {
    status: 409,
    rule: 'UNIQUE',
    message: 'The request conflicts with a record that already exists',
  },
  '23503': {
    status: 409,
    rule: 'REFERENCE',
    message: 'The request refers to a record that does not exist or is in use',
  },
  '23514': { status: 422, rule: 'CHECK', message: 'A value of the request is outside what the data allows' },
  '22P02': { status: 400, rule: 'FORMAT', message: 'A value of the request has the wrong format' },
  '22003': { status: 400, rule: 'RANGE', message: 'A number of the request is out of range' },
  '22001': { status: 400, rule: 'LENGTH', message: 'A text of the request is too long' },
  '22007': { status: 400, rule: 'FORMAT', message: 'A date or time of the request has the wrong format' },
  '22008': { status: 400, rule: 'RANGE', message: 'A date or time of the request is not a real one' },
  '22021': {
    status: 400,
    rule: 'ENCODING',
    message: 'A text of the request has characters that cannot be stored',
  },
  '22P05': {
    status: 400,
    rule: 'ENCODING',
    message: 'A text of the request has characters that cannot be stored',
  },
  '23502': { status: 400, rule: 'REQUIRED', message: 'A required value of the request is missing' },
  '40001': {
    status: 409,
    rule: 'CONCURRENT_CHANGE',
    message: 'The data changed under the request; try again',
  },
};

/** Connection-level failures: the dependency is down or restarting, not the request wrong. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up)
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
const QUEUE_DOWN = /enableOfflineQueue|Connection is closed|MaxRetriesPerRequest|\bredis\b/i;
const DATABASE_DOWN =
  /Connection terminated|terminating connection|timeout exceeded when trying to connect|the database system is (starting up|shutting down)/i;

/**
 * Which dependency an infrastructure error says is unavailable, or null. A request during an
 * outage gets a 503 that says so (and can be retried), never a 500 or a hang.
 */
export function unavailableDependency(exception: unknown): 'database' | 'queue' | null {
  const error = exception as {
    code?: unknown;
    message?: unknown;
    name?: unknown;
    driverError?: unknown;
  } | null;
  if (!error || typeof error !== 'object') return null;
  const message = String(error.message ?? '');
  const code = typeof error.code === 'string' ? error.code : '';
  if (QUEUE_DOWN.test(message) || error.name === 'MaxRetriesPerRequestError') return 'queue';
  if (DATABASE_DOWN.test(message)) return 'database';
  if (CONNECTION_CODES.has(code)) return /6379|redis/i.test(message) ? 'queue' : 'database';
  return error.driverError ? unavailableDependency(error.driverError) : null;
}

interface BodyParserFailure {
  type?: unknown;
  status?: unknown;
  expose?: unknown;
  message?: unknown;
  limit?: unknown;
  charset?: unknown;
  encoding?: unknown;
}

/**
 * What the body parsers refused (they run before Nest, so their errors are not HttpExceptions):
 * the client's mistake as its 4xx with a message naming the rule, never a 500.
 */
export function bodyParserError(exception: unknown): { status: number; message: string } | null {
  const error = exception as BodyParserFailure | null;
  if (!error || typeof error !== 'object') return null;
  switch (error.type) {
    case 'entity.parse.failed':
      return { status: 400, message: 'The request body is not valid JSON' };
    case 'entity.too.large':
      return {
        status: 413,
        message: `The request body is larger than the limit of ${String(error.limit)} bytes (MAX_BODY_BYTES)`,
      };
    case 'charset.unsupported':
      return {
        status: 415,
        message: `Unsupported charset "${String(error.charset)}": send the body as UTF-8`,
      };
    case 'encoding.unsupported':
      return {
        status: 415,
        message: `Unsupported Content-Encoding "${String(error.encoding)}": use gzip, deflate, br or identity`,
      };
  }
  // Any other refusal the parsers mark as the client's (http-errors' `expose`): aborted, too deep,
  // too many parameters, a corrupt gzip stream.
  const status = Number(error.status);
  if (error.expose === true && status >= 400 && status < 500) {
    return { status, message: String(error.message ?? STATUS_CODES[status]) };
  }
  return null;
}

/** A PostgreSQL error the filter maps to a 4xx (a code of PG_ERRORS). */
function isDatabaseError(exception: unknown): exception is { code: string } {
  const code = (exception as { code?: unknown } | null)?.code;
  return typeof code === 'string' && Object.hasOwn(PG_ERRORS, code);
}

/** The one place where errors become HTTP responses, all in the envelope of api.md. */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<Request & { id?: string }>();
    const response = context.getResponse<Response>();
    const body = this.toBody(exception, request.id);
    if (body.statusCode >= 500) {
      this.logger.error(
        { err: exception, correlationId: request.id },
        `Unhandled error on ${request.method} ${request.path}`,
      );
    } else if (isDatabaseError(exception)) {
      // What the client is not told: the driver's message and detail, for whoever reads the log.
      this.logger.warn(
        { err: exception, correlationId: request.id },
        `Database refused ${request.method} ${request.path}`,
      );
    }
    // The error is JSON even on a route that declared another type (@Header, e.g. the IATI XML).
    if (!response.headersSent)
      response.status(body.statusCode).type('application/json; charset=utf-8').json(body);
  }

  private toBody(exception: unknown, correlationId: string | undefined): ErrorBody {
    if (exception instanceof DomainError) {
      const statusCode = HTTP_STATUS_BY_CODE[exception.code];
      return {
        ...this.envelope(statusCode, exception.message, correlationId),
        code: exception.code,
        details: exception.details,
      };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const payload = exception.getResponse();
      const message =
        typeof payload === 'string'
          ? payload
          : Array.isArray((payload as { message?: unknown }).message)
            ? (payload as { message: string[] }).message.join('; ')
            : String((payload as { message?: unknown }).message ?? exception.message);
      return this.envelope(statusCode, message, correlationId);
    }
    if (isDatabaseError(exception)) {
      const known = PG_ERRORS[exception.code];
      return {
        ...this.envelope(known.status, known.message, correlationId),
        details: [{ rule: `DATABASE_${known.rule}`, message: known.message }],
      };
    }
    const dependency = unavailableDependency(exception);
    if (dependency) {
      const what = dependency === 'queue' ? 'The job queue (Redis)' : 'The database';
      return {
        ...this.envelope(503, `${what} is unavailable; try again shortly`, correlationId),
        code: ErrorCode.DEPENDENCY_UNAVAILABLE,
        details: [{ rule: `${dependency.toUpperCase()}_UNAVAILABLE`, message: `${what} is unavailable` }],
      };
    }
    const bodyError = bodyParserError(exception);
    if (bodyError) return this.envelope(bodyError.status, bodyError.message, correlationId);
    return this.envelope(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error', correlationId);
  }

  private envelope(statusCode: number, message: string, correlationId: string | undefined): ErrorBody {
    return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, correlationId };
  }
}

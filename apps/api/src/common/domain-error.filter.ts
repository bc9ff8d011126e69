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

/** PostgreSQL errors that mean "the input conflicts with the data", not "the server broke". */
const PG_STATUS: Record<string, number> = {
  '23505': 409, // unique_violation
  '23503': 409, // foreign_key_violation
  '23514': 422, // check_violation
  '22P02': 400, // invalid_text_representation (e.g. a malformed uuid)
  '22003': 400, // numeric_value_out_of_range
  '22001': 400, // string_data_right_truncation
  '22007': 400, // invalid_datetime_format
  '22008': 400, // datetime_field_overflow (e.g. 2026-02-30)
  '22021': 400, // character_not_in_repertoire (a NUL byte in text)
  '22P05': 400, // untranslatable_character
  '23502': 400, // not_null_violation (a required value sent as null)
  '40001': 409, // serialization_failure after retries
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
    }
    if (!response.headersSent) response.status(body.statusCode).json(body);
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
    const pgCode = (exception as { code?: unknown })?.code;
    if (typeof pgCode === 'string' && PG_STATUS[pgCode]) {
      const detail = (exception as { detail?: string }).detail ?? (exception as Error).message;
      return {
        ...this.envelope(PG_STATUS[pgCode], detail, correlationId),
        details: [{ rule: `DATABASE_${pgCode}`, message: detail }],
      };
    }
    const dependency = unavailableDependency(exception);
    if (dependency) {
      const what = dependency === 'queue' ? 'The job queue (Redis)' : 'The database';
      return {
        ...this.envelope(503, `${what} is unavailable; try again shortly`, correlationId),
        code: ErrorCode.DEPENDENCY_UNAVAILABLE,
        details: [{ rule: `${dependency.toUpperCase()}_UNAVAILABLE`, message: (exception as Error).message }],
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

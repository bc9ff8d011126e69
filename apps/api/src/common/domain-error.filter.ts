import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DomainError, ErrorDetail, HTTP_STATUS_BY_CODE } from '@mptf/platform';
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
  '40001': 409, // serialization_failure after retries
};

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
    const bodyParserType = (exception as { type?: unknown })?.type;
    if (bodyParserType === 'entity.parse.failed') {
      return this.envelope(400, 'The request body is not valid JSON', correlationId);
    }
    if (bodyParserType === 'entity.too.large') {
      return this.envelope(413, 'The request body is too large', correlationId);
    }
    return this.envelope(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error', correlationId);
  }

  private envelope(statusCode: number, message: string, correlationId: string | undefined): ErrorBody {
    return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, correlationId };
  }
}

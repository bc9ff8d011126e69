import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppConfig } from '../config/app-config';
import { RequestContext } from './request-context';

/** Paths pino must never print: credentials and tokens, wherever they appear. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  'accessToken',
  '*.accessToken',
  'token',
  '*.token',
];

const CORRELATION_HEADER = 'x-correlation-id';
const SAFE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * The request's correlation id: the caller's `X-Correlation-Id` when it is a safe token, else a new
 * one; echoed in the response header and kept on `req.id`.
 */
export function correlationIdOf(request: IncomingMessage, res: ServerResponse): string {
  const req = request as IncomingMessage & { id?: unknown };
  if (typeof req.id === 'string') return req.id;
  const incoming = req.headers[CORRELATION_HEADER];
  const id =
    typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : RequestContext.newCorrelationId();
  req.id = id;
  res.setHeader(CORRELATION_HEADER, id);
  return id;
}

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LEVELS)[number];

/**
 * pino-http's options at `level`. Its request line ("request completed") is written at info: at
 * a level above info it is never written, so pino-http is not asked to time each response and
 * compose the line (listeners on every response, the bindings serialized again), only to give
 * each request its logger (`req.log`: a warning or error logged during a request still names it).
 */
export function pinoHttpOptions(level: LogLevel) {
  const requestLines = LEVELS.indexOf(level) <= LEVELS.indexOf('info');
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // The correlation middleware has already chosen the id.
    genReqId: (req: IncomingMessage, res: ServerResponse) => correlationIdOf(req, res),
    customProps: (req: IncomingMessage) => ({
      correlationId: (req as IncomingMessage & { id?: unknown }).id,
    }),
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url,
      }),
    },
    autoLogging: requestLines
      ? { ignore: (req: IncomingMessage) => req.url === '/health' }
      : (false as const),
  };
}

/** JSON logs; every line carries the correlation id of its request or job. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ pinoHttp: pinoHttpOptions(config.env.LOG_LEVEL) }),
    }),
  ],
})
export class LoggingModule {}

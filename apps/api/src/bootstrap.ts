import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppConfig } from '@mptf/platform';
import { Logger } from 'nestjs-pino';
import { mountQueueDashboard } from './admin/queue-dashboard';
import { ApiModule } from './api.module';
import { correlationMiddleware } from './common/correlation.middleware';
import { useBoundedBodyParsers } from './common/request-body';
import { useSecurityHeaders } from './common/security-headers';
import { createValidationPipe } from './common/validation';
import { serveWebApp } from './web/serve-web-app';

export const API_PREFIX = 'api/v1';

/** Builds the HTTP application (used by main.ts and by the e2e tests, so both run the same thing). */
export async function createApiApp(options: { logger?: boolean } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, {
    bufferLogs: true,
    abortOnError: false,
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  const config = app.get(AppConfig);
  const { env } = config;
  // Never serve with the signing key in the source outside development (throws naming JWT_SECRET).
  void config.jwtSecret;
  // Which peers may tell the client's address (X-Forwarded-For), for the login throttle and logs.
  app.set('trust proxy', env.TRUST_PROXY);
  useSecurityHeaders(app);
  app.use(correlationMiddleware);
  useBoundedBodyParsers(app, { maxBytes: env.MAX_BODY_BYTES, maxDepth: env.MAX_BODY_DEPTH });
  serveWebApp(app);
  mountQueueDashboard(app);
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'api/docs', 'api/docs-json'] });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  // The OpenAPI document (a walk over every route and DTO) is made at its first request, not
  // before the API listens (npm start's restart waits for /health).
  const document = () =>
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Migration MPTF portfolio and grant workflow')
        .setDescription(
          'HTTP API of the UN Migration Multi-Partner Trust Fund system. Money is a decimal string with two decimals (US$ unless a currency field says otherwise); dates are YYYY-MM-DD.',
        )
        .setVersion('1')
        .addBearerAuth()
        .build(),
    );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}

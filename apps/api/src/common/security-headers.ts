import { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';

/**
 * The security headers of every response (helmet), set before anything else answers: a CSP the web
 * app, the OpenAPI page and the queue dashboard work under (scripts only from this origin; inline
 * styles allowed, as Mantine and Swagger UI set them at run time), no framing by anyone, nosniff,
 * no referrer (the queue dashboard's link carries a token), and no X-Powered-By.
 */
export function useSecurityHeaders(app: NestExpressApplication): void {
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          'default-src': ["'self'"],
          'base-uri': ["'self'"],
          'script-src': ["'self'"],
          'script-src-attr': ["'none'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'font-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          'object-src': ["'none'"],
          'form-action': ["'self'"],
          'frame-ancestors': ["'none'"],
        },
      },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
}

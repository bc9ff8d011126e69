import { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet, { HelmetOptions } from 'helmet';

/**
 * The security headers of every response (helmet), set before anything else answers: a CSP the web
 * app, the OpenAPI page and the queue dashboard work under (scripts only from this origin; inline
 * styles allowed, as Mantine and Swagger UI set them at run time), no framing by anyone, nosniff,
 * no referrer (the queue dashboard's link carries a token), and no X-Powered-By.
 */
export const SECURITY_HEADER_OPTIONS: HelmetOptions = {
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
};

/**
 * The headers helmet sets with these options, worked out once: every value above is a constant
 * (no per-request nonce), so helmet's fourteen middlewares, which rebuild the CSP string on each
 * request, give the same headers every time. Helmet is run once on a recording response.
 */
export function securityHeaders(options: HelmetOptions = SECURITY_HEADER_OPTIONS): [string, string][] {
  const headers: [string, string][] = [];
  const recorder = {
    setHeader: (name: string, value: string | number) => headers.push([name, String(value)]),
    removeHeader: () => undefined,
  };
  let done = false;
  helmet(options)({} as Request, recorder as unknown as Response, (error?: unknown) => {
    if (error) throw error;
    done = true;
  });
  // Helmet answers synchronously; were a later version not to, this fails at start-up, not quietly.
  if (!done) throw new Error('helmet did not finish synchronously: the security headers are unknown');
  return headers;
}

export function useSecurityHeaders(app: NestExpressApplication): void {
  app.disable('x-powered-by');
  const headers = securityHeaders();
  app.use((_req: Request, res: Response, next: NextFunction) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  });
}

import { NestExpressApplication } from '@nestjs/platform-express';
import serveStatic from 'serve-static';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Paths the API owns: never answered with the SPA, so an unknown API route stays a JSON 404. */
const API_PATH = /^\/(api|health)(\/|$)/;

/**
 * Where `npm run build:web` put the SPA: next to the compiled API (dist/web, seen from
 * dist/apps/api/src/web) or, when the API runs from source (ts-jest), under the repository's dist.
 */
export function findWebDist(): string | null {
  const candidates = [
    process.env.WEB_DIST_DIR,
    resolve(__dirname, '../../../../web'),
    resolve(__dirname, '../../../dist/web'),
    resolve(process.cwd(), 'dist/web'),
  ].filter((dir): dir is string => !!dir);
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

/**
 * Serves the web application at `/`: its hashed assets (cached for a year), and index.html for
 * every other GET that asks for HTML outside /api and /health (history fallback for client-side
 * routes). Returns false when no build exists (the API then runs alone).
 */
export function serveWebApp(app: NestExpressApplication, dir: string | null = findWebDist()): boolean {
  if (!dir) return false;
  const indexHtml = join(dir, 'index.html');
  const assets = serveStatic(dir, {
    index: false,
    setHeaders: (response, path) => {
      response.setHeader(
        'Cache-Control',
        path.includes(`${join(dir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  // API requests skip the file lookup (a stat per request otherwise).
  app.use((request: Request, response: Response, next: NextFunction) =>
    API_PATH.test(request.path) ? next() : assets(request, response, next),
  );
  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || API_PATH.test(request.path)) return next();
    if (!request.accepts('html')) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(indexHtml);
  });
  return true;
}

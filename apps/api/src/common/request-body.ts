import { NestExpressApplication } from '@nestjs/platform-express';
import type { IncomingMessage } from 'node:http';

/** body-parser error type of a body nested deeper than MAX_BODY_DEPTH (mapped by DomainErrorFilter). */
export const BODY_TOO_DEEP = 'entity.too.deep';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = new Set([0x7b, 0x5b]); // { [
const CLOSE = new Set([0x7d, 0x5d]); // } ]

/**
 * Whether a JSON text (UTF-8) nests arrays and objects deeper than `limit`: one pass over the bytes,
 * no parsing, stopping at the first level too deep. Multi-byte UTF-8 characters never contain the
 * ASCII bytes it looks at, so strings are skipped exactly.
 */
export function nestsDeeperThan(body: Buffer, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (OPEN.has(byte)) {
      if (++depth > limit) return true;
    } else if (CLOSE.has(byte)) depth--;
  }
  return false;
}

function bodyError(status: number, type: string, message: string): Error {
  return Object.assign(new Error(message), { status, type, expose: true });
}

/**
 * The body parsers of every route (login included), bounded before anything parses or validates
 * the body: at most `maxBytes` read (413, also after decompression), JSON only as UTF-8 (415),
 * nesting at most `maxDepth` levels (400) so the recursive validation never meets a deep tree.
 */
export function useBoundedBodyParsers(
  app: NestExpressApplication,
  { maxBytes, maxDepth }: { maxBytes: number; maxDepth: number },
): void {
  app.useBodyParser('json', {
    limit: maxBytes,
    verify: (_request: IncomingMessage, _response: unknown, body: Buffer, encoding: string) => {
      if (encoding !== 'utf-8') {
        throw Object.assign(
          bodyError(415, 'charset.unsupported', `JSON bodies must be UTF-8, not ${encoding}`),
          { charset: encoding },
        );
      }
      if (nestsDeeperThan(body, maxDepth)) {
        throw bodyError(
          400,
          BODY_TOO_DEEP,
          `The request body nests arrays and objects deeper than ${maxDepth} levels (MAX_BODY_DEPTH)`,
        );
      }
    },
  });
  app.useBodyParser('urlencoded', { limit: maxBytes, extended: true, depth: maxDepth, parameterLimit: 1000 });
}

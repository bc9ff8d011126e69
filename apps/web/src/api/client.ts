import type { ErrorBody, ErrorDetail } from './types';

const BASE = '/api/v1';
const SESSION_KEY = 'mptf.session';

/** A failed API call, with the error body of api.md (details name each field or rule). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | null,
  ) {
    super(body?.message ?? `Request failed (${status})`);
  }
  get details(): ErrorDetail[] {
    return this.body?.details ?? [];
  }
  /** Violations whose field starts with `prefix` (e.g. "markers" or "budgetLines"). */
  detailsFor(prefix: string): ErrorDetail[] {
    return this.details.filter(
      (d) => d.field === prefix || d.field?.startsWith(`${prefix}.`) || d.field?.startsWith(`${prefix}[`),
    );
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return 'The server cannot be reached. Check your connection and try again.';
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

let token: string | null = null;
let onUnauthorized: () => void = () => undefined;

export function setToken(value: string | null) {
  token = value;
}
export function setUnauthorizedHandler(handler: () => void) {
  onUnauthorized = handler;
}
export const sessionStore = {
  load(): { accessToken: string; user: unknown } | null {
    try {
      return JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null');
    } catch {
      return null;
    }
  },
  save(value: { accessToken: string; user: unknown }) {
    localStorage.setItem(SESSION_KEY, JSON.stringify(value));
  },
  clear() {
    localStorage.removeItem(SESSION_KEY);
  },
};

type Query = Record<string, string | number | boolean | undefined | null | string[]>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function send(
  method: string,
  path: string,
  options: { body?: unknown; query?: Query; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(withQuery(`${BASE}${path}`, options.query), {
      method,
      headers,
      body,
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, null);
  }
  if (response.ok) return response;
  const errorBody = (await response.json().catch(() => null)) as ErrorBody | null;
  if (response.status === 401 && token && !path.startsWith('/auth/')) onUnauthorized();
  throw new ApiError(response.status, errorBody);
}

async function json<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: async <T>(path: string, query?: Query, signal?: AbortSignal) =>
    json<T>(await send('GET', path, { query, signal })),
  post: async <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    json<T>(await send('POST', path, { body: body ?? {}, headers })),
  patch: async <T>(path: string, body: unknown) => json<T>(await send('PATCH', path, { body })),
  put: async <T>(path: string, body: unknown) => json<T>(await send('PUT', path, { body })),
  delete: async (path: string) => {
    await send('DELETE', path);
  },
  /** Downloads a file the API streams (with the bearer token) and hands it to the browser. */
  download: async (path: string, fallbackName: string) => {
    const response = await send('GET', path, { headers: { Accept: '*/*' } });
    const blob = await response.blob();
    const name = fileNameOf(response.headers.get('Content-Disposition')) ?? fallbackName;
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return { name, bytes: blob.size };
  },
};

function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : null;
}

import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

const SESSION_KEY = 'mptf.session';

/** One violation of the error body: the field (in the request's terms) and the rule it breaks. */
export interface ErrorDetail {
  field?: string;
  rule?: string;
  message: string;
  [extra: string]: unknown;
}

/**
 * One error body for every failure (api.md "General rules"). The API's filter writes it for every
 * route, so the OpenAPI document does not repeat it per operation.
 */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: ErrorDetail[];
  correlationId?: string;
}

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

/** Query strings as the API reads them: empty values left out, lists comma-separated (status=A,B). */
export function queryString(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return params.toString();
}

const session: Middleware = {
  onRequest({ request }) {
    if (!request.headers.has('Accept')) request.headers.set('Accept', 'application/json');
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ request, response }) {
    const path = new URL(request.url, window.location.origin).pathname;
    if (response.status === 401 && token && !path.startsWith('/api/v1/auth/')) onUnauthorized();
    return undefined;
  },
};

/**
 * The typed client of the API: paths, parameters, bodies and answers come from the OpenAPI
 * document (schema.d.ts, `npm run gen:api`). Call it through `data()`, which throws ApiError.
 */
export const http = createClient<paths>({ baseUrl: '', querySerializer: queryString });
http.use(session);

type Answer<T> = { data?: T; error?: unknown; response: Response };

/** The settled answer of a successful call; an ApiError otherwise (status 0: the server cannot be reached). */
async function settle<T>(call: Promise<Answer<T>>): Promise<Answer<T>> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, null);
  }
  if (answer.response.ok) return answer;
  const body = typeof answer.error === 'object' && answer.error !== null ? (answer.error as ErrorBody) : null;
  throw new ApiError(answer.response.status, body);
}

/** The body of a successful answer: `await data(http.GET('/api/v1/proposals/{id}', …))`. */
export async function data<T>(call: Promise<Answer<T>>): Promise<Exclude<T, undefined>> {
  return (await settle(call)).data as Exclude<T, undefined>;
}

/**
 * Downloads a file the API streams (with the bearer token) and hands it to the browser:
 * `download(http.GET(path, { params, parseAs: 'blob' }), fallbackName)`.
 */
export async function download(call: Promise<Answer<unknown>>, fallbackName: string) {
  const answer = await settle(call);
  const blob = answer.data instanceof Blob ? answer.data : await answer.response.blob();
  const name = fileNameOf(answer.response.headers.get('Content-Disposition')) ?? fallbackName;
  saveBlob(blob, name);
  return { name, bytes: blob.size };
}

/** Hands a blob to the browser as a download named `name`. */
export function saveBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : null;
}

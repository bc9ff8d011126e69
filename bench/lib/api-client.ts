import { Agent, request as httpRequest } from 'node:http';

/**
 * A minimal JSON client for the running API over node:http with keep-alive. Not fetch: the load
 * generator shares the machine's CPUs with the API and PostgreSQL, and undici's fetch cost about
 * twice the CPU per request, which the intake figure then lost.
 */
export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
}

export class ApiClient {
  private readonly tokens = new Map<string, string>();
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 256 });
  private readonly url: URL;

  constructor(readonly baseUrl: string) {
    this.url = new URL(baseUrl);
  }

  async login(email: string, password = 'demo1234'): Promise<string> {
    const cached = this.tokens.get(email);
    if (cached) return cached;
    const response = await this.request<{ accessToken: string }>('POST', '/api/v1/auth/login', {
      body: { email, password },
    });
    if (response.status !== 200) throw new Error(`login as ${email}: ${response.status}`);
    this.tokens.set(email, response.body.accessToken);
    return response.body.accessToken;
  }

  request<T = unknown>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string | number> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest(
        { agent: this.agent, host: this.url.hostname, port: this.url.port, method, path, headers },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', reject);
          incoming.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown = text;
            if ((incoming.headers['content-type'] ?? '').includes('json') && text) body = JSON.parse(text);
            resolve({ status: incoming.statusCode ?? 0, body: body as T });
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.agent.destroy();
  }

  /**
   * True when the route does not exist in this build: Nest answers an unknown route with 404
   * "Cannot <METHOD> <path>", unlike a 404 for a missing record.
   */
  async routeMissing(method: string, path: string, token: string): Promise<boolean> {
    const response = await this.request<{ message?: string }>(method, path, {
      token,
      body: method === 'GET' ? undefined : {},
    });
    return response.status === 404 && String(response.body?.message ?? '').startsWith('Cannot ');
  }
}

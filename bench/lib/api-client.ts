/** A minimal JSON client for the running API (Node's fetch, keep-alive). */
export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
}

export class ApiClient {
  private readonly tokens = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

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

  async request<T = unknown>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    let body: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json') && text) body = JSON.parse(text);
    return { status: response.status, body: body as T };
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

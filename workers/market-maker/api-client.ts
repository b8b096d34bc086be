import type { Logger } from 'pino';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} answered ${status}: ${JSON.stringify(body)}`);
  }
}

interface Tokens {
  access: string;
  refresh: string;
  /** Refresh a minute before the access token expires. */
  renewAt: number;
}

/**
 * The market maker's way in: the public HTTP API with its own login, exactly as any member's
 * program would use it. Tokens are refreshed before they expire and the login is repeated if the
 * session was revoked.
 */
export class ApiClient {
  private tokens: Tokens | null = null;
  participantId = 0;

  constructor(
    readonly baseUrl: string,
    private readonly username: string,
    private readonly password: string,
    private readonly log: Logger,
  ) {}

  async login(): Promise<void> {
    const body = await this.send(
      'POST',
      '/auth/login',
      { username: this.username, password: this.password },
      false,
    );
    this.keep(body as { access_token: string; refresh_token: string; expires_in: number });
    const me = (await this.request('GET', '/auth/me')) as { participant_id: number; roles: string[] };
    if (!me.roles.includes('MARKET_MAKER'))
      throw new Error(`${this.username} does not hold the MARKET_MAKER role`);
    this.participantId = me.participant_id;
  }

  async accessToken(): Promise<string> {
    if (!this.tokens) await this.login();
    if (Date.now() >= this.tokens!.renewAt) {
      try {
        this.keep(
          (await this.send('POST', '/auth/refresh', { refresh_token: this.tokens!.refresh }, false)) as {
            access_token: string;
            refresh_token: string;
            expires_in: number;
          },
        );
      } catch (err) {
        this.log.warn({ err }, 'token refresh failed; logging in again');
        await this.login();
      }
    }
    return this.tokens!.access;
  }

  /** An authenticated call; a 401 (session revoked) logs in again once. */
  async request(method: string, path: string, body?: unknown): Promise<unknown> {
    try {
      return await this.send(method, path, body, true);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401) throw err;
      this.tokens = null;
      return this.send(method, path, body, true);
    }
  }

  private keep(t: { access_token: string; refresh_token: string; expires_in: number }) {
    this.tokens = {
      access: t.access_token,
      refresh: t.refresh_token,
      renewAt: Date.now() + Math.max(t.expires_in - 60, t.expires_in / 2) * 1000,
    };
  }

  private async send(method: string, path: string, body: unknown, auth: boolean): Promise<unknown> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (auth) headers.authorization = `Bearer ${await this.accessToken()}`;
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    const parsed = text ? (JSON.parse(text) as unknown) : null;
    if (!res.ok) throw new ApiError(res.status, parsed, `${method} ${path}`);
    return parsed;
  }
}

// The one HTTP layer every online feature uses: Node's fetch with a timeout, retries with
// exponential backoff, Retry-After honoured, a polite User-Agent, per-host spacing, a size cap
// on every body, and no request at all when network features are off.
import { AppError } from '../errors';
import { HostRateLimiter, defaultSleep } from './rate-limit';

export type NetFailure =
  | 'offline'
  | 'network'
  | 'timeout'
  | 'not_found'
  | 'rate_limited'
  | 'server_error'
  | 'http_error'
  | 'too_large'
  | 'bad_response';

/** A failed request, with a reason a user can read and a kind code can act on. */
export class NetError extends AppError {
  constructor(
    readonly failure: NetFailure,
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(failure === 'offline' ? 'offline' : 'network_error', message, { failure, status });
    this.name = 'NetError';
  }

  /** Whether trying again later may succeed (everything except a definite "no such thing"). */
  get transient(): boolean {
    return this.failure !== 'not_found' && this.failure !== 'bad_response';
  }
}

export interface HttpConfig {
  enabled: boolean;
  userAgent: string;
  timeoutMs: number;
  /** Retries after the first attempt, for network errors, timeouts, 5xx and 429. */
  retries: number;
  backoffBaseMs?: number;
  /** A Retry-After longer than this is not waited for: the request fails as rate-limited. */
  maxRetryAfterMs?: number;
}

export interface GetOptions {
  accept?: string;
  /** Cap on the body; a larger response is cut off and reported. */
  maxBytes?: number;
  /** Minimum spacing between requests to this URL's host. */
  minIntervalMs?: number;
  /** What the request is for, used in messages ("Crossref", "arXiv"). */
  service?: string;
}

export interface HttpResponse {
  status: number;
  url: string;
  contentType: string;
  body: Buffer;
  text(): string;
}

const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The test suites set SHELFMARK_LOCAL_NETWORK_ONLY=1: then no request (nor redirect) may leave
 * the machine, so a test that forgets to point a service at its local server fails instead of
 * calling the real service.
 */
function localOnly(): boolean {
  return process.env.SHELFMARK_LOCAL_NETWORK_ONLY === '1';
}

export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function describeFetchError(e: unknown): { failure: NetFailure; detail: string } {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') {
    return { failure: 'timeout', detail: 'timed out' };
  }
  const code = err.cause?.code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return { failure: 'network', detail: 'host not found (no network?)' };
  }
  if (code === 'ECONNREFUSED') return { failure: 'network', detail: 'connection refused' };
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') {
    return { failure: 'network', detail: 'connection reset' };
  }
  return {
    failure: 'network',
    detail: (code ?? err.cause?.message ?? err.message ?? 'request failed').slice(0, 200),
  };
}

export class HttpClient {
  private readonly limiter: HostRateLimiter;

  constructor(
    private readonly config: HttpConfig,
    private readonly deps: {
      limiter?: HostRateLimiter;
      sleep?: (ms: number) => Promise<void>;
      now?: () => number;
    } = {},
  ) {
    this.limiter = deps.limiter ?? new HostRateLimiter(deps.now, deps.sleep);
  }

  private get sleep() {
    return this.deps.sleep ?? defaultSleep;
  }

  private get now() {
    return this.deps.now ?? Date.now;
  }

  async get(rawUrl: string, options: GetOptions = {}): Promise<HttpResponse> {
    const service = options.service ?? 'the server';
    if (!this.config.enabled) {
      throw new NetError(
        'offline',
        'Network features are turned off in settings; no request was made.',
      );
    }
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      throw new NetError('bad_response', `Not a valid URL: ${rawUrl.slice(0, 200)}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new NetError(
        'bad_response',
        `Only http and https URLs are fetched, not ${url.protocol}`,
      );
    }
    if (localOnly() && !LOCAL_HOSTS.has(url.hostname)) {
      throw new NetError(
        'offline',
        `Only local servers may be reached in this environment (SHELFMARK_LOCAL_NETWORK_ONLY), not ${url.host}`,
      );
    }
    const base = this.config.backoffBaseMs ?? 500;
    const maxRetryAfter = this.config.maxRetryAfterMs ?? 120_000;
    let last: NetError | undefined;
    for (let attempt = 0; attempt <= this.config.retries; attempt++) {
      await this.limiter.acquire(url.host, options.minIntervalMs ?? 0);
      try {
        return await this.once(url, options, service);
      } catch (e) {
        if (!(e instanceof NetError)) throw e;
        last = e;
        const retriable =
          e.failure === 'network' ||
          e.failure === 'timeout' ||
          e.failure === 'server_error' ||
          e.failure === 'rate_limited';
        if (!retriable || attempt === this.config.retries) break;
        let wait = base * 2 ** attempt;
        if (e.retryAfterMs !== undefined) {
          if (e.retryAfterMs > maxRetryAfter) break;
          wait = Math.max(wait, e.retryAfterMs);
          this.limiter.holdUntil(url.host, this.now() + e.retryAfterMs);
        }
        await this.sleep(wait);
      }
    }
    throw last!;
  }

  private async once(url: URL, options: GetOptions, service: string): Promise<HttpResponse> {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    let res: Response;
    const signal = AbortSignal.timeout(this.config.timeoutMs);
    try {
      res = await fetch(url, {
        headers: {
          'user-agent': this.config.userAgent,
          accept: options.accept ?? '*/*',
        },
        redirect: localOnly() ? 'error' : 'follow',
        signal,
      });
    } catch (e) {
      const { failure, detail } = describeFetchError(e);
      throw new NetError(failure, `${service} (${url.host}): ${detail}`);
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), this.now());
      if (res.status === 404 || res.status === 410) {
        throw new NetError(
          'not_found',
          `${service} has no record of this (HTTP ${res.status})`,
          res.status,
        );
      }
      if (res.status === 429) {
        const when =
          retryAfterMs === undefined ? '' : `; retry after ${Math.ceil(retryAfterMs / 1000)} s`;
        throw new NetError(
          'rate_limited',
          `${service} asked us to slow down (HTTP 429${when})`,
          429,
          retryAfterMs,
        );
      }
      if (res.status >= 500) {
        throw new NetError(
          'server_error',
          `${service} failed (HTTP ${res.status})`,
          res.status,
          retryAfterMs,
        );
      }
      throw new NetError(
        'http_error',
        `${service} refused the request (HTTP ${res.status})`,
        res.status,
      );
    }
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (declared > maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      throw new NetError(
        'too_large',
        `${service} sent ${declared} bytes, more than the ${maxBytes} allowed`,
      );
    }
    const chunks: Buffer[] = [];
    let total = 0;
    try {
      const reader = res.body?.getReader();
      while (reader) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.byteLength;
        if (total > maxBytes) {
          await reader.cancel().catch(() => undefined);
          throw new NetError(
            'too_large',
            `${service} sent more than the ${maxBytes} bytes allowed`,
          );
        }
        chunks.push(Buffer.from(value));
      }
    } catch (e) {
      if (e instanceof NetError) throw e;
      const { failure, detail } = describeFetchError(e);
      throw new NetError(failure, `${service} (${url.host}): ${detail} while reading the answer`);
    }
    const body = Buffer.concat(chunks, total);
    return {
      status: res.status,
      url: res.url || url.href,
      contentType: res.headers.get('content-type') ?? '',
      body,
      text: () => body.toString('utf8'),
    };
  }
}

/** Parses JSON from an untrusted body, turning a syntax error into a readable failure. */
export function parseJsonBody(res: HttpResponse, service: string): unknown {
  try {
    return JSON.parse(res.text());
  } catch (e) {
    throw new NetError(
      'bad_response',
      `${service} sent malformed JSON: ${(e as Error).message.slice(0, 120)}`,
    );
  }
}

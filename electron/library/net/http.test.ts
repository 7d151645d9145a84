import { afterEach, describe, expect, it } from 'vitest';
import { type LocalServer, startLocalServer } from '../online/testdata/local-server';
import { HttpClient, NetError, type HttpConfig, parseJsonBody, parseRetryAfter } from './http';
import { HostRateLimiter } from './rate-limit';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const config: HttpConfig = {
  enabled: true,
  userAgent: 'Shelfmark/test (mailto:lib@example.org)',
  timeoutMs: 30_000, // generous: a loaded CI machine can take seconds to answer
  retries: 2,
  backoffBaseMs: 10,
};

/** A client whose waits are recorded instead of slept, with a clock that advances on sleep. */
function recordingClient(overrides: Partial<HttpConfig> = {}) {
  const sleeps: number[] = [];
  let clock = 1_000_000;
  const sleep = async (ms: number) => {
    sleeps.push(ms);
    clock += ms;
  };
  const client = new HttpClient({ ...config, ...overrides }, { sleep, now: () => clock });
  return { client, sleeps };
}

async function failure(p: Promise<unknown>): Promise<NetError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof NetError) return e;
    throw e;
  }
  throw new Error('expected the request to fail');
}

describe('HttpClient', () => {
  it('fetches a body and sends the polite User-Agent with the contact address', async () => {
    server = await startLocalServer(() => ({
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    }));
    const { client } = recordingClient();
    const res = await client.get(`${server.url}/x`, { accept: 'application/json' });
    expect(parseJsonBody(res, 'test')).toEqual({ a: 1 });
    expect(server.requests[0]!.headers['user-agent']).toBe(
      'Shelfmark/test (mailto:lib@example.org)',
    );
    expect(server.requests[0]!.headers.accept).toBe('application/json');
  });

  it('makes no request at all when network features are off', async () => {
    server = await startLocalServer(() => ({ body: 'x' }));
    const { client } = recordingClient({ enabled: false });
    const e = await failure(client.get(`${server.url}/x`));
    expect(e.failure).toBe('offline');
    expect(e.code).toBe('offline');
    expect(e.message).toMatch(/turned off in settings/);
    expect(server.requests).toHaveLength(0);
  });

  it('reports a 404 as not found without retrying', async () => {
    server = await startLocalServer(() => ({ status: 404, body: 'nope' }));
    const { client } = recordingClient();
    const e = await failure(client.get(`${server.url}/x`, { service: 'Crossref' }));
    expect(e.failure).toBe('not_found');
    expect(e.message).toBe('Crossref has no record of this (HTTP 404)');
    expect(server.requests).toHaveLength(1);
  });

  it('waits as long as a 429 Retry-After says, then succeeds', async () => {
    let n = 0;
    server = await startLocalServer(() =>
      n++ === 0 ? { status: 429, headers: { 'retry-after': '7' }, body: '' } : { body: 'ok' },
    );
    const { client, sleeps } = recordingClient();
    const res = await client.get(`${server.url}/x`);
    expect(res.text()).toBe('ok');
    expect(server.requests).toHaveLength(2);
    // The backoff would be 10 ms; the server asked for 7 s, and that is what we waited.
    expect(sleeps).toContain(7_000);
  });

  it('honours Retry-After on 503 given as an HTTP date', async () => {
    let n = 0;
    const at = new Date(Date.now() + 60_000).toUTCString();
    server = await startLocalServer(() =>
      n++ === 0 ? { status: 503, headers: { 'retry-after': at }, body: '' } : { body: 'ok' },
    );
    const sleeps: number[] = [];
    const client = new HttpClient(config, {
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    expect((await client.get(`${server.url}/x`)).text()).toBe('ok');
    expect(sleeps[0]).toBeGreaterThan(50_000);
    expect(sleeps[0]).toBeLessThanOrEqual(60_000);
  });

  it('gives up with rate_limited when Retry-After is longer than it will wait', async () => {
    server = await startLocalServer(() => ({
      status: 429,
      headers: { 'retry-after': '3600' },
      body: '',
    }));
    const { client, sleeps } = recordingClient();
    const e = await failure(client.get(`${server.url}/x`, { service: 'arXiv' }));
    expect(e.failure).toBe('rate_limited');
    expect(e.retryAfterMs).toBe(3_600_000);
    expect(e.message).toBe('arXiv asked us to slow down (HTTP 429; retry after 3600 s)');
    expect(server.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('retries server errors with exponential backoff, then reports the last error', async () => {
    server = await startLocalServer(() => ({ status: 502, body: '' }));
    const { client, sleeps } = recordingClient({ retries: 3 });
    const e = await failure(client.get(`${server.url}/x`, { service: 'PubMed' }));
    expect(e.failure).toBe('server_error');
    expect(e.message).toBe('PubMed failed (HTTP 502)');
    expect(server.requests).toHaveLength(4);
    expect(sleeps).toEqual([10, 20, 40]);
  });

  it('times out a server that does not answer, and retries', async () => {
    server = await startLocalServer(() => ({ delayMs: 5_000, body: 'late' }));
    const { client } = recordingClient({ timeoutMs: 150, retries: 1 });
    const e = await failure(client.get(`${server.url}/slow`, { service: 'Open Library' }));
    expect(e.failure).toBe('timeout');
    expect(e.message).toMatch(/^Open Library \(127\.0\.0\.1:\d+\): timed out$/);
    expect(server.requests).toHaveLength(2);
  });

  it('reports a refused connection as a network failure', async () => {
    const s = await startLocalServer(() => ({ body: '' }));
    const url = s.url;
    await s.close();
    const { client } = recordingClient({ retries: 0 });
    const e = await failure(client.get(`${url}/x`));
    expect(e.failure).toBe('network');
    expect(e.message).toMatch(/connection refused/);
  });

  it('cuts off a body larger than the cap', async () => {
    server = await startLocalServer(() => ({ body: 'x'.repeat(10_000) }));
    const { client } = recordingClient();
    const e = await failure(client.get(`${server.url}/big`, { maxBytes: 1_000 }));
    expect(e.failure).toBe('too_large');
  });

  it('refuses non-http URLs', async () => {
    const { client } = recordingClient();
    const e = await failure(client.get('file:///etc/passwd'));
    expect(e.failure).toBe('bad_response');
  });

  it('turns malformed JSON into a readable failure', async () => {
    server = await startLocalServer(() => ({ body: '{"message": {' }));
    const { client } = recordingClient();
    const res = await client.get(`${server.url}/x`);
    expect(() => parseJsonBody(res, 'Crossref')).toThrow(/^Crossref sent malformed JSON/);
  });

  it('spaces requests to one host by the interval asked for', async () => {
    server = await startLocalServer(() => ({ body: 'ok' }));
    const { client, sleeps } = recordingClient();
    for (let i = 0; i < 3; i++) await client.get(`${server.url}/x`, { minIntervalMs: 3_000 });
    expect(sleeps).toEqual([3_000, 3_000]);
  });
});

describe('HostRateLimiter', () => {
  it('queues concurrent callers one interval apart, per host', async () => {
    const waits: number[] = [];
    const limiter = new HostRateLimiter(
      () => 0,
      async (ms) => {
        waits.push(ms);
      },
    );
    await Promise.all([
      limiter.acquire('export.arxiv.org', 3_000),
      limiter.acquire('export.arxiv.org', 3_000),
      limiter.acquire('export.arxiv.org', 3_000),
      limiter.acquire('api.crossref.org', 3_000),
    ]);
    expect(waits.sort((a, b) => a - b)).toEqual([3_000, 6_000]);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and ignores garbage', () => {
    expect(parseRetryAfter('120', 0)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 0)).toBe(10_000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(parseRetryAfter(null, 0)).toBeUndefined();
  });
});

describe('local-only mode (set for every test suite)', () => {
  it('refuses real hosts without making a request', async () => {
    expect(process.env.SHELFMARK_LOCAL_NETWORK_ONLY).toBe('1');
    const { client } = recordingClient();
    const e = await failure(client.get('https://api.crossref.org/works/10.1038%2Fnature14539'));
    expect(e.failure).toBe('offline');
    expect(e.message).toMatch(/not api\.crossref\.org$/);
  });

  it('does not follow a local server redirecting to a real host', async () => {
    server = await startLocalServer(() => ({
      status: 302,
      headers: { location: 'https://example.org/' },
    }));
    const { client } = recordingClient({ retries: 0 });
    const e = await failure(client.get(`${server.url}/redirect`));
    expect(e.failure).toBe('network');
  });
});

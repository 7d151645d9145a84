// Online settings live in the library's settings table (one JSON value), so the CLI, the web
// host and the app see the same switch, contact address and service URLs.
import type { Database } from 'better-sqlite3';
import {
  DEFAULT_ONLINE_SETTINGS,
  type OnlineService,
  type OnlineSettings,
} from '../../../shared/domain/online';
import { APP_VERSION } from '../../../shared/version';
import { HttpClient } from '../net/http';
import { HostRateLimiter } from '../net/rate-limit';
import type { Library } from '../library';

const KEY = 'online';

export type OnlineSettingsPatch = Partial<Omit<OnlineSettings, 'baseUrls'>> & {
  baseUrls?: Partial<Record<OnlineService, string>>;
};

export function readOnlineSettings(db: Database): OnlineSettings {
  const raw = db
    .prepare<[string], string>('SELECT value FROM settings WHERE key = ?')
    .pluck()
    .get(KEY);
  const stored = raw ? (JSON.parse(raw) as Partial<OnlineSettings>) : {};
  return {
    ...DEFAULT_ONLINE_SETTINGS,
    ...stored,
    baseUrls: { ...DEFAULT_ONLINE_SETTINGS.baseUrls, ...(stored.baseUrls ?? {}) },
  };
}

export function writeOnlineSettings(db: Database, patch: OnlineSettingsPatch): OnlineSettings {
  const current = readOnlineSettings(db);
  const next: OnlineSettings = {
    ...current,
    ...patch,
    baseUrls: { ...current.baseUrls, ...(patch.baseUrls ?? {}) },
  };
  // Base URLs are stored without a trailing slash so paths join predictably.
  for (const k of Object.keys(next.baseUrls) as OnlineService[]) {
    next.baseUrls[k] = next.baseUrls[k].replace(/\/+$/, '');
  }
  db.prepare(
    `INSERT INTO settings (key, value) VALUES (?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  ).run(KEY, JSON.stringify(next));
  return next;
}

export function userAgent(settings: OnlineSettings): string {
  const contact = settings.contactEmail ? `; mailto:${settings.contactEmail}` : '';
  return `Shelfmark/${APP_VERSION} (offline-first reference manager${contact})`;
}

// One limiter per open library, so spacing holds across calls (a host's next free slot).
const limiters = new WeakMap<Library, HostRateLimiter>();

/** An HTTP client configured from the library's current settings. */
export function httpFor(lib: Library, settings = readOnlineSettings(lib.db)): HttpClient {
  let limiter = limiters.get(lib);
  if (!limiter) {
    limiter = new HostRateLimiter();
    limiters.set(lib, limiter);
  }
  return new HttpClient(
    {
      enabled: settings.enabled,
      userAgent: userAgent(settings),
      timeoutMs: settings.timeoutMs,
      retries: settings.retries,
    },
    { limiter },
  );
}

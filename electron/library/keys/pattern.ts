// The library's citation-key pattern, stored in settings as `citationKeyPattern`.
import type { Database } from 'better-sqlite3';
import { AppError } from '../errors';
import { DEFAULT_KEY_PATTERN, KEY_TOKENS } from './generate';

export function getKeyPattern(db: Database): string {
  const v = db
    .prepare<[], string>(`SELECT value FROM settings WHERE key = 'citationKeyPattern'`)
    .pluck()
    .get();
  return v ? (JSON.parse(v) as string) : DEFAULT_KEY_PATTERN;
}

/** Checks every `[token:filter]` so a typo is an error now, not odd keys later. */
export function validateKeyPattern(pattern: string): void {
  if (!pattern.trim()) throw new AppError('invalid_input', 'The key pattern is empty.');
  const stripped = pattern.replace(
    /\[([A-Za-z]+[0-9]*)((?::[a-z]+)*)\]/g,
    (m, token: string, filters: string) => {
      const t = token.replace(/[0-9]+$/, '');
      if (!KEY_TOKENS.includes(t.toLowerCase()))
        throw new AppError(
          'invalid_input',
          `Unknown key pattern token [${token}]; use one of ${KEY_TOKENS.join(', ')}.`,
        );
      for (const f of filters.split(':').filter(Boolean))
        if (!['lower', 'upper', 'nopunct'].includes(f))
          throw new AppError(
            'invalid_input',
            `Unknown key pattern filter :${f}; use lower, upper or nopunct.`,
          );
      return m.length > 0 ? '' : m;
    },
  );
  if (/[[\]\s{}(),"#%'=\\~]/.test(stripped))
    throw new AppError(
      'invalid_input',
      `The key pattern has characters BibTeX keys cannot hold: ${JSON.stringify(stripped)}`,
    );
}

export function setKeyPattern(db: Database, pattern: string): void {
  validateKeyPattern(pattern);
  db.prepare(
    `INSERT INTO settings (key, value) VALUES ('citationKeyPattern', ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  ).run(JSON.stringify(pattern));
}

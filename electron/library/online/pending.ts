// Identifiers that could not be looked up yet (offline, a service down, rate-limited, unknown):
// kept with the reason so the user sees why, and retried later.
import type { Database } from 'better-sqlite3';
import type { Identifier, IdentifierKind } from '../../../shared/domain/identifiers';
import type { PendingIdentifier, PendingReason } from '../../../shared/domain/online';
import { now } from '../items/repo';

interface PendingDbRow {
  id: number;
  kind: string;
  value: string;
  version: string;
  input: string;
  reason_code: string;
  reason: string;
  attempts: number;
  download_pdf: number;
  date_added: string;
  last_attempt: string | null;
}

function toPending(r: PendingDbRow): PendingIdentifier {
  return {
    id: r.id,
    kind: r.kind as IdentifierKind,
    value: r.value,
    version: r.version,
    input: r.input,
    reasonCode: r.reason_code as PendingReason,
    reason: r.reason,
    attempts: r.attempts,
    downloadPdf: r.download_pdf === 1,
    dateAdded: r.date_added,
    lastAttempt: r.last_attempt,
  };
}

export function listPending(db: Database, ids?: readonly number[]): PendingIdentifier[] {
  const rows = db
    .prepare<[], PendingDbRow>('SELECT * FROM pending_identifiers ORDER BY date_added, id')
    .all()
    .map(toPending);
  if (!ids) return rows;
  const wanted = new Set(ids);
  return rows.filter((r) => wanted.has(r.id));
}

/** Records (or updates) one pending identifier; returns its row. */
export function upsertPending(
  db: Database,
  id: Identifier,
  reasonCode: PendingReason,
  reason: string,
  downloadPdf: boolean,
  attempted: boolean,
): PendingIdentifier {
  const stamp = now();
  db.prepare(
    `INSERT INTO pending_identifiers
       (kind, value, version, input, reason_code, reason, attempts, download_pdf, date_added, last_attempt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (kind, value, version) DO UPDATE SET
       reason_code = excluded.reason_code, reason = excluded.reason,
       attempts = attempts + excluded.attempts, last_attempt = coalesce(excluded.last_attempt, last_attempt),
       download_pdf = max(download_pdf, excluded.download_pdf)`,
  ).run(
    id.kind,
    id.value,
    id.version ?? '',
    id.input,
    reasonCode,
    reason.slice(0, 1_000),
    attempted ? 1 : 0,
    downloadPdf ? 1 : 0,
    stamp,
    attempted ? stamp : null,
  );
  const row = db
    .prepare<[string, string, string], PendingDbRow>(
      'SELECT * FROM pending_identifiers WHERE kind = ? AND value = ? AND version = ?',
    )
    .get(id.kind, id.value, id.version ?? '')!;
  return toPending(row);
}

export function removePending(
  db: Database,
  id: Pick<Identifier, 'kind' | 'value' | 'version'>,
): void {
  db.prepare('DELETE FROM pending_identifiers WHERE kind = ? AND value = ? AND version = ?').run(
    id.kind,
    id.value,
    id.version ?? '',
  );
}

export function dismissPending(db: Database, ids: readonly number[]): number {
  const stmt = db.prepare('DELETE FROM pending_identifiers WHERE id = ?');
  return ids.reduce((n, id) => n + stmt.run(id).changes, 0);
}

export function pendingToIdentifier(p: PendingIdentifier): Identifier {
  return {
    kind: p.kind,
    value: p.value,
    input: p.input,
    ...(p.version ? { version: p.version } : {}),
  };
}

import { useCallback, useEffect, useRef, useState } from 'react';
import type { Backup } from '../../../shared/api/backups';
import { invoke } from '../api/client';

interface Props {
  open: boolean;
  onClose(): void;
}

function size(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const REASONS: Record<string, string> = {
  daily: 'Daily',
  manual: 'Made by hand',
  'pre-migration': 'Before an upgrade',
  'before-restore': 'Before a restore',
  'before-empty-trash': 'Before emptying the trash',
};

/**
 * Settings → Backups: the verified backups of this library, newest first, with "Back up now"
 * and "Restore". A restore first backs up the current state, so it can be undone.
 */
export function BackupsDialog({ open, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [backups, setBackups] = useState<Backup[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    invoke('backups.list', {})
      .then(setBackups)
      .catch((e: unknown) => setStatus((e as Error).message));
  }, []);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      setStatus(null);
      load();
    }
    if (!open && d.open) d.close();
  }, [open, load]);

  const run = (work: () => Promise<string>) => {
    setBusy(true);
    work()
      .then((message) => setStatus(message))
      .catch((e: unknown) => setStatus((e as Error).message))
      .finally(() => {
        setBusy(false);
        load();
      });
  };

  const restore = (b: Backup) => {
    const when = new Date(b.createdAt).toLocaleString();
    if (
      !window.confirm(
        `Restore the library as it was on ${when}? The current state is backed up first.`,
      )
    )
      return;
    run(() =>
      invoke('backups.restore', { name: b.name }).then(() => `Restored the backup of ${when}.`),
    );
  };

  return (
    <dialog ref={ref} aria-labelledby="backups-title" onClose={onClose} className="dialog">
      <form method="dialog">
        <h2 id="backups-title">Backups</h2>
        <p>
          Shelfmark keeps the newest seven verified backups: daily, before upgrades and before large
          deletions.
        </p>
        {status ? <p role="status">{status}</p> : null}
        {backups.length === 0 ? (
          <p>No backups yet.</p>
        ) : (
          <table aria-label="Backups">
            <thead>
              <tr>
                <th scope="col">Made</th>
                <th scope="col">Why</th>
                <th scope="col">Size</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {backups.map((b) => (
                <tr key={b.name}>
                  <td>{new Date(b.createdAt).toLocaleString()}</td>
                  <td>{REASONS[b.reason] ?? b.reason}</td>
                  <td>{size(b.size)}</td>
                  <td>
                    <button type="button" disabled={busy} onClick={() => restore(b)}>
                      Restore
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="dialog-buttons">
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              run(() =>
                invoke('backups.create', {}).then((b) => `Backed up (${size(b.size)}, verified).`),
              )
            }
          >
            Back up now
          </button>
          <button type="submit">Close</button>
        </div>
      </form>
    </dialog>
  );
}

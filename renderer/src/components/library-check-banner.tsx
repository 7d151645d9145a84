import { useEffect, useState } from 'react';
import type { LibraryCheck } from '../../../shared/api/events';
import { invoke } from '../api/client';
import { useEngineEvent } from '../hooks/use-engine-event';

/**
 * The start-up integrity check runs in the background after the first rows are shown. If it
 * finds the file damaged, say so here and offer the newest backup that passes its check
 * (the engine refuses every change meanwhile, so nothing more goes into the damaged file).
 */
export function LibraryCheckBanner() {
  const [check, setCheck] = useState<LibraryCheck>({ state: 'checking' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEngineEvent('library.check', setCheck);
  // the verdict may have come before this component subscribed: ask once
  useEffect(() => {
    invoke('library.check', {}).then(setCheck, () => {});
  }, []);
  if (check.state !== 'damaged') return null;
  const backup = check.backup;
  const restore = () => {
    if (!backup) return;
    setBusy(true);
    invoke('backups.restore', { name: backup.name }).then(
      () => setBusy(false),
      (e: Error) => {
        setBusy(false);
        setError(e.message);
      },
    );
  };
  return (
    <div role="alert" aria-label="Library damaged" className="error-bar">
      <span>
        {check.message} Changes are not saved until a backup is restored.
        {error ? ` ${error}` : ''}
      </span>
      {backup ? (
        <button type="button" disabled={busy} onClick={restore}>
          Restore backup of {new Date(backup.createdAt).toLocaleString()}
        </button>
      ) : null}
    </div>
  );
}

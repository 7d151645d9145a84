import type { ImportReport } from '../../../shared/domain/import';
import { useModal } from '../hooks/use-modal';

/** One file's outcome: its report, or the error that stopped it before anything was stored. */
export interface FileOutcome {
  file: string;
  report?: ImportReport;
  error?: string;
}

/** Rows shown per list; a file with thousands of bad entries must not freeze the dialog. */
const MAX_SHOWN = 500;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * What an import did: counts per file, each duplicate, and each problem (skipped entry) and
 * warning (imported entry worth a look) with file, line and reason.
 */
export function ImportReportDialog({
  outcomes,
  onClose,
}: {
  outcomes: FileOutcome[] | null;
  onClose(): void;
}) {
  const ref = useModal(outcomes !== null);
  const list = outcomes ?? [];
  const total = (k: 'imported' | 'skipped') => list.reduce((n, o) => n + (o.report?.[k] ?? 0), 0);
  const dups = list.reduce((n, o) => n + (o.report?.duplicates.length ?? 0), 0);
  const problems = list.flatMap((o) => o.report?.problems ?? []);
  // `?? []`: a report from an engine older than the warnings list has none
  const warnings = list.flatMap((o) => o.report?.warnings ?? []);
  const renamed = list.flatMap((o) =>
    (o.report?.renamedKeys ?? []).map((k) => ({ ...k, file: o.file })),
  );
  return (
    <dialog ref={ref} aria-labelledby="report-title" onClose={onClose} className="dialog wide">
      <form method="dialog">
        <h2 id="report-title">Import report</h2>
        <p role="status" aria-label="Import summary">
          {plural(total('imported'), 'item')} imported, {total('skipped')} skipped,{' '}
          {plural(dups, 'duplicate')}
        </p>
        {list.map((o, i) =>
          o.report?.notice ? (
            <p key={`${o.file}-n${i}`} role="note">
              {o.report.notice}
            </p>
          ) : null,
        )}
        <table className="report-table" aria-label="Files">
          <thead>
            <tr>
              <th>File</th>
              <th>Format</th>
              <th>Imported</th>
              <th>Skipped</th>
              <th>Duplicates</th>
            </tr>
          </thead>
          <tbody>
            {list.map((o, i) => (
              <tr key={`${o.file}-${i}`}>
                <td>{o.file}</td>
                {o.report ? (
                  <>
                    <td>{o.report.format}</td>
                    <td>{o.report.imported}</td>
                    <td>{o.report.skipped}</td>
                    <td>{o.report.duplicates.length}</td>
                  </>
                ) : (
                  <td colSpan={4} role="alert">
                    Not imported: {o.error}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {dups > 0 ? (
          <section aria-label="Duplicates">
            <h3>Duplicates</h3>
            <ul className="report-list">
              {list
                .flatMap((o) =>
                  (o.report?.duplicates ?? []).map((d, i) => (
                    <li key={`${o.file}-d${i}`}>
                      {o.file}, line {d.line}: “{d.title}” — {d.reason}
                    </li>
                  )),
                )
                .slice(0, MAX_SHOWN)}
            </ul>
          </section>
        ) : null}
        {renamed.length > 0 ? (
          <section aria-label="Changed citation keys">
            <h3>Changed citation keys</h3>
            <p className="muted">These keys were already in use; the entries got new ones.</p>
            <ul className="report-list">
              {renamed.slice(0, MAX_SHOWN).map((k, i) => (
                <li key={`${k.file}-k${i}`}>
                  {k.file}, line {k.line}: {k.from} → {k.to}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {problems.length > 0 ? (
          <section aria-label="Problems">
            <h3>Problems</h3>
            <table className="report-table" aria-label="Problems">
              <thead>
                <tr>
                  <th>File</th>
                  <th>Line</th>
                  <th>Reason</th>
                </tr>
              </thead>
              <tbody>
                {problems.slice(0, MAX_SHOWN).map((p, i) => (
                  <tr key={i}>
                    <td>{p.file}</td>
                    <td>{p.line}</td>
                    <td>{p.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {problems.length > MAX_SHOWN ? (
              <p className="muted">…and {problems.length - MAX_SHOWN} more problems.</p>
            ) : null}
          </section>
        ) : null}
        {warnings.length > 0 ? (
          <section aria-label="Warnings">
            <h3>Warnings</h3>
            <p className="muted">These entries were imported; check them.</p>
            <table className="report-table" aria-label="Warnings">
              <thead>
                <tr>
                  <th>File</th>
                  <th>Line</th>
                  <th>Warning</th>
                </tr>
              </thead>
              <tbody>
                {warnings.slice(0, MAX_SHOWN).map((w, i) => (
                  <tr key={i}>
                    <td>{w.file}</td>
                    <td>{w.line}</td>
                    <td>{w.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {warnings.length > MAX_SHOWN ? (
              <p className="muted">…and {warnings.length - MAX_SHOWN} more warnings.</p>
            ) : null}
          </section>
        ) : null}
        <div className="dialog-buttons">
          <button type="submit" className="primary" onClick={onClose} autoFocus>
            Close
          </button>
        </div>
      </form>
    </dialog>
  );
}

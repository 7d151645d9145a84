import { useCallback, useEffect, useState } from 'react';
import {
  CITATION_LOCALES,
  type CitationLocale,
  type CitationSettings,
  type CitationStyle,
} from '../../../shared/domain/cite';
import { invoke } from '../api/client';
import { useEngineEvent } from '../hooks/use-engine-event';

interface Props {
  ids: number[];
  onError(message: string): void;
}

/** Puts HTML and plain text on the clipboard together, so rich editors keep the formatting. */
async function copy(text: string, html?: string): Promise<void> {
  if (html !== undefined && typeof ClipboardItem !== 'undefined') {
    await navigator.clipboard.write([
      new ClipboardItem({
        'text/html': new Blob([html], { type: 'text/html' }),
        'text/plain': new Blob([text], { type: 'text/plain' }),
      }),
    ]);
    return;
  }
  await navigator.clipboard.writeText(text);
}

/** Copy the selection as a formatted bibliography, an in-text citation or \cite; style settings. */
export function CiteActions({ ids, onError }: Props) {
  const [styles, setStyles] = useState<CitationStyle[]>([]);
  const [settings, setSettings] = useState<CitationSettings | null>(null);
  const [done, setDone] = useState('');

  const load = useCallback(() => {
    Promise.all([invoke('cite.styles', {}), invoke('cite.settings', {})])
      .then(([s, c]) => {
        setStyles(s);
        setSettings(c);
      })
      .catch((e: unknown) => onError((e as Error).message));
  }, [onError]);
  useEffect(load, [load]);
  useEngineEvent('library.changed', (e) => {
    if (e.kinds.includes('settings') || e.kinds.includes('citeStyles')) load();
  });

  const styleTitle = styles.find((s) => s.id === settings?.style)?.title ?? settings?.style ?? '';
  const run = (what: string, job: () => Promise<void>) => {
    setDone('');
    job()
      .then(() => setDone(`Copied ${what}`))
      .catch((e: unknown) => onError((e as Error).message));
  };
  const bibliography = () =>
    run(`${styleTitle} bibliography`, async () => {
      const f = await invoke('cite.bibliography', { ids });
      await copy(f.text, f.html);
    });
  const citation = () =>
    run('citation', async () => {
      const f = await invoke('cite.citation', { ids });
      await copy(f.text, f.html);
    });
  const latex = () =>
    run('\\cite', async () => {
      await copy(await invoke('cite.latex', { ids }));
    });

  const change = (patch: { style?: string; locale?: CitationLocale }) => {
    invoke('cite.setSettings', patch as { style?: 'apa'; locale?: CitationLocale })
      .then(setSettings)
      .catch((e: unknown) => onError((e as Error).message));
  };
  const addStyle = (file: File | undefined) => {
    if (!file) return;
    file
      .text()
      .then((xml) => invoke('cite.addStyle', { xml }))
      .then((s) => change({ style: s.id }))
      .catch((e: unknown) => onError((e as Error).message));
  };

  return (
    <section className="cite" aria-labelledby="cite-heading">
      <h3 id="cite-heading">Cite</h3>
      <div className="cite-buttons">
        <button type="button" onClick={bibliography}>
          Copy bibliography
        </button>
        <button type="button" onClick={citation}>
          Copy citation
        </button>
        <button type="button" onClick={latex}>
          Copy \cite
        </button>
      </div>
      {/* only while there is news, so the pane holds one status at a time */}
      {done ? (
        <p role="status" className="hint">
          {done}
        </p>
      ) : null}
      {settings ? (
        <details className="cite-settings">
          <summary>Citation style: {styleTitle}</summary>
          <div className="field">
            <label htmlFor="cite-style">Citation style</label>
            <select
              id="cite-style"
              value={settings.style}
              onChange={(e) => change({ style: e.target.value })}
            >
              {styles.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="cite-locale">Citation locale</label>
            <select
              id="cite-locale"
              value={settings.locale}
              onChange={(e) => change({ locale: e.target.value as CitationLocale })}
            >
              {CITATION_LOCALES.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="cite-add-style">Add a CSL style (.csl)</label>
            <input
              id="cite-add-style"
              type="file"
              accept=".csl,application/xml,text/xml"
              onChange={(e) => {
                addStyle(e.target.files?.[0]);
                e.target.value = '';
              }}
            />
          </div>
        </details>
      ) : null}
    </section>
  );
}

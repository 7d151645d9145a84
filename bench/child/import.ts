// Child process: imports one .bib file into a fresh library through the engine's import call,
// then prints {ms, items, call} as JSON. Run as a child so its peak RSS is the import's own.
// The import call is found in the contract by name and input shape, so this file needs no
// change when the import issue lands.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CALL_NAMES, type CallName, contract } from '../../shared/api/contract';
import { call } from '../../electron/cli/command';
import { Library } from '../../electron/library/library';

export function findImportCall(
  file: string,
  text: () => string,
): { name: CallName; input: object } | null {
  const shapes = [
    // the import issue's call takes the file's text (the host reads the file)
    { text: '@misc{k,}', fileName: file, format: 'bibtex' },
    { path: file },
    { file },
    { paths: [file] },
    { files: [file] },
    { path: file, format: 'bibtex' },
    { file, format: 'bibtex' },
    { paths: [file], format: 'bibtex' },
    { files: [file], format: 'bibtex' },
  ];
  for (const name of CALL_NAMES.filter((n) => /^import|\.import/i.test(n))) {
    for (const input of shapes) {
      if (!contract[name].input.safeParse(input).success) continue;
      return { name, input: 'text' in input ? { ...input, text: text() } : input };
    }
  }
  return null;
}

if (process.argv[1] && /import\.ts$/.test(process.argv[1])) {
  const file = process.argv[2]!;
  // reading the file is part of the import, so it happens inside the timed section
  const t0 = performance.now();
  const found = findImportCall(file, () => readFileSync(file, 'utf8'));
  if (!found) {
    process.stdout.write(
      JSON.stringify({
        unavailable: 'no import call in the contract yet (import issue 3 not merged)',
      }) + '\n',
    );
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'shelfmark-bench-import-'));
    try {
      const lib = Library.open(dir);
      await call(lib, found.name, found.input as never);
      const ms = performance.now() - t0;
      const items = lib.db.prepare<[], number>('SELECT count(*) FROM items').pluck().get()!;
      const fts = lib.db.prepare<[], number>('SELECT count(*) FROM items_fts').pluck().get()!;
      lib.close();
      process.stdout.write(JSON.stringify({ ms, items, fts, call: found.name }) + '\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

// Bundles the Electron main process and preload into dist/electron. The preload is CommonJS
// because sandboxed preloads cannot be ES modules; better-sqlite3 stays external (native).
import { copyFileSync, mkdirSync } from 'node:fs';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: false,
  logLevel: 'warning',
  // jsdom resolves worker files at run time, so it is loaded from node_modules, not bundled.
  external: ['electron', 'better-sqlite3', 'jsdom'],
};

await build({
  ...common,
  entryPoints: ['electron/main/main.ts'],
  outfile: 'dist/electron/main.cjs',
});
await build({
  ...common,
  entryPoints: ['electron/preload.ts'],
  outfile: 'dist/electron/preload.cjs',
});
// Auto-export formats and writes .bib files in a worker thread; run-export-worker.ts looks for
// this bundle beside main.cjs.
await build({
  ...common,
  entryPoints: ['electron/library/autoexport/export-worker.ts'],
  outfile: 'dist/electron/autoexport-worker.cjs',
});
// pdf.js runs in a worker thread whose file must exist on disk beside the bundle.
mkdirSync('dist/electron', { recursive: true });
copyFileSync('electron/library/pdf/pdf-worker.mjs', 'dist/electron/pdf-worker.mjs');
copyFileSync('electron/library/pdf/page-text.mjs', 'dist/electron/page-text.mjs');
copyFileSync('electron/library/pdf/text-only-pdfjs.mjs', 'dist/electron/text-only-pdfjs.mjs');
copyFileSync('electron/library/db/pragma-worker.mjs', 'dist/electron/pragma-worker.mjs');
copyFileSync('electron/library/import/fts-fill-worker.mjs', 'dist/electron/fts-fill-worker.mjs');

// Builds better-sqlite3 for Electron's ABI into build-electron/, leaving the Node build in
// node_modules untouched (tests, the CLI and the web host keep using it). The Electron main
// process loads this copy through better-sqlite3's `nativeBinding` option.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
const work = mkdtempSync(join(tmpdir(), 'shelfmark-sqlite-electron-'));
cpSync(sqliteDir, join(work, 'better-sqlite3'), { recursive: true });
const pkg = join(work, 'better-sqlite3');
rmSync(join(pkg, 'build'), { recursive: true, force: true });
console.log(
  `Building better-sqlite3 for Electron ${electronVersion} (needs Electron's headers from the internet) …`,
);
execFileSync(
  process.platform === 'win32' ? 'npx.cmd' : 'npx',
  [
    'node-gyp',
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    '--dist-url=https://electronjs.org/headers',
    '--runtime=electron',
  ],
  { cwd: pkg, stdio: 'inherit', env: { ...process.env, npm_config_nodedir: '' } },
);
mkdirSync('build-electron', { recursive: true });
copyFileSync(
  join(pkg, 'build', 'Release', 'better_sqlite3.node'),
  join('build-electron', 'better_sqlite3.node'),
);
rmSync(work, { recursive: true, force: true });
console.log('Wrote build-electron/better_sqlite3.node');

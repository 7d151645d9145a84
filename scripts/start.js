// `npm start`: launch the Electron app, or say in one sentence why it cannot start here.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function electronBinary() {
  const dir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(dir, 'path.txt');
  const find = () => {
    if (!existsSync(pathFile)) return null;
    const bin = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(bin) ? bin : null;
  };
  if (find()) return find();
  // Electron downloads its binary on first use; try once, quietly, and report plainly.
  spawnSync(process.execPath, [join(dir, 'install.js')], { stdio: 'ignore', timeout: 120_000 });
  return find();
}

if (!existsSync('dist/electron/main.cjs') || !existsSync('dist/renderer/index.html')) {
  const r = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const bin = electronBinary();
if (!bin) {
  console.error(
    'Shelfmark cannot open its desktop window because the Electron binary could not be downloaded on this machine; run `npx shelfmark serve` to use Shelfmark in your browser instead.',
  );
  process.exit(1);
}
const child = spawn(bin, ['dist/electron/main.cjs', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
child.on('exit', (code) => process.exit(code ?? 0));

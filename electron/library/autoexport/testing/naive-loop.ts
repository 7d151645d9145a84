// Control for the kill -9 test: rewrites a file in place (truncate, then write), the way an
// exporter must not. Each rewrite goes out in fsynced chunks, as a large export to a slow disk
// does, so a kill lands inside a rewrite nearly every time on any machine.
import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';

const [file] = process.argv.slice(2);
const base = readFileSync(file!, 'utf8');
process.stdout.write('ready\n');
for (let n = 0; ; n++) {
  const text = base.replace('Title 1', `Title ${n}`);
  const fd = openSync(file!, 'w');
  for (let i = 0; i < text.length; i += 16_384) {
    writeSync(fd, text.slice(i, i + 16_384));
    fsyncSync(fd);
  }
  closeSync(fd);
}

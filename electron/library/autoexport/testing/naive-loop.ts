// Control for the kill -9 test: rewrites a file in place (no temp file, no rename), the way an
// exporter must not. Killing this shows the test would catch a non-atomic writer.
import { readFileSync, writeFileSync } from 'node:fs';

const [file] = process.argv.slice(2);
const base = readFileSync(file!, 'utf8');
process.stdout.write('ready\n');
for (let n = 0; ; n++) writeFileSync(file!, base.replace('Title 1', `Title ${n}`));

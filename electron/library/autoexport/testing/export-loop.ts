// Child process for the kill -9 test: exports one binding over and over, changing an item
// before each export so every write differs. The parent kills it at random moments.
import { Library } from '../../library';
import { bindingRow } from '../bindings';
import { runBinding } from '../service';
import { registerTestFormat } from './test-format';

const [folder, bindingId] = process.argv.slice(2);
registerTestFormat();
const lib = Library.open(folder!);
const id = Number(bindingId);
const itemIds = lib.db.prepare<[], number>('SELECT id FROM items').pluck().all();
process.stdout.write('ready\n');
for (let n = 0; ; n++) {
  const item = itemIds[n % itemIds.length]!;
  lib.write(() =>
    lib.db
      .prepare('UPDATE items SET title = ? WHERE id = ?')
      .run(`Edited ${process.pid} ${n}`, item),
  );
  const r = await runBinding(lib, bindingRow(lib.db, id));
  if (r.error) {
    process.stderr.write(`${r.error}\n`);
    process.exit(1);
  }
  process.stdout.write(`wrote ${n}\n`);
}

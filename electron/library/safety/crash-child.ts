// Child process of the crash test: opens a library and imports `count` generated items in ONE
// transaction, announcing "begin" before and "committed" after, so the parent can SIGKILL it
// at a random moment in between. (Switch to the BibTeX import pipeline when it lands on main.)
import { insertItem } from '../items/repo';
import { Library } from '../library';

const [folder, countArg, runArg, cacheArg] = process.argv.slice(2);
if (!folder || !countArg) {
  process.stderr.write('usage: crash-child FOLDER COUNT [RUN]\n');
  process.exit(2);
}
const count = Number(countArg);
const run = runArg ?? '0';
const lib = Library.open(folder);
// A small page cache makes SQLite spill the open transaction into the WAL as it goes, so kills
// also land while uncommitted frames are being written (not only during the commit).
if (cacheArg) lib.db.pragma(`cache_size = -${Number(cacheArg)}`);
process.stdout.write('begin\n');
lib.write(() => {
  for (let i = 0; i < count; i++) {
    insertItem(lib.db, {
      type: 'article',
      title: `Imported paper ${run}-${i} on crash safety of write-ahead logs`,
      date: String(1990 + (i % 35)),
      venue: `Journal ${i % 97}`,
      doi: `10.5555/crash.${run}.${i}`,
      abstract: 'x'.repeat(200 + (i % 300)),
      creators: [
        {
          role: 'author',
          family: `Family${i % 1000}`,
          given: 'Ada',
          prefix: '',
          suffix: '',
          literal: '',
        },
        {
          role: 'author',
          family: `Other${i % 313}`,
          given: 'Alan',
          prefix: '',
          suffix: '',
          literal: '',
        },
      ],
      fields: { note: `generated ${i}` },
    });
  }
});
process.stdout.write('committed\n');
lib.close();

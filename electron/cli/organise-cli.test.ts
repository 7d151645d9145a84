import { afterEach, expect, it } from 'vitest';
import { tempFolder } from '../test-support/temp-library';
import { runCliText } from '../test-support/cli';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function cli(folder: string, ...args: string[]) {
  return runCliText(['--library', folder, ...args]);
}

it('tags items by key, lists tags and collections, merges duplicates and undoes', async () => {
  const { folder, cleanup } = tempFolder();
  cleanups.push(cleanup);
  await cli(
    folder,
    'add',
    '--title',
    'Attention Is All You Need',
    '--author',
    'Vaswani, Ashish',
    '--year',
    '2017',
    '--doi',
    '10.5555/3295222',
  );
  await cli(
    folder,
    'add',
    '--title',
    'Attention is all you need',
    '--author',
    'Vaswani, A.',
    '--year',
    '2017',
    '--doi',
    'https://doi.org/10.5555/3295222',
    '--key',
    'dup',
  );
  expect(
    await cli(folder, 'tag', 'vaswani2017attention', 'dup', '--add', 'ml/nlp', '--add', 'classic'),
  ).toMatchObject({ code: 0, out: 'added 4 tag links' });
  expect(await cli(folder, 'tag', 'nokey', '--add', 'x')).toMatchObject({
    code: 1,
    err: 'tag: no item with key nokey; nothing changed',
  });
  expect((await cli(folder, 'tags')).out.split('\n')).toEqual(['classic\t2', 'ml/nlp\t2']);
  expect((await cli(folder, 'collections')).out).toBe('');
  const dups = await cli(folder, 'duplicates', '--merge-all');
  expect(dups.out.split('\n')).toEqual([
    'doi+title: *vaswani2017attention dup',
    '1 group (* = kept when merged)',
    'merged 1 item into 1; `shelfmark undo` reverts it',
  ]);
  expect((await cli(folder, 'list')).out.split('\n')).toHaveLength(1);
  expect(await cli(folder, 'undo')).toMatchObject({ code: 0, out: 'undone: Merge 2 duplicates' });
  expect((await cli(folder, 'list')).out.split('\n')).toHaveLength(2);
  expect(await cli(folder, 'undo')).toMatchObject({ code: 1 });
});

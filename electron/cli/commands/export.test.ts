import { afterEach, describe, expect, it } from 'vitest';
import { EXPORT_FORMATS } from '../../library/formats/index';
import { tempFolder } from '../../test-support/temp-library';
import { runCliText } from '../../test-support/cli';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

describe('shelfmark export usage', () => {
  it('lists every format the command accepts, and accepts every format it lists', async () => {
    const { folder, cleanup } = tempFolder();
    cleanups.push(cleanup);
    const help = await runCliText(['--library', folder, 'export', '--help']);
    const listed = /--format (\S+)/.exec(help.out)?.[1]?.split('|');
    expect(listed).toEqual(EXPORT_FORMATS.map((f) => f.id));
    expect(listed).toContain('text');
    await runCliText(['--library', folder, 'add', '--title', 'Listed']);
    for (const format of listed!) {
      const r = await runCliText(['--library', folder, 'export', '--format', format]);
      expect(r.err, format).toBe('');
      expect(r.code, format).toBe(0);
    }
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Library } from '../../library/library';
import {
  type LocalServer,
  localOnlineSettings,
  serviceRoutes,
  startLocalServer,
} from '../../library/online/testdata/local-server';
import { writeOnlineSettings } from '../../library/online/settings';
import { runCliLines } from '../../test-support/cli';

let dir: string;
let server: LocalServer;

function cli(...args: string[]) {
  return runCliLines(['--library', dir, ...args]);
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shelfmark-cli-id-'));
  server = await startLocalServer(serviceRoutes);
  const lib = Library.open(dir);
  lib.write(() => writeOnlineSettings(lib.db, localOnlineSettings(server.url)));
  lib.close();
});
afterEach(() => server.close());

describe('shelfmark add --id', () => {
  it('adds several identifiers in one call', async () => {
    const r = await cli(
      'add',
      '--id',
      '10.1038/nature14539',
      '--id',
      'arXiv:1706.03762',
      '--id',
      '9780262033848',
    );
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(3);
    // In the order given, whichever service answered first.
    expect(r.out[0]).toMatch(/^added lecun2015deep \(id \d+\): Deep learning$/i);
    expect(r.out[1]).toMatch(/^added \S+ \(id \d+\): Attention Is All You Need$/);
    expect(r.out[2]).toMatch(/^added \S+ \(id \d+\): Introduction to algorithms$/);
    const list = await cli('list');
    expect(list.out).toHaveLength(3);
  });

  it('reports pending and invalid identifiers with exit code 1, lists and retries them', async () => {
    const port = Number(new URL(server.url).port);
    await server.close();
    const r = await cli('add', '--id', 'PMID 26017442', '--id', '978-0-262-03384-7');
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(
      /^pending PMID 26017442: PubMed \(127\.0\.0\.1:\d+\): connection refused$/,
    );
    expect(r.err[1]).toBe(
      'not an identifier: 978-0-262-03384-7: looks like an ISBN but its check digit is wrong',
    );

    const pending = await cli('add', '--pending');
    expect(pending.out[0]).toMatch(/^PMID 26017442\t1 attempt\(s\)\tPubMed/);

    server = await startLocalServer(serviceRoutes, port);
    const retry = await cli('add', '--retry');
    expect(retry.code).toBe(0);
    expect(retry.out[0]).toMatch(/: Deep learning$/);
    expect((await cli('add', '--pending')).out).toEqual(['no pending identifiers']);
  });
});

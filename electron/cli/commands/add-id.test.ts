import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type LocalServer,
  serviceRoutes,
  startLocalServer,
} from '../../library/online/testdata/local-server';
import { runCliLines } from '../../test-support/cli';
import { folderWithLocalServices } from '../../test-support/online';

let dir: string;
let server: LocalServer;

function cli(...args: string[]) {
  return runCliLines(['--library', dir, ...args]);
}

beforeEach(async () => {
  ({ dir, server } = await folderWithLocalServices('shelfmark-cli-id-'));
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

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../hosts/dispatch';
import { handlers } from '../handlers/index';
import { getItem, insertItem, updateItem } from '../items/repo';
import { Library } from '../library';
import { expandKeyPattern } from './generate';

const open: Library[] = [];
afterEach(() => {
  for (const lib of open.splice(0)) {
    lib.close();
    rmSync(lib.folder, { recursive: true, force: true });
  }
});
function fresh(): Library {
  const lib = Library.open(mkdtempSync(join(tmpdir(), 'shelfmark-keys-')));
  open.push(lib);
  return lib;
}

const person = (family: string) => ({ role: 'author' as const, family, literal: '' });

describe('citation keys', () => {
  it('expands pattern tokens and filters', () => {
    const parts = {
      creators: [person('Müller'), person('Øster'), person('Li')],
      title: 'The Attention Mechanism in Łódź',
      year: 2019,
    };
    expect(expandKeyPattern('[auth:lower][year][shorttitle]', parts)).toBe('muller2019attention');
    expect(expandKeyPattern('[authors][shortyear]', parts)).toBe('MullerOsterLi19');
    expect(expandKeyPattern('[authetal]_[veryshorttitle]', parts)).toBe('MullerEtAl_Attention');
    expect(expandKeyPattern('[auth3:upper][title]', parts)).toBe('MULAttentionMechanismLodz');
  });

  it('stores the pattern, rejects bad ones, never changes keys on edits', async () => {
    const lib = fresh();
    const set = (pattern: string) => dispatch(handlers, lib, 'keys.setPattern', { pattern });
    expect(await set('[bogus]')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await set('[auth] [year]')).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await set('[auth:lower]-[year]')).toEqual({ ok: true, value: '[auth:lower]-[year]' });
    expect(await dispatch(handlers, lib, 'keys.getPattern', {})).toEqual({
      ok: true,
      value: '[auth:lower]-[year]',
    });
    const id = lib.write(() =>
      insertItem(lib.db, {
        type: 'article',
        title: 'X',
        date: '2020',
        creators: [{ ...person('Doe'), given: '', prefix: '', suffix: '' }],
      }),
    );
    const id2 = lib.write(() =>
      insertItem(lib.db, {
        type: 'article',
        title: 'Y',
        date: '2020',
        creators: [{ ...person('Doe'), given: '', prefix: '', suffix: '' }],
      }),
    );
    expect(getItem(lib.db, id).citationKey).toBe('doe-2020');
    expect(getItem(lib.db, id2).citationKey).toBe('doe-2020a');
    lib.write(() => updateItem(lib.db, id, { title: 'Changed', date: '1999' }));
    expect(getItem(lib.db, id).citationKey).toBe('doe-2020');
  });

  it('renames only on request, keeping the old key as an alias, refusing taken keys', async () => {
    const lib = fresh();
    const a = lib.write(() => insertItem(lib.db, { type: 'misc', citationKey: 'alpha' }));
    const b = lib.write(() => insertItem(lib.db, { type: 'misc', citationKey: 'beta' }));
    const rename = (id: number, key: string) =>
      dispatch(handlers, lib, 'items.renameKey', { id, key });
    expect(await rename(a, 'gamma')).toMatchObject({
      ok: true,
      value: { citationKey: 'gamma', keyAliases: ['alpha'] },
    });
    expect(await rename(b, 'ALPHA')).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await rename(b, 'Beta')).toMatchObject({
      ok: true,
      value: { citationKey: 'Beta', keyAliases: [] },
    });
    expect(await rename(b, 'has space')).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    // a new item cannot take a key still held as an alias
    const c = lib.write(() => insertItem(lib.db, { type: 'misc', citationKey: 'alpha' }));
    expect(getItem(lib.db, c).citationKey).toBe('alphaa');
  });
});

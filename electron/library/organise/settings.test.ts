// UI settings hold any JSON value, from the renderer over IPC (structured clone: BigInt and
// cycles get through) or the web host. A value JSON cannot hold is refused by the contract with
// a message naming it, as a result value (never a thrown error), and nothing is stored.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../hosts/dispatch';
import { handlers } from '../handlers/index';
import { openTestLibrary, type TestLib } from './test-support';

let t: TestLib;
beforeEach(() => {
  t = openTestLibrary();
});
afterEach(() => t.close());

const cyclic = (): unknown => {
  const o: Record<string, unknown> = { a: 1 };
  o.self = o;
  return o;
};

describe('settings.setUi refuses values JSON cannot store', () => {
  it.each([
    ['a missing value', undefined],
    ['a function', () => 1],
    ['a BigInt', 10n],
    ['a BigInt inside an object', { width: 10n }],
    ['a cyclic object', cyclic()],
  ])('%s', async (_what, value) => {
    const before = t.dump();
    const r = await dispatch(handlers, t.lib, 'settings.setUi', { key: 'table.columns', value });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!r.ok && r.error.message).toMatch(/at value: .*JSON/);
    expect(t.dump()).toEqual(before);
    expect(await t.call('settings.getUi', { key: 'table.columns' })).toBeNull();
  });

  it('still stores null, numbers and nested objects (the control case)', async () => {
    for (const value of [null, 0, { order: ['title'], widths: { title: 320 } }]) {
      await t.call('settings.setUi', { key: 'table.columns', value });
      expect(await t.call('settings.getUi', { key: 'table.columns' })).toEqual(value);
    }
  });
});

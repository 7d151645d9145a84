// A `__proto__` key in a call's input (JSON.parse keeps it as an ordinary key) is refused by the
// wrapper with a message naming where it is. zod itself silently drops such keys from records,
// so a field map with one was stored without it and with no word to the caller.
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handlers } from '../library/handlers/index';
import { insertItem } from '../library/items/repo';
import type { Library } from '../library/library';
import { tempLibrary } from '../library/testing/fixture-library';
import { dispatch } from './dispatch';

let lib: Library;
let id: number;
beforeEach(() => {
  lib = tempLibrary('shelfmark-proto-');
  id = lib.write(() => insertItem(lib.db, { type: 'article', fields: { volume: '1' } }));
});
afterEach(() => {
  lib.close();
  rmSync(lib.folder, { recursive: true, force: true });
});

const changes = () => lib.db.prepare<[], number>('SELECT total_changes()').pluck().get()!;

describe('__proto__ keys in inputs', () => {
  it.each([
    ['items.update', '{"id":1,"patch":{"fields":{"__proto__":"x","volume":"2"}}}', 'patch.fields'],
    ['items.create', '{"title":"t","fields":{"__proto__":{"polluted":"yes"}}}', 'fields'],
    [
      'settings.setUi',
      '{"key":"table.columns","value":{"widths":{"__proto__":{}}}}',
      'value.widths',
    ],
    ['items.list', '{"__proto__":{"limit":5}}', ''],
  ])('%s is refused, naming where, and changes nothing', async (name, json, where) => {
    const before = changes();
    const r = await dispatch(handlers, lib, name, JSON.parse(json));
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const message = r.ok ? '' : r.error.message;
    expect(message).toContain('__proto__');
    if (where) expect(message).toContain(` at ${where}:`);
    expect(changes()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a field map without one is stored whole (the control case)', async () => {
    const r = await dispatch(handlers, lib, 'items.update', {
      id,
      patch: { fields: { volume: '2', constructor: 'kept as an ordinary field' } },
    });
    expect(r.ok).toBe(true);
    const item = await dispatch(handlers, lib, 'items.get', { id });
    expect(item.ok && item.value).toMatchObject({
      fields: { volume: '2', constructor: 'kept as an ordinary field' },
    });
  });
});

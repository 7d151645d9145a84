// Names that come from imported files or typed by the user (an item type, a CSL or RIS type, a
// LaTeX command) are looked up in the formats' name tables. `constructor` or `toString` must
// read as an unknown name there, never as a property every JavaScript object inherits: that put
// "function toString() { [native code] }" into titles, made one item break the whole RIS
// export, and dropped whole records on import with a database binding error.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../testing/call';
import { tempLibrary } from '../testing/fixture-library';
import type { Library } from '../library';
import { rmSync } from 'node:fs';

let lib: Library;
beforeEach(() => {
  lib = tempLibrary('shelfmark-proto-');
});
afterEach(() => {
  lib.close();
  rmSync(lib.folder, { recursive: true, force: true });
});

const importOne = async (text: string, format: string) => {
  const r = await call(lib, 'import.text', { text, format });
  expect(r.problems).toEqual([]);
  expect(r.itemIds).toHaveLength(1);
  return call(lib, 'items.get', { id: r.itemIds[0]! });
};

describe('inherited JavaScript names are unknown names, not table entries', () => {
  it('a LaTeX command named like an Object method is not replaced by its source', async () => {
    const item = await importOne(
      '@article{a, title={Casting \\toString and \\constructor{x} \\valueOf y}, author={Doe, J}}',
      'bibtex',
    );
    expect(item.title).not.toMatch(/function|native code/);
    expect(item.title).toContain('x');
  });

  it('an item of type constructor exports to RIS, CSL-JSON and citations', async () => {
    const item = await call(lib, 'items.create', {
      type: 'constructor',
      title: 'Odd type',
      creators: [{ family: 'Roe' }],
    });
    const scope = { kind: 'selection' as const, ids: [item.id] };
    const ris = await call(lib, 'export.items', { format: 'ris', scope });
    expect(ris).toMatch(/^TY {2}- GEN$/m);
    const csl = JSON.parse(await call(lib, 'export.items', { format: 'csljson', scope })) as {
      type?: unknown;
    }[];
    expect(csl[0]!.type).toBe('document');
    const cited = await call(lib, 'cite.bibliography', { ids: [item.id] });
    expect(cited.text).toContain('Odd type');
  });

  it('records whose type is an Object method name import as misc, keeping the type', async () => {
    const csl = JSON.stringify([{ id: 'c', type: 'constructor', title: 'CSL odd' }]);
    expect((await importOne(csl, 'csljson')).type).toBe('misc');
    expect((await importOne('TY  - constructor\nTI  - RIS odd\nER  - \n', 'ris')).type).toBe(
      'misc',
    );
    expect((await importOne('%0 constructor\n%T ENW odd\n\n', 'enw')).type).toBe('misc');
    const xml = `<xml><records><record><ref-type name="constructor">constructor</ref-type>
      <titles><title>XML odd</title></titles></record></records></xml>`;
    expect((await importOne(xml, 'endnote-xml')).type).toBe('misc');
  });
});

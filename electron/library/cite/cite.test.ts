import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Library } from '../library';
import { addItem, person, tempLibrary } from '../testing/fixture-library';
import { call, callError } from '../testing/call';

let lib: Library;
let vaswani: number;
let muller: number;

// A tiny style written for this test: titles upper-cased, citations as [Family Year].
const TEST_STYLE = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Shelfmark &amp; test style</title><id>shelfmark-test</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation>
    <layout prefix="[" suffix="]" delimiter="; ">
      <names variable="author"><name form="short"/></names>
      <date variable="issued" prefix=" "><date-part name="year"/></date>
    </layout>
  </citation>
  <bibliography>
    <sort><key variable="title"/></sort>
    <layout><text variable="title" text-case="uppercase"/><text value=" / "/><names variable="author"><name/></names></layout>
  </bibliography>
</style>`;

beforeAll(() => {
  lib = tempLibrary();
  vaswani = addItem(lib, {
    type: 'article',
    citationKey: 'vaswani2017',
    title: 'Attention is all you need',
    date: '2017',
    venue: 'NeurIPS',
    doi: '10.5555/3295222.3295349',
    creators: [person('Vaswani', 'Ashish'), person('Shazeer', 'Noam')],
    fields: { volume: '30', pages: '5998--6008' },
  });
  muller = addItem(lib, {
    type: 'book',
    citationKey: 'muller2019',
    title: 'Über Bibliotheken <script>alert(1)</script>',
    date: '2019-05',
    venue: 'Springer',
    creators: [person('Müller', 'Jürgen')],
  });
});
afterAll(() => lib.close());

describe('formatted citations', () => {
  it('formats an APA bibliography as HTML and text, sorted by author', async () => {
    const b = await call(lib, 'cite.bibliography', { ids: [vaswani, muller], style: 'apa' });
    expect(b.text.split('\n')).toEqual([
      'Müller, J. (2019). Über Bibliotheken <script>alert(1)</script>. Springer.',
      'Vaswani, A., & Shazeer, N. (2017). Attention is all you need. NeurIPS, 30, 5998–6008. https://doi.org/10.5555/3295222.3295349',
    ]);
    expect(b.html).toContain('<div class="csl-bib-body">');
    expect(b.html).toContain('<i>NeurIPS</i>, <i>30</i>');
    // field text is escaped, never passed through as markup
    expect(b.html).not.toContain('<script>');
    expect(b.html).toContain('&#60;script&#62;');
  });

  it('formats Vancouver (numbered, in citation order) and Harvard', async () => {
    const v = await call(lib, 'cite.bibliography', { ids: [vaswani, muller], style: 'vancouver' });
    expect(v.text.split('\n')[0]).toBe(
      '1. Vaswani A, Shazeer N. Attention is all you need. NeurIPS. 2017;30:5998–6008. doi:10.5555/3295222.3295349',
    );
    expect(v.text.split('\n')[1]).toMatch(/^2\. Müller J\. Über Bibliotheken/);
    const h = await call(lib, 'cite.bibliography', { ids: [vaswani], style: 'harvard1' });
    expect(h.text).toBe(
      'Vaswani, A. and Shazeer, N. (2017) “Attention is all you need,” NeurIPS, 30, pp. 5998–6008. Available at: https://doi.org/10.5555/3295222.3295349.',
    );
  });

  it('formats in-text citations and \\cite commands', async () => {
    expect((await call(lib, 'cite.citation', { ids: [vaswani, muller], style: 'apa' })).text).toBe(
      '(Müller, 2019; Vaswani & Shazeer, 2017)',
    );
    expect((await call(lib, 'cite.citation', { ids: [vaswani], style: 'vancouver' })).text).toBe(
      '(1)',
    );
    expect(await call(lib, 'cite.latex', { ids: [vaswani, muller] })).toBe(
      '\\cite{vaswani2017,muller2019}',
    );
    expect(await call(lib, 'cite.latex', { ids: [muller], command: 'parencite' })).toBe(
      '\\parencite{muller2019}',
    );
  });

  it('uses the default style and locale from the library settings', async () => {
    expect(await call(lib, 'cite.settings', {})).toEqual({ style: 'apa', locale: 'en-US' });
    await call(lib, 'cite.setSettings', { style: 'harvard1', locale: 'de-DE' });
    const b = await call(lib, 'cite.bibliography', { ids: [vaswani] });
    expect(b.text).toContain('Vaswani, A. und Shazeer, N. (2017)');
    expect(b.text).toContain('Verfügbar unter');
    await call(lib, 'cite.setSettings', { style: 'apa', locale: 'en-US' });
    expect((await callError(lib, 'cite.setSettings', { style: 'user-999' })).code).toBe(
      'not_found',
    );
    expect((await callError(lib, 'cite.setSettings', { locale: 'xx-XX' as 'en-US' })).code).toBe(
      'invalid_input',
    );
  });

  it('adds a user .csl style, formats with it, and removes it', async () => {
    const style = await call(lib, 'cite.addStyle', { xml: TEST_STYLE });
    expect(style).toMatchObject({ title: 'Shelfmark & test style', builtin: false });
    expect((await call(lib, 'cite.styles', {})).map((s) => s.id)).toEqual([
      'apa',
      'vancouver',
      'harvard1',
      style.id,
    ]);
    const b = await call(lib, 'cite.bibliography', {
      ids: [vaswani, muller],
      style: style.id as 'apa',
    });
    expect(b.text.split('\n')).toEqual([
      'ATTENTION IS ALL YOU NEED / Ashish Vaswani, Noam Shazeer',
      'ÜBER BIBLIOTHEKEN <SCRIPT>ALERT(1)</SCRIPT> / Jürgen Müller',
    ]);
    expect(
      (await call(lib, 'cite.citation', { ids: [vaswani], style: style.id as 'apa' })).text,
    ).toBe('[Vaswani, Shazeer 2017]');
    await call(lib, 'cite.setSettings', { style: style.id as 'apa' });
    await call(lib, 'cite.removeStyle', { id: style.id as 'apa' });
    expect((await call(lib, 'cite.settings', {})).style).toBe('apa');
    expect(await call(lib, 'cite.styles', {})).toHaveLength(3);
  });

  it('refuses styles that are not CSL or do not work, storing nothing', async () => {
    for (const xml of [
      '<html><body>hi</body></html>',
      '<style xmlns="http://purl.org/net/xbiblio/csl"><info><title>x</title></info></style>',
      TEST_STYLE.replace('<layout prefix', '<layout><bogus').replace(
        '</citation>',
        '</bogus></citation>',
      ),
      `<!DOCTYPE x [<!ENTITY a "b">]>${TEST_STYLE}`,
      TEST_STYLE.replace('</style>', ''),
    ]) {
      const e = await callError(lib, 'cite.addStyle', { xml });
      expect(e.code).toBe('parse_error');
    }
    expect(await call(lib, 'cite.styles', {})).toHaveLength(3);
    expect((await callError(lib, 'cite.removeStyle', { id: 'apa' })).code).toBe('invalid_input');
    expect((await callError(lib, 'cite.bibliography', { ids: [9999] })).code).toBe('not_found');
  });

  it('says what is wrong with a broken style', async () => {
    // citeproc-js throws strings, not Errors: the message must still reach the user
    const unknown = await callError(lib, 'cite.addStyle', {
      xml: TEST_STYLE.replace('<text value=" / "/>', '<bogus/>'),
    });
    expect(unknown.message).toContain('bogus');
    expect(unknown.message).not.toContain('undefined');
    // a file cut short (a failed download) is not well-formed XML: named, with its line
    const cut = await callError(lib, 'cite.addStyle', { xml: TEST_STYLE.slice(0, -40) });
    expect(cut.code).toBe('parse_error');
    expect(cut.message).toMatch(/not well-formed XML.*line \d+/);
    expect(await call(lib, 'cite.styles', {})).toHaveLength(3);
  });
  it('refuses to format in a style that does not exist instead of falling back to APA', async () => {
    for (const name of ['cite.bibliography', 'cite.citation'] as const) {
      const e = await callError(lib, name, { ids: [vaswani], style: 'user-999' as 'apa' });
      expect(e.code).toBe('not_found');
      expect(e.message).toContain('user-999');
    }
    // a default that names a style no longer there (a library edited elsewhere) says so too
    lib.db
      .prepare("UPDATE settings SET value = ? WHERE key = 'citation'")
      .run(JSON.stringify({ style: 'user-998', locale: 'en-US' }));
    const e = await callError(lib, 'cite.bibliography', { ids: [vaswani] });
    expect(e.code).toBe('not_found');
    expect(e.message).toContain('user-998');
    await call(lib, 'cite.setSettings', { style: 'apa' });
    expect((await call(lib, 'cite.citation', { ids: [vaswani] })).text).toBe(
      '(Vaswani & Shazeer, 2017)',
    );
  });
});

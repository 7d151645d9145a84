// @vitest-environment jsdom
// The first page the web host put in the page is used only when it answers exactly the app's
// first question and succeeded; anything else is asked for again.
import { describe, expect, it } from 'vitest';
import { FIRST_PAGE_INPUT, firstPageBlock } from '../../shared/api/first-page';
import { embeddedFirstPage } from './first-page';

const value = { rows: [{ id: 7, title: 'A </script> title' }], total: 1 };
const docWith = (html: string) => new DOMParser().parseFromString(html, 'text/html');

describe('embeddedFirstPage', () => {
  it('reads the rows of a block written by the host (escaped text included)', () => {
    const doc = docWith(`<body><div id="root"></div>${firstPageBlock({ ok: true, value })}</body>`);
    expect(embeddedFirstPage(doc)).toEqual(value);
  });

  it('ignores no block, a failed call, another input and text that is not JSON', () => {
    expect(embeddedFirstPage(docWith('<body></body>'))).toBeUndefined();
    const failed = firstPageBlock({ ok: false, error: { code: 'internal', message: 'x' } });
    expect(embeddedFirstPage(docWith(`<body>${failed}</body>`))).toBeUndefined();
    const other = firstPageBlock({ ok: true, value }).replace(
      JSON.stringify(FIRST_PAGE_INPUT.sort).replace(/</g, '\\u003c'),
      JSON.stringify({ column: 'title', direction: 'asc' }),
    );
    expect(other).toContain('"column":"title"');
    expect(embeddedFirstPage(docWith(`<body>${other}</body>`))).toBeUndefined();
    const broken = firstPageBlock({ ok: true, value }).replace('{"input"', '{input');
    expect(embeddedFirstPage(docWith(`<body>${broken}</body>`))).toBeUndefined();
  });
});

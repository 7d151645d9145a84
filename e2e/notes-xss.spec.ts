// Every XSS payload saved as a real note and shown in the app's Notes view (the web host's page,
// with its CSP): no dialog opens and nothing runs. The sanitiser alone is checked without CSP in
// security.spec.ts.
import { XSS_PAYLOADS } from './data/xss-payloads';
import { expect, test } from './fixtures';

test(`${XSS_PAYLOADS.length} XSS payloads saved as notes execute nothing in the Notes view`, async ({
  page,
  main,
}) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // create the notes through the app's own contract transport (token cookie, same origin)
  const created = await page.evaluate(async (payloads) => {
    let ok = 0;
    for (const [i, body] of payloads.entries()) {
      const res = await fetch('api/notes.create', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ itemId: null, title: `Payload ${i + 1}`, body }),
      });
      if (((await res.json()) as { ok: boolean }).ok) ok++;
    }
    return ok;
  }, XSS_PAYLOADS);
  expect(created).toBe(XSS_PAYLOADS.length);

  await main.view('Notes').click();
  const notes = page.getByRole('region', { name: 'Standalone notes' });
  const cards = notes.locator('.note-card'); // one rendered body per note
  await expect(cards).toHaveCount(XSS_PAYLOADS.length);
  await expect(notes.getByRole('button', { name: `Payload ${XSS_PAYLOADS.length}` })).toBeVisible();
  // hover and focus everything a payload might hang a handler on
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('.note-card *')) {
      for (const type of [
        'mouseover',
        'mouseenter',
        'focus',
        'focusin',
        'toggle',
        'animationstart',
      ]) {
        el.dispatchEvent(new Event(type));
      }
    }
  });
  const leftovers = await page.evaluate(() => {
    const bad: string[] = [];
    for (const el of document.querySelectorAll('.note-card *')) {
      if (
        /^(SCRIPT|IFRAME|OBJECT|EMBED|BASE|META|FORM|STYLE|LINK|FRAME|FRAMESET)$/i.test(el.tagName)
      ) {
        bad.push(el.tagName);
      }
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) bad.push(`${el.tagName} ${a.name}`);
        if (
          /^(href|src|xlink:href|action|formaction)$/i.test(a.name) &&
          /^\s*(javascript|vbscript|data):/i.test(a.value)
        ) {
          bad.push(`${el.tagName} ${a.name}`);
        }
      }
    }
    return bad;
  });
  expect(leftovers).toEqual([]);
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  // and the app still works: the library view comes back
  await main.view('My Library').click();
  await expect(main.table).toBeVisible();
  expect(errors).toEqual([]);
});

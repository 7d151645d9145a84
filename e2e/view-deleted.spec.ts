// The collection or smart collection on screen is deleted elsewhere (another window, the CLI):
// the app goes back to the Library and says why, instead of an error over an empty table.
import { expect, test, type Page } from './fixtures';
import { FindAndCite } from './pages/find-and-cite';
import { Organiser } from './pages/organise';

/** A contract call from "another window": the web host's API with the page's own token cookie. */
async function call<T>(page: Page, name: string, input: unknown): Promise<T> {
  const r = await page.evaluate(
    async ([n, body]) => {
      const res = await fetch(`api/${n}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await res.json()) as { ok: boolean; value: unknown };
    },
    [name, input] as const,
  );
  expect(r.ok).toBe(true);
  return r.value as T;
}

/** Records every alert that appears from now on, however briefly. */
async function watchAlerts(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seenAlerts: string[] }).seenAlerts = seen;
    new MutationObserver(() => {
      for (const a of document.querySelectorAll('[role="alert"]')) seen.push(a.textContent ?? '');
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}

async function expectBackInLibrary(page: Page, o: Organiser): Promise<void> {
  await expect(page.getByRole('grid', { name: 'Items in My Library' })).toBeVisible();
  await expect(page.locator('footer.status')).toContainText('the collection shown was deleted');
  await expect(o.rows().first()).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  // not even for a moment: no error flashed over an empty table on the way back
  expect(
    await page.evaluate(() => (window as unknown as { seenAlerts: string[] }).seenAlerts),
  ).toEqual([]);
}

test('a collection deleted in another window, with its parent: back to the Library with a notice', async ({
  page,
  main,
}) => {
  const o = new Organiser(page);
  await o.openSample();
  await o.collection('Thesis').click(); // expands it
  await o.collection('Background').click();
  await expect(page.getByRole('grid', { name: 'Items in Background' })).toBeVisible();
  await expect(main.rows().first()).toBeVisible();
  const list = await call<{ id: number; name: string }[]>(page, 'collections.list', {});
  await watchAlerts(page);
  // the parent goes, and the shown sub-collection with it
  await call(page, 'collections.delete', { id: list.find((c) => c.name === 'Thesis')!.id });
  await expect(o.collection('Background')).toHaveCount(0);
  await expectBackInLibrary(page, o);
  // the notice is about that moment: it does not follow the user to the next view
  await o.openView('Unfiled');
  await expect(page.locator('footer.status')).not.toContainText('deleted');
});

test('a smart collection deleted in another window: back to the Library with a notice', async ({
  page,
  main,
}) => {
  const o = new Organiser(page);
  const find = new FindAndCite(page, main);
  await o.openSample();
  const saved = await call<{ id: number }>(page, 'savedSearches.create', {
    name: 'Classics query',
    query: 'year:1900..1990',
  });
  await find.smartCollection('Classics query').click();
  await expect(page.getByRole('grid', { name: 'Items in Classics query' })).toBeVisible();
  await watchAlerts(page);
  await call(page, 'savedSearches.delete', { id: saved.id });
  await expect(find.smartCollection('Classics query')).toHaveCount(0);
  await expectBackInLibrary(page, o);
});

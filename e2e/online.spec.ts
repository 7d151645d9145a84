// Online features in the real UI, against a local fixture server started by the test: no test
// touches the internet.
import { expect, test } from './fixtures';
import { OnlineScreen } from './pages/online';
import {
  type LocalServer,
  serviceRoutes,
  startLocalServer,
} from '../electron/library/online/testdata/local-server';

let server: LocalServer;
let started = false;
test.beforeEach(async () => {
  server = await startLocalServer(serviceRoutes);
  started = true;
});
// A test skipped before beforeEach ran (the Electron project without its binary) has no server.
test.afterEach(async () => {
  if (started) await server.close();
  started = false;
});

test('paste three identifiers and get three complete items', async ({ main, page }) => {
  const online = new OnlineScreen(page);
  await online.configure(server.url);
  await online.addByIdentifiers([
    'https://doi.org/10.1038/nature14539',
    'arXiv:1706.03762v7',
    'ISBN 978-0-262-03384-8',
  ]);
  const results = online.results();
  await expect(results.getByRole('listitem')).toHaveText([
    'Added: Deep learning',
    'Added: Attention Is All You Need',
    'Added: Introduction to algorithms',
  ]);
  await expect(online.pending()).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/online-add-by-id.png' });
  await online.closeAddDialog();

  await expect(main.rows()).toHaveCount(3);
  await expect(main.row('Deep learning')).toContainText('LeCun, Bengio, Hinton');
  await expect(main.row('Deep learning')).toContainText('2015');
  await expect(main.row('Deep learning')).toContainText('Nature');
  await expect(main.row('Attention Is All You Need')).toContainText('Vaswani, Shazeer, Parmar');
  await expect(main.row('Introduction to algorithms')).toContainText(
    'Cormen, Leiserson, Rivest et al.',
  );
  await expect(main.row('Introduction to algorithms')).toContainText('MIT Press');

  await main.select('Deep learning');
  await expect(main.field('DOI')).toHaveValue('10.1038/nature14539');
  await expect(main.field('Abstract')).toHaveValue(/^Deep learning allows computational models/);
  // Nothing was asked of the internet: every request went to the local server.
  expect(server.requests.map((r) => r.path.split('/')[1])).toEqual([
    'arxiv',
    'crossref',
    'openlibrary',
  ]);
});

test('offline, identifiers wait as pending with the reason, and are added on retry', async ({
  main,
  page,
}) => {
  const online = new OnlineScreen(page);
  await online.configure(server.url, { enabled: false });
  await online.addByIdentifiers(['PMID 26017442']);
  await expect(online.pending().getByRole('listitem')).toContainText(
    'PMID 26017442 Network features are turned off in settings; no request was made.',
  );
  await online.closeAddDialog();
  expect(server.requests).toHaveLength(0);

  await online.configure(server.url, { enabled: true });
  await page.getByRole('button', { name: 'Add by identifier' }).click();
  await online.addDialog.getByRole('button', { name: 'Retry pending' }).click();
  await expect(online.results()).toContainText('Added: Deep learning');
  await expect(online.addDialog.getByText('Nothing is waiting.')).toBeVisible();
  await online.closeAddDialog();
  await expect(main.row('Deep learning')).toContainText('Nature');
});

test('subscribe to a feed, read its entries, add one to the library', async ({ main, page }) => {
  const online = new OnlineScreen(page);
  await online.configure(server.url);
  await online.subscribe(`${server.url}/feeds/daily.atom`);

  // HTML in the feed's titles is shown as plain text, never run.
  await expect(online.feed('Daily Papers')).toContainText('2');
  await expect(online.feed('Daily Papers')).toHaveAttribute('aria-current', 'page');
  await expect(main.view('My Library')).not.toHaveAttribute('aria-current', 'page');
  const title = 'Preference-free Alignment Learning with Regularized Relevance Reward';
  await expect(online.entries()).toHaveCount(2);
  const entry = online.entry(title);
  await expect(entry.getByRole('heading')).toHaveText(title);
  await expect(online.entry('R&D of Tiny Models: étude')).toBeVisible();

  await online.entry('R&D of Tiny Models: étude').getByRole('button', { name: 'Hide' }).click();
  await expect(online.entries()).toHaveCount(1);
  await expect(online.feed('Daily Papers')).toContainText('1');

  await page.screenshot({ path: 'test-results/screenshots/online-feed.png' });
  await entry.getByRole('button', { name: 'Add to library' }).click();
  await expect(entry.getByRole('button', { name: 'Show in library' })).toBeVisible();
  await expect(entry.getByRole('button', { name: 'Mark unread' })).toBeVisible();
  await entry.getByRole('button', { name: 'Show in library' }).click();

  await expect(main.view('My Library')).toHaveAttribute('aria-current', 'page');
  await expect(main.row(title)).toContainText('Kim, Seo');
  await expect(main.field('Title')).toHaveValue(title);
  await expect(main.field('URL')).toHaveValue('https://papers.example.org/papers/2402.03469');
});

test('a feed that fails keeps its entries and shows the error', async ({ page }) => {
  const online = new OnlineScreen(page);
  await online.configure(server.url);
  await online.subscribe(`${server.url}/feeds/daily.atom`);
  await expect(online.entries()).toHaveCount(2);

  server.setRoute((req) =>
    req.path === '/feeds/daily.atom' ? { status: 500, body: 'down' } : serviceRoutes(req),
  );
  await page.getByRole('button', { name: 'Refresh feed' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Last refresh failed' })).toHaveText(
    'Last refresh failed: Daily Papers failed (HTTP 500). Showing the entries stored before.',
  );
  await expect(online.entries()).toHaveCount(2);
  await expect(online.feed('Daily Papers')).toHaveAttribute(
    'title',
    'Daily Papers failed (HTTP 500)',
  );

  server.setRoute(serviceRoutes);
  await page.getByRole('button', { name: 'Refresh feed' }).click();
  await expect(page.getByText('Last refresh failed')).toHaveCount(0);
});

test('update metadata: compare field by field, take the published version of a preprint', async ({
  main,
  page,
}) => {
  const online = new OnlineScreen(page);
  await online.configure(server.url);
  await online.addByIdentifiers(['hep-th/9711200']);
  await expect(online.results()).toContainText('Added: The Large N Limit');
  await online.closeAddDialog();
  const preprint = 'The Large N Limit of Superconformal field theories and supergravity';
  await main.select(preprint);

  await page.getByRole('button', { name: 'Update metadata' }).click();
  const dialog = page.getByRole('dialog', { name: 'Update metadata' });
  const published = dialog.getByRole('button', { name: /^Published version/ });
  await expect(published).toContainText('Adv.Theor.Math.Phys.2:231-252,1998');
  await published.click();
  const table = dialog.getByRole('table', { name: 'Metadata comparison' });
  await expect(
    table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Venue' }) }),
  ).toContainText('Advances in Theoretical and Mathematical Physics');
  // Nothing is ticked until the user chooses.
  await expect(dialog.getByRole('button', { name: 'Apply selected fields' })).toBeDisabled();
  await dialog.getByLabel('Take Venue').check();
  await dialog.getByLabel('Take DOI').check();
  await page.screenshot({ path: 'test-results/screenshots/online-refresh.png' });
  await dialog.getByRole('button', { name: 'Apply selected fields' }).click();
  await expect(dialog).toBeHidden();

  await expect(main.field('Venue')).toHaveValue('Advances in Theoretical and Mathematical Physics');
  await expect(main.field('DOI')).toHaveValue('10.4310/atmp.1998.v2.n2.a1');
  // Not ticked, so not taken: the preprint's own title stays.
  await expect(main.field('Title')).toHaveValue(preprint);
});

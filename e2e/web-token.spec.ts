import { expect, test } from './fixtures';

// The web host answers the printed URL (`/?token=…`) with the app itself; the page then takes
// the token out of the address bar and its history entry, and the cookie carries on.
test('the access token leaves the address bar and history, and a reload still opens the app', async ({
  main,
  page,
}, info) => {
  info.skip(info.project.name === 'electron', 'the web host only');
  await expect(main.table).toBeVisible();
  expect(new URL(page.url()).search).toBe('');
  await page.reload();
  await expect(main.table).toBeVisible();
  expect(new URL(page.url()).search).toBe('');
  // the entry before the app is the blank page the browser opened with, not a tokened URL
  await page.goBack();
  expect(page.url()).not.toContain('token');
});

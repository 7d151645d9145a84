import { expect, test } from './fixtures';
import { Organiser } from './pages/organise';

test('an empty library shows the ways in and opens the bundled sample library', async ({
  page,
  main,
}) => {
  const o = new Organiser(page);
  await expect(main.page.getByRole('region', { name: 'Get started' })).toBeVisible();
  await expect(page.getByText('Drop PDFs')).toBeVisible();
  await o.shot('first-run');
  await o.openSample();
  await expect(main.view('My Library')).toContainText('14');
  await expect(o.collection('Thesis')).toContainText('0');
  await expect(o.collection('Retrieval')).toContainText('3');
  await expect(o.tag('ml/retrieval')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Get started' })).toHaveCount(0);
  await main.select('The Probabilistic Relevance Framework: BM25 and Beyond');
  await expect(main.itemPane.getByRole('button', { name: 'Star' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(main.itemPane.getByRole('radio', { name: '5 stars' })).toHaveAttribute(
    'aria-checked',
    'true',
  );
  await o.shot('library');
});

import { expect, test } from './fixtures';

const PAPERS = [
  {
    title: 'Attention Is All You Need',
    creators: [
      { family: 'Vaswani', given: 'Ashish' },
      { family: 'Shazeer', given: 'Noam' },
    ],
    date: '2017',
    venue: 'NeurIPS',
  },
  {
    title: 'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding',
    creators: [{ family: 'Devlin', given: 'Jacob' }],
    date: '2019',
    venue: 'NAACL',
    type: 'inproceedings',
  },
  {
    title: 'Deep Residual Learning for Image Recognition',
    creators: [
      { family: 'He', given: 'Kaiming' },
      { family: 'Zhang', given: 'Xiangyu' },
    ],
    date: '2016',
    venue: 'CVPR',
    type: 'inproceedings',
  },
  {
    title: 'The Art of Computer Programming',
    creators: [{ family: 'Knuth', given: 'Donald E.' }],
    date: '1968',
    venue: 'Addison-Wesley',
    type: 'book',
  },
  {
    title: 'Dense Passage Retrieval for Open-Domain Question Answering',
    creators: [{ family: 'Karpukhin', given: 'Vladimir' }],
    date: '2020',
    venue: 'EMNLP',
    type: 'inproceedings',
  },
];

// Keeps a picture of the main window as a test artifact (the README shows one of these).
test('screenshot of the main window with a few papers', async ({ main, page }, testInfo) => {
  for (const p of PAPERS) {
    const res = await page.evaluate(async (body) => {
      const r = await fetch('api/items.create', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await r.json()) as { ok: boolean };
    }, p);
    expect(res.ok).toBe(true);
  }
  await expect(main.rows()).toHaveCount(PAPERS.length);
  await main.select('Attention Is All You Need');
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: testInfo.outputPath('main-window.png') });
  await page.screenshot({ path: 'test-results/screenshots/main-window.png' });
});

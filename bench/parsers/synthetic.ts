// A seeded synthetic .bib file shaped like real libraries: @string journals, 1–30 authors,
// abstracts on a third, LaTeX accents on a tenth, crossrefs to proceedings on a twentieth.

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAMILY = [
  'Smith',
  'Wang',
  "Garc{\\'\\i}a",
  'M{\\"u}ller',
  'Nguyen',
  'Kowalski',
  'van der Berg',
  "Dvo{\\v{r}}{\\'a}k",
  'Okafor',
  'Tanaka',
  'Schr{\\"o}dinger',
  'Lef{\\`e}vre',
  'Silva',
  'Novak',
  'Ivanov',
];
const GIVEN = [
  'Anna',
  'Li',
  "Jos{\\'e}",
  'J{\\"u}rgen',
  'Minh',
  'Piotr',
  'Jan',
  "Anton{\\'\\i}n",
  'Chidi',
  'Yuki',
  'Erwin',
  "Ren{\\'e}e",
  'Maria',
  'Petra',
  'Olga',
];
const WORDS =
  'learning deep neural networks retrieval augmented generation transformers attention graph models scalable efficient robust optimization language vision benchmark evaluation sparse dense contrastive representation'.split(
    ' ',
  );
const ACRONYMS = ['{BERT}', '{GPT-3}', '{LLM}', '{ImageNet}', '{CNN}'];
const JOURNALS = ['jmlr', 'tpami', 'nature', 'cacm'];

export function syntheticBib(n: number, seed = 42): string {
  const rnd = mulberry32(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const out: string[] = [
    '@string{jmlr = {Journal of Machine Learning Research}}',
    '@string{tpami = {IEEE Transactions on Pattern Analysis and Machine Intelligence}}',
    '@string{nature = {Nature}}',
    '@string{cacm = {Communications of the {ACM}}}',
    '',
  ];
  const procs = Math.max(1, Math.floor(n / 200));
  for (let p = 0; p < procs; p++) {
    out.push(
      `@proceedings{proc${p},\n  title = {Proceedings of the ${p}th Conference on ${pick(WORDS)} ${pick(WORDS)}},\n  year = {${1990 + (p % 35)}},\n  publisher = {ACM},\n}\n`,
    );
  }
  for (let i = 0; i < n - procs; i++) {
    const accents = rnd() < 0.1;
    const nAuth = 1 + Math.floor(rnd() ** 3 * 30);
    const authors: string[] = [];
    for (let a = 0; a < nAuth; a++) {
      const fam = accents ? pick(FAMILY) : pick(FAMILY).replace(/[{}\\"'`v]/g, '');
      authors.push(
        rnd() < 0.5 ? `${fam}, ${pick(GIVEN).replace(/[{}\\"'`]/g, '')}` : `${pick(GIVEN)} ${fam}`,
      );
    }
    const title = Array.from({ length: 4 + Math.floor(rnd() * 8) }, () =>
      rnd() < 0.08 ? pick(ACRONYMS) : pick(WORDS),
    ).join(' ');
    const fields = [
      `  author = {${authors.join(' and ')}}`,
      `  title = {${title[0]!.toUpperCase()}${title.slice(1)}}`,
      `  year = ${1980 + Math.floor(rnd() * 45)}`,
    ];
    let type = 'article';
    if (rnd() < 0.05) {
      type = 'inproceedings';
      fields.push(
        `  crossref = {proc${Math.floor(rnd() * procs)}}`,
        `  pages = {${i % 300}--${(i % 300) + 12}}`,
      );
    } else {
      fields.push(
        `  journal = ${pick(JOURNALS)}`,
        `  volume = ${1 + (i % 60)}`,
        `  number = {${1 + (i % 12)}}`,
        `  month = ${['jan', 'apr', 'jul', 'oct'][i % 4]}`,
      );
    }
    if (rnd() < 0.33)
      fields.push(
        `  abstract = {${Array.from({ length: 60 + Math.floor(rnd() * 120) }, () => pick(WORDS)).join(' ')}.}`,
      );
    if (rnd() < 0.5) fields.push(`  doi = {10.${1000 + (i % 9000)}/synthetic.${i}}`);
    if (rnd() < 0.3) fields.push(`  keywords = {${pick(WORDS)}, ${pick(WORDS)}/${pick(WORDS)}}`);
    out.push(`@${type}{key${i},\n${fields.join(',\n')},\n}\n`);
  }
  return out.join('\n');
}

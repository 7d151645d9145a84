// Runs one parser on one pathological input in its own process, so a hang or a stack overflow
// is observed from outside: `node --import tsx pathological.ts <parser> <case>`.
import { parse as retorquere } from '@retorquere/bibtex-parser';
import { parseBibtex } from '../../electron/library/formats/bibtex/records';

const CASES: Record<string, string> = {
  'deep-braces': `@misc{a, title = ${'{'.repeat(10_000)}x${'}'.repeat(10_000)}}\n@misc{b, title = {after}}\n`,
  'open-quote': '@misc{a, title = "never closed\n\n@misc{b, title = {after}}\n',
  'missing-brace': '@misc{a, title = {never closed\n\n@misc{b, title = {after}}\n',
};

const [parser, name] = process.argv.slice(2);
const text = CASES[name!]!;
const t0 = performance.now();
let found = 0;
let errors = 0;
if (parser === 'shelfmark') {
  const r = parseBibtex(text, name!);
  found = r.records.length;
  errors = r.problems.length;
} else {
  const r = retorquere(text, { sentenceCase: false });
  found = r.entries.length;
  errors = r.errors.length;
}
console.log(JSON.stringify({ found, errors, ms: Math.round(performance.now() - t0) }));

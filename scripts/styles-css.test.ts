import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

// CSS nesting makes an unclosed brace legal: every rule after it silently applies only inside
// the unclosed one (a merge once dropped a `}` and unstyled half the app). Top-level rules only.
it('styles.css has no rule nested in another by a missing brace', () => {
  const css = readFileSync(new URL('../renderer/src/styles.css', import.meta.url), 'utf8').replace(
    /\/\*[\s\S]*?\*\//g,
    '',
  );
  let depth = 0;
  const nested: string[] = [];
  for (const [i, line] of css.split('\n').entries()) {
    if (depth >= 1 && line.includes('{') && !/^\s*@media/.test(line)) {
      const atRule = /@media/.test(
        css
          .split('\n')
          .slice(0, i)
          .reverse()
          .find((l) => /^\S.*\{\s*$/.test(l)) ?? '',
      );
      if (!atRule) nested.push(`line ${i + 1}: ${line.trim()}`);
    }
    depth += (line.match(/\{/g) ?? []).length - (line.match(/\}/g) ?? []).length;
    expect(depth, `line ${i + 1}`).toBeGreaterThanOrEqual(0);
  }
  expect(nested).toEqual([]);
  expect(depth).toBe(0);
});

import { describe, expect, it } from 'vitest';
import { formatTypedName, parseTypedName } from './names';

describe('typed names', () => {
  it.each([
    ['Vaswani, Ashish', { family: 'Vaswani', given: 'Ashish', prefix: '' }],
    ['Noam Shazeer', { family: 'Shazeer', given: 'Noam', prefix: '' }],
    ['Ludwig van Beethoven', { family: 'Beethoven', given: 'Ludwig', prefix: 'van' }],
    ['van der Berg, Jan', { family: 'Berg', given: 'Jan', prefix: 'van der' }],
    ['King, Martin Luther, Jr.', { family: 'King', given: 'Martin Luther', suffix: 'Jr.' }],
    ['Plato', { family: 'Plato', given: '' }],
    ['{World Health Organization}', { literal: 'World Health Organization', family: '' }],
  ])('%s', (input, expected) => {
    const c = parseTypedName(input);
    expect(c).toMatchObject(expected);
    expect(parseTypedName(formatTypedName(c))).toEqual(c);
  });
});

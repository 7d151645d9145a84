// citation-js ships no types; the peer runner only calls plugins.input.chain.
declare module '@citation-js/core' {
  export const plugins: { input: { chain(input: string, options: object): unknown } };
}
declare module '@citation-js/plugin-bibtex';

// The parts of @citation-js (which ships no types) that Shelfmark uses.
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown);
    format(
      kind: 'bibliography' | 'citation',
      options: { format: 'html' | 'text'; template: string; lang?: string; entry?: string[] },
    ): string;
  }
  interface Register<T> {
    add(name: string, value: T): void;
    has(name: string): boolean;
    remove(name: string): void;
    list(): string[];
  }
  export const plugins: {
    // used by the parser benchmark's peer runner
    input: { chain(input: string, options: object): unknown };
    config: {
      get(name: '@csl'): { styles: Register<string>; locales: Register<string> };
    };
  };
}
declare module '@citation-js/plugin-csl';
declare module '@citation-js/plugin-bibtex';

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'electron/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'scripts/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    environment: 'node',
    // No test may reach a real service: the HTTP layer refuses every non-local host.
    env: { SHELFMARK_LOCAL_NETWORK_ONLY: '1' },
    testTimeout: 30_000,
    pool: 'forks',
  },
});

import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'sandbox',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Guest images once per run; a per-run root for the guests, cleaned up at the end.
    globalSetup: ['./test/global-setup.ts'],
  },
});

import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'bff',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Guest images once per run; a per-run root for the embedded sandboxes' guests.
    globalSetup: ['./test/global-setup.ts'],
  },
});

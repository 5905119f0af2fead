import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'agent',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Builds the demo guest images once per run (CI starts from a fresh clone).
    globalSetup: ['./test/global-setup.ts'],
  },
});

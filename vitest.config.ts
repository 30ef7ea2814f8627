import { defineConfig } from 'vitest/config';

/**
 * One project per concern, so each can be run alone (`vitest run --project properties`) and the whole
 * gate is `npm test`. Long-running suites set their own timeouts in their files.
 */
export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      { extends: true, test: { name: 'rules', include: ['infra/**/*.test.ts'], testTimeout: 60_000 } },
      { extends: true, test: { name: 'properties', include: ['properties/**/*.test.ts'], testTimeout: 120_000 } },
      { extends: true, test: { name: 'cost', include: ['cost/**/*.test.ts'] } },
      { extends: true, test: { name: 'container', include: ['integration/container/**/*.test.ts'], globalSetup: ['integration/container/global-setup.ts'], testTimeout: 600_000, hookTimeout: 900_000, fileParallelism: false } },
      { extends: true, test: { name: 'emulated', include: ['integration/emulated/**/*.test.ts', 'integration/probes/**/*.test.ts', 'scripts/deploy/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 300_000, fileParallelism: false } },
      { extends: true, test: { name: 'capacity', include: ['integration/capacity/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 300_000, fileParallelism: false } },
      { extends: true, test: { name: 'report', include: ['scripts/verify/**/*.test.ts'], testTimeout: 300_000 } },
    ],
  },
});

import { defineConfig } from "vitest/config";

export default defineConfig({
  // The production values of the build's constants: tests run what ships.
  define: { __EMULATOR__: "false", __EMULATOR_ORIGIN__: '""' },
  test: {
    globals: true,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          environment: "jsdom",
          // Component tests drive whole pages; on a loaded two-core machine one can take several seconds.
          testTimeout: 20_000,
          include: ["tests/unit/**/*.test.{ts,tsx}"],
          setupFiles: ["tests/unit/setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "emulator",
          environment: "node",
          include: ["tests/emulator/**/*.test.ts"],
        },
      },
      {
        // `npm run bench` only: timings are reported, never pass/fail in `npm test`.
        extends: true,
        test: {
          name: "bench",
          environment: "node",
          include: ["bench/**/*.bench.test.ts"],
          fileParallelism: false,
          testTimeout: 300_000,
        },
      },
      {
        // `npm run test:live` only: the workflows against a real tenant (the api package needs a DOM to load).
        extends: true,
        test: {
          name: "live",
          environment: "jsdom",
          include: ["tests/live/**/*.live.test.ts"],
          testTimeout: 1_800_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          environment: "node",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/e2e/globalSetup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Two worlds at a time: a journey spends most of its time waiting on the emulated services' clocks, not the CPU,
          // so a second Chromium fits beside it on this two-core machine. Each world has its own server port and profile.
          maxWorkers: 2,
          // Vitest runs projects with their own worker count as a group of their own: the browsers go after the rest.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});

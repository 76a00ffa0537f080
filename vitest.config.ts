import { defineConfig } from "vitest/config";

export default defineConfig({
  // The runtime guard is written as CommonJS TypeScript (src/runtime/*.cts): compile those too.
  esbuild: { include: /\.(m?ts|cts|[jt]sx)$/ },
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    testTimeout: 30_000,
    // test/codemod.test.ts installs the Codemod CLI from the registry on first use.
    hookTimeout: 180_000,
  },
});

// Bundles the command line into dist/cli/ with esbuild (part of `npm run build`): one file to load at start-up
// instead of a hundred-odd modules, plus the check-pool worker; chunks that only some commands need (the
// language server) stay separate and load when used. Dependencies stay outside the bundle: they load lazily,
// on first use (src/core/lazy.ts), from the package's node_modules as before.
import { build } from "esbuild";
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OUT = path.join(ROOT, "dist", "cli");

rmSync(OUT, { recursive: true, force: true });
await build({
  absWorkingDir: ROOT,
  entryPoints: { cli: "src/frontends/cli.ts", "pool-worker": "src/run/pool-worker.ts" },
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20.19",
  packages: "external",
  // Error classes are reported by name (src/run/failures.ts): bundling must not rename them.
  keepNames: true,
  // Minified: the package carries this bundle beside dist/src/ (the API, the ESLint plugin), so it is kept small
  // (BUNDLE_MINIFY=0 keeps names readable, for CPU profiles).
  minify: process.env.BUNDLE_MINIFY !== "0",
  legalComments: "none",
  logLevel: "warning",
});

// The runtime guard as users load it: one minified CommonJS file (dist/runtime/index.cjs) and a two-line register
// entry that requires it, so `import` and `require` share one instance and the package grows by a few kB only.
// Types stay tsc's declarations in dist/src/runtime/*.d.cts; tsc's per-module .cjs files are not shipped.
import { build } from "esbuild";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OUT = path.join(ROOT, "dist", "runtime");

const common = { bundle: true, platform: "node", format: "cjs", target: "node20", minify: true, legalComments: "none", logLevel: "warning" };

await build({ ...common, entryPoints: [path.join(ROOT, "src", "runtime", "index.cts")], outfile: path.join(OUT, "index.cjs") });

/** register.cts imports `installGuard` from its module; here it comes from the bundle above, the one instance. */
const toIndex = {
  name: "runtime-index",
  setup(builder) {
    builder.onResolve({ filter: /^\.\/install\.cjs$/ }, () => ({ path: "./index.cjs", external: true }));
  },
};
await build({ ...common, entryPoints: [path.join(ROOT, "src", "runtime", "register.cts")], outfile: path.join(OUT, "register.cjs"), plugins: [toIndex] });

#!/usr/bin/env node
// The command-line entry: hands argv to the CLI, bundled into dist/cli/ by `npm run build` (scripts/bundle-cli.mjs;
// the package ships it built). Node's compile cache (Node 22.1+) keeps the compiled bundle between runs.
import module from "node:module";

module.enableCompileCache?.();
let main;
try {
  ({ main } = await import("../dist/cli/cli.js"));
} catch (error) {
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes("dist")) throw error;
  process.stderr.write(
    "intercom-migrate: the built CLI (dist/cli/cli.js) is missing: in a clone, run `npm run build` first; an installed package ships it built, so reinstall it.\n",
  );
  process.exit(2);
}

// A reader that stops early (`check | head -1`) closes the pipe: stop writing to it, quietly, and finish the run
// (a fix still completes its writes; the exit code still says what was found).
const closed = new Set();
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code !== "EPIPE") throw error;
    closed.add(stream);
  });
}
const writeTo = (stream) => (text) => {
  if (!closed.has(stream)) stream.write(text);
};

const code = await main(process.argv, {
  stdout: writeTo(process.stdout),
  stderr: writeTo(process.stderr),
  cwd: process.cwd(),
});
process.exitCode = code;

#!/usr/bin/env node
// The command-line entry: hands argv to the CLI (built into dist/ by `npm ci` / `npm run build`).
import { main } from "../dist/src/frontends/cli.js";

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

#!/usr/bin/env node
// The command-line entry: hands argv to the CLI (built into dist/ by `npm ci` / `npm run build`).
import { main } from "../dist/src/frontends/cli.js";

const code = await main(process.argv, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
});
process.exitCode = code;

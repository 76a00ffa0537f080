// Quick check-time comparison on the benchmark's node_modules corpus: this tree's `check` against another built
// tree's (say, main before a change), runs alternated so both see the same machine load; prints the medians.
// Usage: npm run build && node bench/compare-check.mjs <other-tree> [runs=5] [corpus-dir]
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildCorpora } from "./corpus.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [other, runsText = "5", corpusArg] = process.argv.slice(2);
if (!other) throw new Error("usage: node bench/compare-check.mjs <other-tree> [runs] [corpus-dir]");
const RUNS = Number(runsText);
const WORK = corpusArg ?? path.join(os.tmpdir(), "intercom-migrate-compare");
const corpus = path.join(WORK, "node-modules-corpus");
if (!existsSync(corpus) || readdirSync(corpus).length === 0) {
  mkdirSync(WORK, { recursive: true });
  buildCorpora(WORK, 1);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** One timed `check` of the corpus with a tree's CLI, in seconds. */
function timeCheck(tree) {
  const start = process.hrtime.bigint();
  const result = spawnSync(
    process.execPath,
    [path.join(tree, "bin", "intercom-migrate.js"), "check", corpus, "--no-types", "--format", "json", "--output-file", path.join(WORK, "out.json")],
    { encoding: "utf8" },
  );
  if (result.status === 2) throw new Error(`${tree}: ${result.stderr.slice(-2000)}`);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const trees = { before: path.resolve(other), after: ROOT };
const times = { before: [], after: [] };
for (const tree of Object.values(trees)) timeCheck(tree); // warm the file cache
for (let i = 0; i < RUNS; i++) for (const [label, tree] of Object.entries(trees)) times[label].push(timeCheck(tree));
for (const [label, values] of Object.entries(times))
  console.log(`${label} (${trees[label]}): median ${median(values).toFixed(3)} s of ${values.map((v) => v.toFixed(3)).join(", ")}`);
console.log(`after / before: ${(median(times.after) / median(times.before)).toFixed(3)}`);

#!/usr/bin/env node
// The Node side of the Codemod package: works out, once per Codemod run, what `intercom-migrate fix` makes of the target.
//
// jssg transforms run in Codemod's embedded QuickJS/LLRT runtime, not in Node, and intercom-migrate's engine needs
// Node (CommonJS packages, worker_threads, files outside the target). So scripts/transform.js calls this bridge when
// its run has no plan yet. The first bridge of a run makes the plan: the whole run exactly as
// `intercom-migrate fix --dry-run .` in the target (same configuration, file discovery, rules, cross-file analysis),
// with each changed file's fixed text kept in the plan folder (under the system temp folder, named by the transform
// after the Codemod process). Bridges started meanwhile wait for it. Every later file is answered from the plan
// without Node. Nothing here writes to the target: Codemod writes what the transform returns (or, with --dry-run,
// does not).
//
// Usage: node node-bridge.mjs --plan-dir <dir> --target <dir> --file <path relative to target> [--dry-run]
// Prints one line of ASCII JSON: {"original":<sha256>,"output":<text>} for a file the run changes, {"unchanged":true}
// for one it does not, or {"error":<message>}; the bridge that made the plan also prints the CLI's fix summary on
// stderr (Codemod's own, which the transform hands down).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
/** How long a bridge waits for the plan another bridge of the same run is making. */
const WAIT_LIMIT_MS = 30 * 60 * 1000;
/** Plans of earlier runs are removed when a new plan is made: once their Codemod process ended, or this long after. */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

function parseArgs(argv) {
  const args = { dryRun: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--dry-run") args.dryRun = true;
    else if (arg === "--plan-dir") args.planDir = argv[++i];
    else if (arg === "--target") args.target = argv[++i];
    else if (arg === "--file") args.file = argv[++i];
    else throw new Error(`unknown argument ${arg}`);
  }
  if (!args.planDir || !args.target || !args.file) {
    throw new Error("usage: node-bridge.mjs --plan-dir <dir> --target <dir> --file <relative path> [--dry-run]");
  }
  return args;
}

const sha256 = (text) => createHash("sha256").update(text, "utf8").digest("hex");
/** The key of a file in the plan: its path relative to the target, with "/" (the transform computes the same). */
export const fileKey = (relative) => sha256(relative.split(path.sep).join("/"));
/** What the transform can compare: Codemod hands it the text without a leading BOM. */
export const textDigest = (text) => sha256(text.replace(/^\uFEFF/, ""));

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

/** JSON with every non-ASCII character escaped: safe however the reader splits and decodes the bytes. */
function asciiJson(value) {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
}

function removeStalePlans(plansRoot, keep) {
  let entries;
  try {
    entries = readdirSync(plansRoot);
  } catch {
    return;
  }
  for (const name of entries) {
    if (name.startsWith(keep)) continue;
    const full = path.join(plansRoot, name);
    // Folders are named "<codemod pid>-<its start time>-<tag>": a plan whose Codemod process has ended is done with.
    const pid = Number(/^(\d+)-/.exec(name)?.[1]);
    try {
      if (!(pid > 0 && isAlive(pid)) || Date.now() - statSync(full).mtimeMs > STALE_AFTER_MS) rmSync(full, { recursive: true, force: true });
    } catch {
      // Another run is cleaning up too.
    }
  }
}

async function loadEngineApi() {
  const index = path.join(PACKAGE_ROOT, "dist", "src", "index.js");
  if (!existsSync(index)) throw new Error(`intercom-migrate is not built (${index} is missing): run \`npm run build\` in ${PACKAGE_ROOT}`);
  const api = await import(pathToFileURL(index).href);
  let formatFixSummary;
  try {
    ({ formatFixSummary } = await import(pathToFileURL(path.join(PACKAGE_ROOT, "dist", "src", "formats", "fix-summary.js")).href));
  } catch {
    formatFixSummary = undefined;
  }
  return { fix: api.fix, checkText: api.checkText, formatFixSummary };
}

/** The whole run, as `intercom-migrate fix --dry-run .` in the target: the fixed text of every file it would change. */
export async function makePlan(target, dryRun, dir) {
  const { fix, checkText, formatFixSummary } = await loadEngineApi();
  const reports = await fix(["."], { cwd: target, dryRun: true });
  mkdirSync(path.join(dir, "files"), { recursive: true });
  let changed = 0;
  for (const report of reports) {
    if (report.output === undefined || report.original === undefined) continue;
    if (!dryRun && checkText) {
      // Codemod writes the fixed text: what is left for review is located in it, as `fix` (not --dry-run) reports it.
      report.findings = checkText({ text: report.output, filePath: report.filePath }, { cwd: target }).findings;
      report.text = report.output;
    }
    const answer = { original: textDigest(report.original), output: report.output };
    writeFileSync(path.join(dir, "files", `${fileKey(path.relative(target, report.filePath))}.json`), asciiJson(answer) + "\n");
    changed++;
  }
  const summary = formatFixSummary
    ? formatFixSummary(reports, target, dryRun)
    : `${dryRun ? "Would change" : "Changed"} ${changed} file(s); run \`intercom-migrate check\` for what is left for review.\n`;
  writeFileSync(path.join(dir, "summary.txt"), summary);
  // Written last: the transform takes the plan as made once this file is there.
  writeFileSync(path.join(dir, "plan.json"), JSON.stringify({ target, dryRun, changed }) + "\n");
}

/** Make the plan, unless another bridge of this run made it or is making it (then wait for it). */
async function ensurePlan(dir, target, dryRun) {
  const planFile = path.join(dir, "plan.json");
  const lock = `${dir}.lock`;
  mkdirSync(path.dirname(dir), { recursive: true });
  const deadline = Date.now() + WAIT_LIMIT_MS;
  for (;;) {
    if (existsSync(planFile)) return false;
    try {
      mkdirSync(lock);
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
      let owner;
      try {
        owner = Number(readFileSync(path.join(lock, "owner"), "utf8"));
      } catch {
        owner = undefined; // just made: its owner is writing its pid
      }
      if (owner && !isAlive(owner)) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`gave up waiting for the plan in ${dir}`);
      else sleep(20);
      continue;
    }
    try {
      writeFileSync(path.join(lock, "owner"), String(process.pid));
      if (existsSync(planFile)) continue; // made between the check and the lock
      removeStalePlans(path.dirname(dir), path.basename(dir));
      const staging = `${dir}.tmp-${process.pid}`;
      rmSync(staging, { recursive: true, force: true });
      await makePlan(target, dryRun, staging);
      renameSync(staging, dir);
      return true;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const target = path.resolve(args.target);
  const made = await ensurePlan(path.resolve(args.planDir), target, args.dryRun);
  const answerFile = path.join(args.planDir, "files", `${fileKey(args.file)}.json`);
  const answer = existsSync(answerFile) ? JSON.parse(readFileSync(answerFile, "utf8")) : { unchanged: true };
  // Once per run, by the bridge that made the plan: on stderr, which is Codemod's (the transform inherits it).
  if (made) process.stderr.write(readFileSync(path.join(args.planDir, "summary.txt"), "utf8"));
  process.stdout.write(asciiJson(answer) + "\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    process.stdout.write(asciiJson({ error: `intercom-migrate: ${error && error.stack ? error.stack : error}` }) + "\n");
    process.exitCode = 2;
  });
}

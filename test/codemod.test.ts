// The Codemod CLI package in codemod/, run by the Codemod CLI as a child process: byte-for-byte the same tree as
// `intercom-migrate fix`, nothing written with --dry-run. The CLI is installed from the npm registry into .tools/
// on first use (not a devDependency: the registry serves only its Linux x64 binaries, and `npm ci` needs a lock
// file that names every platform's), then runs offline. Where it cannot be installed (offline, or the registry
// refuses), every test here is skipped with the reason instead of failing.
import { execFile, spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CODEMOD_VERSION = "1.18.3";
const TOOLS = path.join(ROOT, ".tools", `codemod-${CODEMOD_VERSION}`);
const CODEMOD = path.join(TOOLS, "node_modules", ".bin", "codemod");

/** Install the pinned Codemod CLI once (kept in .tools/, which git ignores); why not, when it cannot be had. */
async function ensureCodemodCli(): Promise<string | undefined> {
  if (existsSync(CODEMOD)) return undefined;
  mkdirSync(TOOLS, { recursive: true });
  writeFileSync(path.join(TOOLS, "package.json"), JSON.stringify({ name: "codemod-cli", private: true }));
  const failed = (cause: string) => `the Codemod CLI ${CODEMOD_VERSION} could not be installed into .tools/ (${cause.trim()})`;
  try {
    // Not spawnSync: the test worker must keep answering vitest during a slow download. Bounded within the hook's
    // time (vitest.config.ts), so that a registry that never answers is a skip, not a time-out.
    await promisify(execFile)("npm", ["install", "--no-audit", "--no-fund", "--no-save", `codemod@${CODEMOD_VERSION}`], {
      cwd: TOOLS,
      timeout: 170_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { killed, stderr, message } = error as { killed?: boolean; stderr?: string; message: string };
    if (killed) return failed("npm did not finish within 170 s");
    return failed(stderr?.split("\n").find((line) => /npm (error|ERR!) (code|network|404)/.test(line)) ?? message.split("\n")[0]);
  }
  return existsSync(CODEMOD) ? undefined : failed("npm installed no codemod binary for this platform");
}
const PACKAGE = path.join(ROOT, "codemod");
const BIN = path.join(ROOT, "bin", "intercom-migrate.js");

let scratch: string;
/** The plan folders the transform keeps under $TMPDIR go to the scratch folder, removed at the end. */
let plans: string;

/** Why the tests are skipped, when the CLI could not be installed. */
let unavailable: string | undefined;

beforeAll(async () => {
  unavailable = await ensureCodemodCli();
  if (unavailable) console.warn(`test/codemod.test.ts: ${unavailable}; its tests are skipped.`);
  scratch = mkdtempSync(path.join(tmpdir(), "intercom-migrate-codemod-test-"));
  plans = path.join(scratch, "tmp");
  mkdirSync(plans);
});

beforeEach(({ skip }) => {
  if (unavailable) skip(unavailable);
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

function env(): NodeJS.ProcessEnv {
  // No telemetry (nothing leaves the machine), no colours, the transform's plans in the scratch folder.
  return { ...process.env, DISABLE_ANALYTICS: "true", NO_COLOR: "1", TMPDIR: plans };
}

function codemod(args: string[], cwd = ROOT) {
  const result = spawnSync(CODEMOD, [...args, "--disable-analytics"], { cwd, encoding: "utf8", env: env(), timeout: 45_000 });
  return { code: result.status, output: `${result.stdout}${result.stderr}`, error: result.error };
}

function intercomMigrate(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env: env(), timeout: 45_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let copies = 0;
/** A copy of examples/ with a few harder cases: BOM + CRLF + non-ASCII, a hidden folder, skipped folders, a broken file. */
function exampleCopy(): string {
  const dir = path.join(scratch, `copy-${++copies}`);
  cpSync(path.join(ROOT, "examples"), dir, { recursive: true });
  const legacy = [
    'import axios from "axios";',
    "",
    "export const intercom = axios.create({",
    '  baseURL: "https://api.intercom.io",',
    '  headers: { "Intercom-Version": "2.13", "X-Note": "naïve — 日本 🚀" },',
    "});",
    "",
  ];
  const add = (name: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  };
  add("src/intercom/bom-crlf.ts", "\uFEFF// résumé\r\n" + legacy.join("\r\n"));
  add(".config/hidden.ts", legacy.join("\n"));
  add("ünïcode dir/wéird name.mjs", legacy.join("\n"));
  add("dist/built.js", legacy.join("\n"));
  add("ignored/skipped.ts", legacy.join("\n"));
  add(".gitignore", "ignored/\n");
  add("src/broken.js", 'const x = {;\n"Intercom-Version": "2.13"\n');
  chmodSync(path.join(dir, "src/tickets/sla.mjs"), 0o755);
  return dir;
}

/** Every file under a folder: its bytes and mode. */
function snapshot(dir: string): Map<string, { bytes: Buffer; mode: number }> {
  const files = new Map<string, { bytes: Buffer; mode: number }>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      const info = statSync(full);
      if (info.isDirectory()) walk(full);
      else files.set(path.relative(dir, full), { bytes: readFileSync(full), mode: info.mode });
    }
  };
  walk(dir);
  return files;
}

function expectSameTree(actual: string, expected: string): void {
  const a = snapshot(actual);
  const b = snapshot(expected);
  expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
  for (const [name, file] of b) {
    const other = a.get(name)!;
    // Compared as text first for a readable diff, then as bytes (BOM, CRLF) and mode.
    expect(other.bytes.toString("utf8"), name).toBe(file.bytes.toString("utf8"));
    expect(other.bytes.equals(file.bytes), name).toBe(true);
    expect(other.mode, name).toBe(file.mode);
  }
}

/** What `intercom-migrate fix --dry-run` says it would change in a folder (its summary's first line, on stderr). */
function wouldChange(dir: string): { files: number; line: string } {
  const run = intercomMigrate(["fix", "--dry-run", "."], dir);
  const match = /Would change (\d+) files? with \d+ fix(?:es)?\./.exec(run.stderr);
  expect(match, run.stderr).not.toBeNull();
  return { files: Number(match![1]), line: match![0] };
}

/** `path:line:column` of each leftover in a fix summary. */
const locations = (text: string) => [...text.matchAll(/^\s+(\S+:\d+:\d+)\s/gm)].map((m) => m[1]).sort();

describe("Codemod CLI package (codemod/)", () => {
  it("passes codemod workflow validate", () => {
    for (const workflow of ["codemod", "codemod/workflow.yaml"]) {
      const run = codemod(["workflow", "validate", "-w", workflow]);
      expect(run.error).toBeUndefined();
      expect(run.output).toContain("Package validation successful");
      expect(run.code, run.output).toBe(0);
    }
  });

  it("workflow run gives byte-for-byte the same tree as intercom-migrate fix, with the same leftovers", () => {
    const viaCodemod = exampleCopy();
    const viaFix = exampleCopy();
    const original = snapshot(viaFix);

    const run = codemod(["workflow", "run", "-w", PACKAGE, "--target", viaCodemod, "--no-interactive", "--allow-dirty", "--allow-child-process"]);
    expect(run.error).toBeUndefined();
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain("Workflow completed");

    const fix = intercomMigrate(["fix", "."], viaFix);
    expect([0, 1], fix.stderr).toContain(fix.code); // 1: error-level leftovers remain
    expect(snapshot(viaFix)).not.toEqual(original);

    expectSameTree(viaCodemod, viaFix);
    // The skipped and broken files are left alone by both.
    expect(readFileSync(path.join(viaCodemod, "dist/built.js"), "utf8")).toContain('"2.13"');
    expect(readFileSync(path.join(viaCodemod, "ignored/skipped.ts"), "utf8")).toContain('"2.13"');
    expect(readFileSync(path.join(viaCodemod, "src/intercom/bom-crlf.ts"), "utf8")).toMatch(/^\uFEFF\/\/ résumé\r\n[^]*"Intercom-Version": "2\.14"/);
    // The run prints fix's summary once, with the leftovers where they are in the written files.
    expect(run.output.match(/Changed \d+ files? with \d+ fix(es)?\./g)).toHaveLength(1);
    // Printed as fix prints it, not under the name of the file Codemod was transforming (a stray path, indented text).
    expect(run.output).toMatch(/^Changed \d+ files? with/m);
    expect(run.output).not.toMatch(/^\S+\.(?:[cm]?[jt]sx?)$/m);
    expect(locations(run.output)).toEqual(locations(fix.stdout));
    expect(locations(fix.stdout).length).toBeGreaterThan(0);
  });

  it("writes nothing with --dry-run, and reports what fix --dry-run reports", () => {
    const dir = exampleCopy();
    const before = snapshot(dir);
    const run = codemod(["workflow", "run", "-w", PACKAGE, "--target", dir, "--no-interactive", "--allow-dirty", "--allow-child-process", "--dry-run"]);
    expect(run.code, run.output).toBe(0);
    expect(snapshot(dir)).toEqual(before);
    const { files, line } = wouldChange(dir);
    expect(files).toBeGreaterThan(3);
    expect(run.output).toContain(line);
    expect(locations(run.output)).toEqual(locations(intercomMigrate(["fix", "--dry-run", "."], dir).stderr));
  });

  it("runs as `codemod run <package folder>` too, with Codemod's own dry-run summary", () => {
    const dir = exampleCopy();
    const before = snapshot(dir);
    const dry = codemod(["run", "./codemod", "--target", dir, "--no-interactive", "--allow-dirty", "--allow-child-process", "--dry-run"]);
    expect(dry.code, dry.output).toBe(0);
    expect(dry.output).toMatch(new RegExp(`Would modify\\s+${wouldChange(dir).files} files`));
    expect(snapshot(dir)).toEqual(before);

    const viaFix = exampleCopy();
    intercomMigrate(["fix", "."], viaFix);
    const real = codemod(["run", "./codemod", "--target", dir, "--no-interactive", "--allow-dirty", "--allow-child-process"]);
    expect(real.code, real.output).toBe(0);
    expectSameTree(dir, viaFix);
  });

  it("says which capability it needs when child_process is not allowed, and changes nothing", () => {
    const dir = exampleCopy();
    const before = snapshot(dir);
    const run = codemod(["workflow", "run", "-w", PACKAGE, "--target", dir, "--no-interactive", "--allow-dirty"]);
    expect(run.code).not.toBe(0);
    expect(run.output).toContain("--allow-child-process");
    expect(snapshot(dir)).toEqual(before);
  });
});

// Shared test helpers: an engine over all rules, the CLI as a child process, temp copies of folders.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { RULES } from "../rules/index.js";
import { Engine } from "../src/core/engine.js";
import type { Finding } from "../src/core/types.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const BIN = path.join(ROOT, "bin", "intercom-migrate.js");

export function newEngine(settings?: Record<string, unknown>): Engine {
  return new Engine({ rules: RULES, settings });
}

const CLI_TIMEOUT_MS = 120_000;

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd: string, env: Record<string, string> = {}): CliRun {
  // A hang (a FIFO read, a quadratic regex) fails the test instead of blocking the whole run.
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...env },
    timeout: CLI_TIMEOUT_MS,
    killSignal: "SIGKILL",
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function tempCopy(source: string): string {
  const target = mkdtempSync(path.join(tmpdir(), "intercom-migrate-"));
  cpSync(source, target, { recursive: true });
  return target;
}

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), "intercom-migrate-"));
}

/** A temp folder holding these files (paths relative to it). */
export function project(files: Record<string, string | Buffer>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** One line per finding: `rule line:col-endLine:endCol fix|review`, the form fixture expectations are written in. */
export function describeFindings(findings: readonly Finding[]): string {
  return findings
    .map((f) => `${f.ruleId} ${f.loc.start.line}:${f.loc.start.column}-${f.loc.end.line}:${f.loc.end.column} ${f.edits ? "fix" : "review"}`)
    .join("\n");
}

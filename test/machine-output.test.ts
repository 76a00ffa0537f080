// With a machine format, stdout holds only that format: every command × format is run as a process and its stdout parsed.
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli, tempCopy } from "./support.js";

const EXAMPLES = path.join(ROOT, "examples");

/** Each format's parser: throws (failing the test) on anything that is not wholly that format. */
const PARSE: Record<string, (stdout: string) => unknown> = {
  json: (stdout) => JSON.parse(stdout) as unknown,
  sarif: (stdout) => {
    const log = JSON.parse(stdout) as { version: string; runs: unknown[] };
    if (log.version !== "2.1.0" || !Array.isArray(log.runs)) throw new Error("not a SARIF log");
    return log;
  },
  // GitHub workflow commands: every line is `::error …::…`, `::warning …::…` or `::notice …::…`.
  github: (stdout) => {
    const lines = stdout.split("\n").filter((line) => line !== "");
    const stray = lines.filter((line) => !/^::(error|warning|notice)( [^:]*)?::./.test(line));
    if (stray.length > 0) throw new Error(`not a workflow command: ${stray[0]}`);
    return lines;
  },
};

/** Each command: its arguments, its exit code on the example app, and how many messages its JSON holds. */
const COMMANDS: Record<string, { args: string[]; code: number; messages: number }> = {
  check: { args: ["check", "."], code: 1, messages: 26 },
  fix: { args: ["fix", "--allow-dirty", "."], code: 1, messages: 8 },
  "fix --dry-run": { args: ["fix", "--dry-run", "."], code: 1, messages: 8 },
  "fix --annotate --report": { args: ["fix", "--allow-dirty", "--annotate", "--report", "MIGRATION.md", "."], code: 1, messages: 8 },
  // Everything found goes into the new baseline, so nothing is new: exit 0, no messages (the 26 are suppressed).
  "check --update-baseline": { args: ["check", "--update-baseline", "."], code: 0, messages: 0 },
};

describe("machine formats: stdout holds only the format", () => {
  for (const [command, { args, code, messages }] of Object.entries(COMMANDS)) {
    for (const format of Object.keys(PARSE)) {
      it(`${command} --format ${format}`, () => {
        const dir = tempCopy(EXAMPLES);
        const run = runCli([...args, "--format", format], dir);
        expect(run.code, run.stderr).toBe(code);
        const parsed = PARSE[format](run.stdout);
        expect(parsed).toBeTruthy();
        // The run did what it says: its findings are in the output (all 26 before a fix, the 8 leftovers after one).
        if (format === "json") {
          const results = parsed as Array<{ messages: unknown[] }>;
          expect(results.reduce((sum, result) => sum + result.messages.length, 0)).toBe(messages);
        }
      });
    }
  }

  it("fix --dry-run --format json: each file it would rewrite carries its diff; nothing is written", () => {
    const dir = tempCopy(EXAMPLES);
    const run = runCli(["fix", "--dry-run", "--format", "json", "."], dir);
    const results = JSON.parse(run.stdout) as Array<{ filePath: string; diff?: string }>;
    const withDiff = results.filter((result) => result.diff !== undefined);
    expect(withDiff.map((result) => path.relative(dir, result.filePath)).sort()).toEqual([
      "src/admin-ui/TeamLimits.tsx",
      "src/audit/activity-log.ts",
      "src/audit/limit-report.cjs",
      "src/intercom/client.ts",
      "src/intercom/http.cjs",
      "src/intercom/request.mjs",
      "src/notifications/email.js",
      "src/notifications/nudges.mjs",
      "src/tickets/assign.ts",
      "src/tickets/escalation.js",
      "src/tickets/sla.mjs",
    ]);
    const email = withDiff.find((result) => result.filePath.endsWith("email.js"))!.diff!;
    expect(email.split("\n").slice(1, 3)).toEqual(["--- a/src/notifications/email.js", "+++ b/src/notifications/email.js"]);
    expect(email).toMatch(/^-.*"intercom-version": "2\.13"/m);
    expect(email).toMatch(/^\+.*"intercom-version": "2\.14"/m);
    expect(run.stderr).not.toContain("+++ b/");
  });

  it("fix --dry-run --format sarif / github: the diff goes to stderr", () => {
    for (const format of ["sarif", "github"]) {
      const run = runCli(["fix", "--dry-run", "--format", format, "."], tempCopy(EXAMPLES));
      expect(run.stderr).toContain("+++ b/src/notifications/email.js");
      expect(run.stdout).not.toContain("+++ b/");
    }
  });

  it("stats --format json: stdout is the JSON; a run with --history writes it to the file, not stdout", () => {
    const dir = tempCopy(EXAMPLES);
    const run = runCli(["stats", "--format", "json", "--history", "history.jsonl", "."], dir);
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { now: number }).now).toBe(26);
    expect(existsSync(path.join(dir, "history.jsonl"))).toBe(true);
  });
});

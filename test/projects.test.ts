// Small realistic projects (fixtures/projects/<name>/input): modules that import each other through path aliases,
// package.json `imports` and workspace packages, versions kept in config modules with environment fallbacks.
// Each is checked and fixed through the CLI as a process, with and without types: the findings are
// `findings.json`, the fixed files are `expected/` (`expected-untyped/` where types decide), a second fix
// changes nothing, and `check` afterwards finds only what is left for review.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli, tempCopy } from "./support.js";

const PROJECTS = path.join(ROOT, "fixtures", "projects");
const NAMES = readdirSync(PROJECTS)
  .filter((name) => statSync(path.join(PROJECTS, name)).isDirectory())
  .sort();

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string; line: number; column: number; fix?: unknown }>;
}

function findings(stdout: string, dir: string): string[] {
  return (JSON.parse(stdout) as JsonResult[]).flatMap((r) =>
    r.messages.map((m) => `${path.relative(dir, r.filePath).split(path.sep).join("/")}:${m.line}:${m.column} ${m.ruleId} ${m.fix ? "fix" : "review"}`),
  );
}

function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => statSync(path.join(dir, name)).isFile())
    .map((name) => name.split(path.sep).join("/"))
    .sort();
}

describe.each(NAMES)("fixtures/projects/%s", (name) => {
  const project = path.join(PROJECTS, name);
  const expected = JSON.parse(readFileSync(path.join(project, "findings.json"), "utf8")) as string[];

  it.each([
    ["with types (each file's nearest tsconfig)", []],
    ["--no-types", ["--no-types"]],
  ] as const)("check %s finds exactly findings.json", (_, flags) => {
    const dir = tempCopy(path.join(project, "input"));
    expect(findings(runCli(["check", "--format", "json", ...flags, "."], dir).stdout, dir)).toEqual(expected);
  });

  it.each([
    ["with types", [], "expected"],
    ["--no-types", ["--no-types"], "expected-untyped"],
  ] as const)("fix %s writes the expected files, once", (_, flags, folder) => {
    const dir = tempCopy(path.join(project, "input"));
    const first = runCli(["fix", ...flags, "."], dir);
    expect(first.code, first.stderr).not.toBe(2);
    for (const file of filesIn(path.join(project, "input"))) {
      const own = path.join(project, folder, file);
      const shared = path.join(project, "expected", file);
      const want = existsSync(own) ? own : existsSync(shared) ? shared : path.join(project, "input", file);
      expect(readFileSync(path.join(dir, file), "utf8"), file).toBe(readFileSync(want, "utf8"));
    }
    expect(runCli(["fix", ...flags, "."], dir).stdout).toContain("Changed 0 files");
    const after = findings(runCli(["check", "--format", "json", ...flags, "."], dir).stdout, dir);
    expect(after.filter((line) => line.endsWith(" fix"))).toEqual([]);
  });
});

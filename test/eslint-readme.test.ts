// The README's ESLint set-up, as written there: each snippet (ES module and CommonJS) in a copy of the example app
// with the package linked as `npm link` would, ESLint run as a process, and the same findings as `check`.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readmeSnippet } from "../scripts/readme-snippets.mjs";
import { requireTypescriptParser, TYPESCRIPT_PARSER } from "../src/frontends/eslint-typescript-parser.js";
import { ROOT, runCli, tempCopy } from "./support.js";

const README = path.join(ROOT, "README.md");
const ESLINT = path.join(ROOT, "node_modules", "eslint", "bin", "eslint.js");

interface LintResult {
  filePath: string;
  messages: { ruleId: string | null; line: number; column: number; endLine?: number; endColumn?: number; message: string }[];
}

/** One line per finding, `file rule line:column-endLine:endColumn`, sorted: the two tools' results compared. */
function describeResults(dir: string, results: LintResult[], prefix = ""): string[] {
  return results
    .flatMap((result) =>
      result.messages.map(
        (m) =>
          `${path.relative(dir, result.filePath)} ${m.ruleId === null ? `fatal: ${m.message}` : m.ruleId.slice(prefix.length)} ${m.line}:${m.column}-${m.endLine}:${m.endColumn}`,
      ),
    )
    .sort();
}

/** The example app with the package installed as a link, and the README's snippet as its ESLint config. */
function exampleWithConfig(configFile: string, snippet: string): string {
  const dir = tempCopy(path.join(ROOT, "examples"));
  mkdirSync(path.join(dir, "node_modules"));
  symlinkSync(ROOT, path.join(dir, "node_modules", "intercom-migrate"), "dir");
  writeFileSync(path.join(dir, configFile), snippet);
  return dir;
}

describe("the README's ESLint set-up, run as written", () => {
  for (const [name, configFile] of [
    ["eslint-esm", "eslint.config.mjs"],
    ["eslint-cjs", "eslint.config.js"],
  ] as const) {
    it(`${name} (${configFile}) reports the example app's 26 findings, as check does`, () => {
      const dir = exampleWithConfig(configFile, readmeSnippet(README, name));
      const eslint = spawnSync(process.execPath, [ESLINT, "--format", "json", "."], { cwd: dir, encoding: "utf8" });
      expect(eslint.status, eslint.stderr).toBe(1);
      const viaEslint = describeResults(dir, JSON.parse(eslint.stdout) as LintResult[], "intercom-migrate/");
      const check = runCli(["check", "--format", "json", "."], dir);
      const viaCheck = describeResults(dir, JSON.parse(check.stdout) as LintResult[]);
      expect(viaEslint).toHaveLength(26);
      expect(viaEslint).toEqual(viaCheck);
      // TypeScript files are linted, not skipped: the example's .ts and .tsx findings are there.
      expect(viaEslint.filter((line) => /^\S+\.tsx? /.test(line))).toHaveLength(9);
    });
  }

  it("names the package and the install command when @typescript-eslint/parser is missing", () => {
    const empty = mkdtempSync(path.join(tmpdir(), "intercom-migrate-"));
    expect(() => requireTypescriptParser([path.join(empty, "package.json")])).toThrow(
      `intercom-migrate: linting TypeScript needs ${TYPESCRIPT_PARSER}, which is not installed. Install it next to ESLint: npm install --save-dev ${TYPESCRIPT_PARSER}`,
    );
    // Found in a later place when the first has none.
    expect(typeof requireTypescriptParser([path.join(empty, "package.json"), path.join(ROOT, "package.json")])).toBe("function");
  });
});

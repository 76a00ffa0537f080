// Bad input gets a clear one-line message, the right exit code, and loses nothing.
import { chmodSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../rules/index.js";
import { Engine } from "../src/core/engine.js";
import { processFile, writeFixedFile } from "../src/run/process-file.js";
import type { Rule } from "../src/core/types.js";
import { runCli, project } from "./support.js";

const LEGACY = `import { IntercomClient } from "intercom-client";\nconst client = new IntercomClient({ version: "2.13" });\n`;
const FIXED = LEGACY.replace("2.13", "2.14");

/** stderr/stdout must carry messages, never a stack trace. */
function expectNoStackTrace(text: string): void {
  expect(text).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
}

describe("hostile inputs", () => {
  it("skips a binary file with a .js name, with a note, and fixes the others", () => {
    const binary = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0x69, 0x6e, 0x74, 0x65, 0x72, 0x63, 0x6f, 0x6d]);
    const dir = project({ "bin.js": binary, "ok.js": LEGACY });
    const run = runCli(["fix"], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("bin.js: skipped: binary file (contains NUL bytes)");
    expect(readFileSync(path.join(dir, "bin.js")).equals(binary)).toBe(true);
    expect(readFileSync(path.join(dir, "ok.js"), "utf8")).toBe(FIXED);
  });

  it("never rewrites a file that is not valid UTF-8", () => {
    const bytes = Buffer.concat([Buffer.from(LEGACY), Buffer.from([0xff, 0xfe, 0x0a])]);
    const dir = project({ "latin.js": bytes });
    const run = runCli(["fix", "--format", "json"], dir);
    expect(run.code).toBe(1);
    const [result] = JSON.parse(run.stdout);
    expect(result.messages).toEqual([
      { ruleId: null, fatal: true, severity: 2, message: "not valid UTF-8: checked nothing and left the file untouched", line: 1, column: 1 },
    ]);
    expect(readFileSync(path.join(dir, "latin.js")).equals(bytes)).toBe(true);
  });

  it("skips a file over the size limit with a warning, since it mentions what the rules look for", () => {
    const big = LEGACY + "// " + "x".repeat(100) + "\n";
    const dir = project({ "big.js": big.repeat(Math.ceil((20 * 1048576) / big.length)) }); // 20 MB
    const run = runCli(["check"], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /big\.js\n +1:1 +warning +not analysed: 2\d\.\d MB is over the 8\.0 MB limit \(--max-file-size\); it mentions what the rules look for/,
    );
    expectNoStackTrace(run.stdout + run.stderr);
  });

  it("handles nesting too deep for the main stack: parsed on a large-stack worker, walked iteratively", () => {
    const nested = `${"[\n".repeat(5000)}${"]".repeat(5000)}`; // one bracket a line: not "minified"
    const deep = `${LEGACY}client.tickets.update({ ticket_id: "1", tags: ${nested}, assignment: { admin_id: "1", assignee_id: "2" } });\n`;
    const dir = project({ "deep.js": deep });
    const run = runCli(["fix"], dir);
    expect(run.code).toBe(0);
    expect(readFileSync(path.join(dir, "deep.js"), "utf8")).toBe(
      deep.replace("2.13", "2.14").replace('assignment: { admin_id: "1", assignee_id: "2" }', 'admin_id: 1, assignee_id: "2"'),
    );
    expectNoStackTrace(run.stdout + run.stderr);
  });

  it("reports nesting too deep to parse as a fatal finding, not a crash, and fixes the others", () => {
    const deep = `client.tickets.update(${"[\n".repeat(400000)}${"]\n".repeat(400000)}, { assignment: {} });\n`;
    const dir = project({ "deep.js": deep, "ok.js": LEGACY });
    const run = runCli(["fix", "--format", "json"], dir);
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout);
    expect(results.find((r: { filePath: string }) => r.filePath.endsWith("deep.js")).messages).toEqual([
      {
        ruleId: null,
        fatal: true,
        severity: 2,
        message: "Parsing error: The file is nested too deeply to parse (400001 levels of brackets; the limit is 20000).",
        line: 1,
        column: 1,
      },
    ]);
    expect(readFileSync(path.join(dir, "deep.js"), "utf8")).toBe(deep);
    expect(readFileSync(path.join(dir, "ok.js"), "utf8")).toBe(FIXED);
    expectNoStackTrace(run.stderr);
  });

  // Root reads every file whatever its mode, so this runs only where permissions apply (not as root in CI).
  it.skipIf(process.getuid?.() === 0)("reports an unreadable file with a one-line message and checks the others", () => {
    const dir = project({ "locked.js": LEGACY, "ok.js": LEGACY });
    chmodSync(path.join(dir, "locked.js"), 0o000);
    const run = runCli(["check", "--format", "json"], dir);
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout);
    expect(results.find((r: { filePath: string }) => r.filePath.endsWith("locked.js")).messages).toEqual([
      { ruleId: null, fatal: true, severity: 2, message: "cannot read file: EACCES", line: 1, column: 1 },
    ]);
    expect(results.find((r: { filePath: string }) => r.filePath.endsWith("ok.js")).messages).toHaveLength(1);
  });

  it("walks a symlink loop once", () => {
    const dir = project({ "src/a.js": LEGACY });
    symlinkSync(path.join(dir, "src"), path.join(dir, "src", "loop"));
    // Links are followed only when asked (otherwise src/loop is reported as a link, not walked).
    const run = runCli(["check", "--format", "json", "--follow-symlinks"], dir);
    expect(JSON.parse(run.stdout).map((r: { filePath: string }) => path.relative(dir, r.filePath))).toEqual(["src/a.js"]);
  });

  it("says which path does not exist, still checks the rest, and exits 2", () => {
    const dir = project({ "a.js": LEGACY });
    const run = runCli(["check", "missing.js", "a.js"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("intercom-migrate: missing.js: no such file or folder\n");
    expect(run.stdout).toContain("a.js");
  });

  it("refuses a folder given as --format, with a one-line error", () => {
    const dir = project({ "src/a.js": LEGACY });
    const run = runCli(["check", "--format", "src", "src"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("refuses to overwrite a file that changed between read and write", async () => {
    const dir = project({ "a.js": LEGACY });
    const file = path.join(dir, "a.js");
    // A rule that edits the file on disk while the engine works: someone saving in their editor.
    const meddler: Rule = {
      meta: { id: "meddler", severity: "warning", description: "test", fixable: false, messages: {} },
      mayMatch: () => true,
      check: () => writeFileSync(file, "// edited meanwhile\n"),
    };
    const engine = new Engine({ rules: [...RULES, meddler] });
    const report = await processFile(engine, file, { mode: "fix", maxFileBytes: 1e7 });
    await writeFixedFile(report);
    expect(report.written).toBe(false);
    expect(report.fatal?.message).toBe("the file changed while it was being fixed; left it as it is now (run fix again)");
    expect(readFileSync(file, "utf8")).toBe("// edited meanwhile\n");
  });

  it("reports a file whose fix would not re-parse and leaves it untouched", async () => {
    const dir = project({ "a.js": LEGACY });
    const file = path.join(dir, "a.js");
    const breaking: Rule = {
      meta: { id: "breaks-code", severity: "error", description: "test", fixable: true, messages: { bad: "bad" } },
      mayMatch: () => true,
      check: (context) => context.report({ node: context.file.ast.program, messageId: "bad", edits: [{ start: 0, end: 0, text: "}" }] }),
    };
    const report = await processFile(new Engine({ rules: [breaking] }), file, { mode: "fix", maxFileBytes: 1e7 });
    await writeFixedFile(report);
    expect(report.written).toBe(false);
    expect(report.notice).toMatch(/^some fixes were not applied: the result would not parse/);
    expect(readFileSync(file, "utf8")).toBe(LEGACY);
  });
});

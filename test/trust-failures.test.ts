// Failures are loud (issues 17 and 19): a rule that throws, and every file not analysed, is counted and named in
// every format, the file is left untouched, the other files still run, and a failure exits 2.
//
// The throwing rule is injected through INTERCOM_MIGRATE_TEST_FAULTS (src/run/faults.ts), so the CLI runs as a process.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type * as Sarif from "sarif";
import type { Linter as EslintLinter } from "eslint";
import { describe, expect, it, vi } from "vitest";
import { RULES } from "../rules/index.js";
import { Engine } from "../src/core/engine.js";
import type { Rule } from "../src/core/types.js";
import { failureCause } from "../src/run/failures.js";
import { processFile } from "../src/run/process-file.js";
import { looksMinified } from "../src/workspace/files.js";
import { sarifValidator } from "./sarif-schema.js";
import { BIN, ROOT, project, runCli } from "./support.js";

const TICKET = `import { IntercomClient } from "intercom-client";\nconst client = new IntercomClient({ version: "2.13" });\nclient.tickets.update({ ticket_id: "1", assignment: { admin_id: "1", assignee_id: "2" } });\n`;
const PIN_ONLY = `import { IntercomClient } from "intercom-client";\nconst client = new IntercomClient({ version: "2.13" });\n`;
const THROWING = { INTERCOM_MIGRATE_TEST_FAULTS: "rule:ticket-update-assignment" };

interface JsonMessage {
  ruleId: string | null;
  severity: number;
  message: string;
  fatal?: boolean;
}
interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  errorCount: number;
  warningCount: number;
  fatalErrorCount: number;
  notAnalysed?: { reason: string; message: string };
}

const byName = (dir: string, results: JsonResult[]) => Object.fromEntries(results.map((r) => [path.relative(dir, r.filePath), r]));

describe("a rule that throws", () => {
  it("check --format json: the rule id, the file and the cause; the other rules and files still run; exit 2", () => {
    const dir = project({ "a.js": TICKET, "b.js": PIN_ONLY });
    const run = runCli(["check", "--format", "json"], dir, THROWING);
    expect(run.code).toBe(2);
    const results = byName(dir, JSON.parse(run.stdout));
    const failure = results["a.js"].messages.find((m) => m.ruleId === "ticket-update-assignment")!;
    expect(failure).toMatchObject({ fatal: true, severity: 2, line: 1, column: 1 });
    expect(failure.message).toMatch(
      /^internal error in rule ticket-update-assignment: injected fault \(INTERCOM_MIGRATE_TEST_FAULTS\)\. The file was not changed; please report this at https:\/\/\S+\.$/,
    );
    expect(results["a.js"].fatalErrorCount).toBe(1);
    // The other rules still ran on the same file, and on the other file.
    expect(results["a.js"].messages.map((m) => m.ruleId)).toContain("intercom-version-header");
    expect(results["b.js"].messages.map((m) => m.ruleId)).toEqual(["intercom-version-header"]);
  });

  it("stylish: named on stdout with the rule id, counted and named on stderr; exit 2", () => {
    const dir = project({ "a.js": TICKET, "b.js": PIN_ONLY });
    const run = runCli(["check"], dir, THROWING);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/a\.js\n +1:1 +error +internal error in rule ticket-update-assignment: injected fault .*ticket-update-assignment\n/);
    expect(run.stderr).toMatch(
      /^intercom-migrate: 2 problems in 2 files checked \(1 of them failed\) — \d+\.\d\d s\n {2}failed {2}a\.js: internal error in rule ticket-update-assignment: /,
    );
  });

  it("SARIF: a toolExecutionNotification with the rule and the file; the invocation did not succeed; valid SARIF", () => {
    const dir = project({ "a.js": TICKET });
    const run = runCli(["check", "--format", "sarif"], dir, THROWING);
    expect(run.code).toBe(2);
    const log = JSON.parse(run.stdout) as Sarif.Log;
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const invocation = log.runs[0].invocations![0];
    expect(invocation.executionSuccessful).toBe(false);
    const [notification] = invocation.toolExecutionNotifications!;
    expect(notification).toMatchObject({
      level: "error",
      descriptor: { id: "internal-error" },
      associatedRule: { id: "ticket-update-assignment" },
      locations: [{ physicalLocation: { artifactLocation: { uri: "a.js" } } }],
    });
    expect(notification.message.text).toMatch(/^internal error in rule ticket-update-assignment: /);
    expect(log.runs[0].tool.driver.rules![notification.associatedRule!.index!].id).toBe("ticket-update-assignment");
  });

  it("GitHub: an error annotation on the file titled with the rule", () => {
    const dir = project({ "a.js": TICKET });
    const run = runCli(["check", "--format", "github"], dir, THROWING);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(
      /^::error file=a\.js,line=1,col=1,title=intercom-migrate%3A internal error in ticket-update-assignment::internal error in rule ticket-update-assignment: /m,
    );
  });

  it("fix: the file the rule failed on is left untouched, the others are fixed; exit 2", () => {
    const dir = project({ "a.js": TICKET, "b.js": PIN_ONLY });
    const run = runCli(["fix", "--format", "json"], dir, THROWING);
    expect(run.code).toBe(2);
    expect(readFileSync(path.join(dir, "a.js"), "utf8")).toBe(TICKET);
    expect(readFileSync(path.join(dir, "b.js"), "utf8")).toBe(PIN_ONLY.replace("2.13", "2.14"));
    const results = byName(dir, JSON.parse(run.stdout));
    // What is reported for a.js is what is in it now: nothing was applied.
    expect(results["a.js"].messages.map((m) => m.ruleId).sort()).toEqual(["intercom-version-header", "ticket-update-assignment"]);
  });

  it("each error class has its own message (a RangeError is not always 'nested too deeply')", () => {
    const dir = project({ "a.js": TICKET });
    const message = (errorClass: string) => {
      const run = runCli(["check", "--format", "json"], dir, { INTERCOM_MIGRATE_TEST_FAULTS: `rule:ticket-update-assignment=${errorClass}` });
      expect(run.code).toBe(2);
      return (JSON.parse(run.stdout)[0] as JsonResult).messages.find((m) => m.fatal)!.message;
    };
    const messages = ["Error", "TypeError", "RangeError"].map(message);
    expect(new Set(messages).size).toBe(3);
    expect(messages[1]).toMatch(/TypeError/);
    expect(messages[2]).toMatch(/value was out of range \(RangeError/);
    expect(failureCause(new RangeError("Maximum call stack size exceeded"))).toMatch(/^ran out of stack/);
    expect(failureCause(new RangeError("Invalid array length"))).toMatch(/size limits/);
    expect(failureCause(new RangeError("Invalid array length"))).not.toMatch(/nested/);
  });

  it("a failure in the core (not in a rule) is reported too, with no rule id, and exits 2", async () => {
    const dir = project({ "a.js": TICKET });
    // A rule whose mayMatch throws fails before any rule runs: the engine's core path.
    const broken: Rule = {
      meta: { id: "broken", severity: "error", description: "test", fixable: false, messages: {} },
      mayMatch: () => {
        throw new TypeError("boom");
      },
      check: () => undefined,
    };
    const report = await processFile(new Engine({ rules: [...RULES, broken] }), path.join(dir, "a.js"), { mode: "fix", maxFileBytes: 1e7 });
    expect(report.internalErrors).toEqual([
      {
        ruleId: null,
        message: expect.stringMatching(/^internal error in intercom-migrate: a bug in intercom-migrate met an unexpected shape of code \(TypeError: boom\)/),
      },
    ]);
    expect(report.output).toBeUndefined();
  });
});

describe("a rule that throws, in the ESLint plugin", () => {
  it("is reported by that rule on the file, with the cause", async () => {
    process.env.INTERCOM_MIGRATE_TEST_FAULTS = "rule:ticket-update-assignment";
    try {
      // A fresh module: the plugin builds its engine (and reads the fault variable) on first use.
      vi.resetModules();
      const { Linter } = await import("eslint");
      const { default: plugin } = await import("../src/frontends/eslint-plugin.js");
      const messages = new Linter({ configType: "flat" }).verify(TICKET, plugin.configs.recommended as EslintLinter.Config[], {
        filename: "a.js",
      });
      expect(messages.map((m) => m.ruleId)).toEqual(["intercom-migrate/ticket-update-assignment", "intercom-migrate/intercom-version-header"]);
      expect(messages[0]).toMatchObject({
        line: 1,
        column: 1,
        severity: 2,
        message: expect.stringMatching(/^internal error in rule ticket-update-assignment: injected fault/),
      });
    } finally {
      delete process.env.INTERCOM_MIGRATE_TEST_FAULTS;
    }
  });
});

describe("a rule that throws, through the programmatic API and the jscodeshift transform", () => {
  it("fixText reports it and changes nothing; jscodeshift counts the file as an error and leaves it", () => {
    const dir = project({ "a.js": TICKET });
    const script = `import("${pathToFileURL(path.join(ROOT, "dist/src/index.js")).href}").then((api) => console.log(JSON.stringify(api.fixText({ text: ${JSON.stringify(TICKET)}, filePath: "a.js" }))))`;
    const api = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", env: { ...process.env, ...THROWING } });
    const result = JSON.parse(api.stdout);
    expect(result.output).toBe(TICKET);
    expect(result.applied).toEqual([]);
    expect(result.internalErrors).toEqual([
      { ruleId: "ticket-update-assignment", message: expect.stringMatching(/^internal error in rule ticket-update-assignment: /) },
    ]);

    const jscodeshift = spawnSync(
      process.execPath,
      [path.join(ROOT, "node_modules/jscodeshift/bin/jscodeshift.js"), "-t", path.join(ROOT, "jscodeshift.cjs"), "--no-babel", "--parser=tsx", "a.js"],
      { cwd: dir, encoding: "utf8", env: { ...process.env, ...THROWING, BABEL_DISABLE_CACHE: "1" } },
    );
    expect(jscodeshift.stdout + jscodeshift.stderr).toMatch(/internal error in rule ticket-update-assignment/);
    expect(jscodeshift.stdout).toMatch(/1 errors/);
    expect(readFileSync(path.join(dir, "a.js"), "utf8")).toBe(TICKET);
  }, 60_000);
});

describe("files not analysed are counted and named", () => {
  // A real 2.13 shape below a normal file's one long data: URI line (a logo, say).
  const DATA_URI = `const logo = "data:image/png;base64,${"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg".repeat(1500)}";\n`;
  // A real bundle: long lines of dense code, with a request in the middle.
  const MINIFIED = `${"function a(b){return b&&b.c?(d(b),e(b.f)):g(h)};".repeat(600)}client.tickets.update({ticket_id:"1",assignment:{admin_id:"1",assignee_id:"2"}});${"var x=(y)=>{z(y)};".repeat(1500)}\n`;

  it("a normal file with one long data: URI line is analysed, not skipped whole as 'minified'", () => {
    const text = DATA_URI + TICKET;
    expect(looksMinified(text)).toBe(false);
    const dir = project({ "logo.js": text });
    const run = runCli(["check", "--format", "json"], dir);
    expect(run.code).toBe(1);
    const [result] = JSON.parse(run.stdout) as JsonResult[];
    expect(result.notAnalysed).toBeUndefined();
    expect(result.messages.map((m) => m.ruleId)).toEqual(["intercom-version-header", "ticket-update-assignment"]);
  });

  it("a minified file that mentions a needle: a warning in JSON, SARIF, GitHub and stylish (never nothing)", () => {
    expect(looksMinified(MINIFIED)).toBe(true);
    const dir = project({ "bundle.js": MINIFIED, "ok.js": "export const ok = 1;\n" });

    const json = runCli(["check", "--format", "json"], dir);
    expect(json.code).toBe(0);
    const results = byName(dir, JSON.parse(json.stdout));
    expect(results["bundle.js"].notAnalysed).toEqual({ reason: "minified", message: expect.stringMatching(/^not analysed: looks minified/) });
    expect(results["bundle.js"].messages).toEqual([
      { ruleId: null, severity: 1, message: expect.stringMatching(/^not analysed: looks minified/), line: 1, column: 1 },
    ]);
    expect(results["bundle.js"].warningCount).toBe(1);
    expect(results["ok.js"].notAnalysed).toBeUndefined();

    const sarif = JSON.parse(runCli(["check", "--format", "sarif"], dir).stdout) as Sarif.Log;
    expect(sarif.runs[0].invocations![0].toolExecutionNotifications).toEqual([
      expect.objectContaining({ level: "warning", descriptor: { id: "file-skipped", index: 2 }, properties: { reason: "minified" } }),
    ]);
    expect(sarif.runs[0].invocations![0].executionSuccessful).toBe(true);

    expect(runCli(["check", "--format", "github"], dir).stdout).toMatch(
      /^::warning file=bundle\.js,line=1,col=1,title=intercom-migrate%3A file not analysed::not analysed: looks minified/m,
    );

    const stylish = runCli(["check"], dir);
    expect(stylish.code).toBe(0);
    expect(stylish.stdout).toMatch(/bundle\.js\n +1:1 +warning +not analysed: looks minified/);
    expect(stylish.stderr).toMatch(
      /^intercom-migrate: no 2\.13 shapes in 1 file checked \(1 more skipped: 1 minified\) — \d+\.\d\d s\n {2}skipped bundle\.js: not analysed: looks minified/,
    );
    // --max-warnings counts it: a CI step that allows no warnings fails on it.
    expect(runCli(["check", "--max-warnings", "0"], dir).code).toBe(1);
  });

  it("a file over --max-file-size: a warning when it mentions a needle, a note (still named) when it does not", () => {
    const dir = project({ "big.js": "// filler\n".repeat(30_000) + TICKET, "plain.js": "// filler\n".repeat(30_000) });
    const run = runCli(["check", "--format", "json", "--max-file-size", "0.1"], dir);
    expect(run.code).toBe(0);
    const results = byName(dir, JSON.parse(run.stdout));
    expect(results["big.js"].notAnalysed?.reason).toBe("too-large");
    expect(results["big.js"].messages[0]).toMatchObject({
      severity: 1,
      message: expect.stringMatching(/^not analysed: 0\.3 MB is over the 0\.1 MB limit \(--max-file-size\); it mentions what the rules look for$/),
    });
    expect(results["plain.js"].notAnalysed).toEqual({ reason: "too-large", message: "skipped: 0.3 MB is over the 0.1 MB limit (--max-file-size)" });
    expect(results["plain.js"].messages).toEqual([]);
    const sarif = JSON.parse(runCli(["check", "--format", "sarif", "--max-file-size", "0.1"], dir).stdout) as Sarif.Log;
    expect(sarif.runs[0].invocations![0].toolExecutionNotifications!.map((n) => n.level)).toEqual(["warning", "note"]);
  });

  it("a needle split across the scanner's chunk boundary is still seen in a large file", () => {
    const filler = "x".repeat(1024 * 1024 - 4) + "\n";
    const dir = project({ "big.js": filler + "ssignment_limit" });
    const run = runCli(["check", "--format", "json", "--max-file-size", "0.5"], dir);
    expect((JSON.parse(run.stdout) as JsonResult[])[0].messages[0].severity).toBe(1);
  });

  it("a clean run of a human format still ends with one summary line on stderr", () => {
    const dir = project({ "ok.js": "export const ok = 1;\n" });
    const run = runCli(["check"], dir);
    expect(run).toMatchObject({ code: 0, stdout: "" });
    expect(run.stderr).toMatch(/^intercom-migrate: no 2\.13 shapes in 1 file checked — \d+\.\d\d s\n$/);
  });
});

describe("a closed pipe", () => {
  it("`check big | head -1` exits quietly: no EPIPE stack trace, the exit code still says what was found", async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `const c${i} = new IntercomClient({ version: "2.13" });`);
    const dir = project({ "big.js": `import { IntercomClient } from "intercom-client";\n${lines.join("\n")}\n` });
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, "check", "big.js"], { cwd: dir, env: { ...process.env, NO_COLOR: "1" } });
      let err = "";
      child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
      // Read the first chunk, then close the pipe, as `head -1` does.
      child.stdout.once("data", () => child.stdout.destroy());
      child.on("close", (exitCode) => resolve({ code: exitCode, stderr: err }));
    });
    expect(stderr).not.toMatch(/EPIPE|Unhandled|at .+:\d+:\d+/);
    expect(stderr).toMatch(/^intercom-migrate: 5000 problems in 1 file checked — /);
    expect(code).toBe(0); // warnings only
  });
});

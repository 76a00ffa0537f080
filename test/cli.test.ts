// The CLI run as a process: exit codes, output formats, fix and dry-run on temp copies.
import { chmodSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, project } from "./support.js";

const LEGACY = `import { IntercomClient } from "intercom-client";
const client = new IntercomClient({ token: "t", version: "2.13" });
export const assign = (id) =>
  client.tickets.update({ ticket_id: id, assignment: { admin_id: "12", assignee_id: 34 } });
`;
const FIXED = `import { IntercomClient } from "intercom-client";
const client = new IntercomClient({ token: "t", version: "2.14" });
export const assign = (id) =>
  client.tickets.update({ ticket_id: id, admin_id: 12, assignee_id: "34" });
`;
const REVIEW_ONLY = `import { IntercomClient } from "intercom-client";
const client = new IntercomClient({ token: "t" });
export const assign = (id, current) => client.tickets.update({ ticket_id: id, assignment: current });
`;

describe("intercom-migrate check", () => {
  it("exits 1 with error-level findings and lists them", () => {
    const dir = project({ "src/a.js": LEGACY });
    const run = runCli(["check", "."], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("src/a.js");
    expect(run.stdout).toMatch(/2:58 +warning .*intercom-version-header/);
    expect(run.stdout).toMatch(/4:42 +error .*ticket-update-assignment/);
    expect(run.stdout).toContain("2 problems (1 error, 1 warning)");
  });

  it("exits 0 when the code is clean", () => {
    const dir = project({ "src/a.js": FIXED });
    const run = runCli(["check", "src"], dir);
    expect(run).toMatchObject({ code: 0, stdout: "" });
  });

  it("prints ESLint's JSON shape", () => {
    const dir = project({ "src/a.js": LEGACY });
    const run = runCli(["check", "--format", "json"], dir);
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      filePath: path.join(dir, "src/a.js"),
      errorCount: 1,
      warningCount: 1,
      fixableErrorCount: 1,
      fixableWarningCount: 1,
    });
    expect(results[0].messages).toEqual([
      {
        ruleId: "intercom-version-header",
        severity: 1,
        message: expect.stringContaining("2.13"),
        line: 2,
        column: 58,
        endLine: 2,
        endColumn: 64,
        fix: { range: [108, 112], text: "2.14" },
      },
      {
        ruleId: "ticket-update-assignment",
        severity: 2,
        message: expect.stringContaining("assignment"),
        line: 4,
        column: 42,
        endLine: 4,
        endColumn: 89,
        fix: { range: [189, 236], text: 'admin_id: 12, assignee_id: "34"' },
      },
    ]);
  });

  it("reports an unparsable file as fatal with the parser's position, and checks the others", () => {
    // The broken file mentions Intercom, so the prefilter lets it through to the parser.
    const dir = project({ "a.ts": "const x = {;\nclient.tickets.update({ assignment });\n", "b.js": LEGACY });
    const run = runCli(["check", "--format", "json", "."], dir);
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout);
    const broken = results.find((r: { filePath: string }) => r.filePath.endsWith("a.ts"));
    expect(broken.messages).toEqual([{ ruleId: null, fatal: true, severity: 2, message: expect.stringMatching(/^Parsing error: /), line: 1, column: 12 }]);
    expect(results.find((r: { filePath: string }) => r.filePath.endsWith("b.js")).messages).toHaveLength(2);
  });

  it("exits 2 on bad usage: unknown format, unknown command, missing path", () => {
    const dir = project({ "a.js": FIXED });
    expect(runCli(["check", "--format", "xml"], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining("Allowed choices are") });
    expect(runCli(["check", "--format", "src"], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining("argument 'src' is invalid") });
    expect(runCli(["chek"], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining("Did you mean check?") });
    expect(runCli(["check", "nope"], dir)).toMatchObject({ code: 2, stderr: "intercom-migrate: nope: no such file or folder\n" });
  });

  it("skips node_modules, build output, .gitignore'd files and minified bundles", () => {
    const dir = project({
      ".gitignore": "generated/\n*.gen.js\n",
      "node_modules/x/index.js": LEGACY,
      "dist/a.js": LEGACY,
      "generated/a.js": LEGACY,
      "src/a.gen.js": LEGACY,
      "src/vendor.min.js": LEGACY,
      "src/a.d.ts": LEGACY,
      "src/b.jsx": LEGACY,
    });
    const run = runCli(["check", "--format", "json"], dir);
    expect(JSON.parse(run.stdout).map((r: { filePath: string }) => path.relative(dir, r.filePath))).toEqual(["src/b.jsx"]);
  });
});

describe("intercom-migrate fix", () => {
  it("rewrites files in place, keeps their mode, and prints the summary with leftovers", () => {
    const dir = project({ "src/a.js": LEGACY, "src/b.js": REVIEW_ONLY });
    chmodSync(path.join(dir, "src/a.js"), 0o640);
    const run = runCli(["fix"], dir);
    expect(run.code).toBe(1);
    expect(readFileSync(path.join(dir, "src/a.js"), "utf8")).toBe(FIXED);
    expect(statSync(path.join(dir, "src/a.js")).mode & 0o777).toBe(0o640);
    expect(readFileSync(path.join(dir, "src/b.js"), "utf8")).toBe(REVIEW_ONLY);
    expect(run.stdout).toContain("Changed 1 file with 2 fixes.");
    expect(run.stdout).toMatch(/ticket-update-assignment +1/);
    expect(run.stdout).toContain("Left for review (1):");
    expect(run.stdout).toContain("src/b.js:3:79");
    expect(run.stdout).toContain("not ready to deploy against API 2.14");
    expect(runCli(["check"], dir).code).toBe(1);
  });

  it("--dry-run prints a unified diff and writes nothing", () => {
    const dir = project({ "src/a.js": LEGACY });
    const run = runCli(["fix", "--dry-run", "src"], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("--- a/src/a.js\n+++ b/src/a.js\n");
    expect(run.stdout).toContain(
      '-const client = new IntercomClient({ token: "t", version: "2.13" });\n+const client = new IntercomClient({ token: "t", version: "2.14" });',
    );
    expect(run.stderr).toContain("Would change 1 file with 2 fixes.");
    expect(readFileSync(path.join(dir, "src/a.js"), "utf8")).toBe(LEGACY);
  });

  it("then check exits 0, and a second fix changes nothing", () => {
    const dir = project({ "src/a.js": LEGACY });
    expect(runCli(["fix"], dir).code).toBe(0);
    expect(runCli(["check"], dir).code).toBe(0);
    const second = runCli(["fix"], dir);
    expect(second.stdout).toContain("Changed 0 files with 0 fixes.");
    expect(readFileSync(path.join(dir, "src/a.js"), "utf8")).toBe(FIXED);
  });

  it("leaves an unparsable file untouched and fixes the others", () => {
    const broken = "const x = {;\n// assignment intercom tickets\n";
    const dir = project({ "a.js": broken, "b.js": LEGACY });
    const run = runCli(["fix"], dir);
    expect(run.code).toBe(1);
    expect(readFileSync(path.join(dir, "a.js"), "utf8")).toBe(broken);
    expect(readFileSync(path.join(dir, "b.js"), "utf8")).toBe(FIXED);
    expect(run.stdout).toContain("a.js:1:12  Parsing error:");
  });
});

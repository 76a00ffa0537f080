// The one-shot migration's safety and reporting: dirty-tree guard, --interactive through a pipe, --annotate, --report.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, runCli, project } from "./support.js";

const LEGACY = `import { IntercomClient } from "intercom-client";
const client = new IntercomClient({ token: "t", version: "2.13" });
export const assign = (id, current) => {
  client.tickets.update({ ticket_id: id, assignment: { admin_id: "12", assignee_id: 34 } });
  return client.tickets.update({ ticket_id: id, assignment: current });
};
`;

function git(dir: string, ...args: string[]): void {
  const result = spawnSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd: dir, encoding: "utf8" });
  if (result.status !== 0) throw new Error(result.stderr);
}

describe("dirty-tree guard", () => {
  it("refuses to rewrite files with uncommitted changes, says why and how, and writes nothing", () => {
    const dir = project({ "src/a.js": LEGACY, "src/b.js": LEGACY });
    git(dir, "init", "-q");
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "init");
    writeFileSync(path.join(dir, "src/a.js"), LEGACY + "// local edit\n");
    const run = runCli(["fix"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "intercom-migrate: refusing to fix: 1 file to be rewritten has uncommitted changes (src/a.js). " +
        "Commit or stash them first, so the migration is a diff of its own you can review and revert, or pass --allow-dirty.\n",
    );
    expect(readFileSync(path.join(dir, "src/b.js"), "utf8")).toBe(LEGACY);
    expect(runCli(["fix", "--dry-run"], dir).code).toBe(1);
    const allowed = runCli(["fix", "--allow-dirty"], dir);
    expect(allowed.stdout).toContain("Changed 2 files with 4 fixes.");
  });

  it("lets a clean work tree through", () => {
    const dir = project({ "src/a.js": LEGACY });
    git(dir, "init", "-q");
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "init");
    expect(runCli(["fix"], dir).stdout).toContain("Changed 1 file with 2 fixes.");
  });
});

describe("fix --interactive", () => {
  it("asks per fix with the hunk, reading answers from a pipe", () => {
    const dir = project({ "a.js": LEGACY });
    const result = spawnSync(process.execPath, [BIN, "fix", "--interactive"], {
      cwd: dir,
      input: "n\ny\n",
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    });
    expect(result.stderr).toContain("a.js:2:58  intercom-version-header");
    expect(result.stderr).toContain(
      '-const client = new IntercomClient({ token: "t", version: "2.13" });\n+const client = new IntercomClient({ token: "t", version: "2.14" });',
    );
    expect(result.stderr.match(/Apply this fix\? \[y\]es \/ \[n\]o \/ \[a\]ll \/ \[q\]uit: /g)).toHaveLength(2);
    const output = readFileSync(path.join(dir, "a.js"), "utf8");
    expect(output).toContain('version: "2.13"');
    expect(output).toContain('admin_id: 12, assignee_id: "34"');
  });

  it("all applies the rest without asking; quit (or end of input) stops", () => {
    const dir = project({ "a.js": LEGACY, "b.js": LEGACY });
    const all = spawnSync(process.execPath, [BIN, "fix", "-i", "a.js", "b.js"], { cwd: dir, input: "a\n", encoding: "utf8" });
    expect(all.stderr.match(/Apply this fix\?/g)).toHaveLength(1);
    expect(readFileSync(path.join(dir, "b.js"), "utf8")).toContain('version: "2.14"');

    const other = project({ "a.js": LEGACY });
    const quit = spawnSync(process.execPath, [BIN, "fix", "-i"], { cwd: other, input: "", encoding: "utf8" });
    expect(quit.stderr.match(/Apply this fix\?/g)).toHaveLength(1);
    expect(readFileSync(path.join(other, "a.js"), "utf8")).toBe(LEGACY);
  });
});

describe("fix --annotate", () => {
  it("puts one comment above each leftover, once", () => {
    const dir = project({ "a.js": LEGACY });
    runCli(["fix", "--annotate"], dir);
    const once = readFileSync(path.join(dir, "a.js"), "utf8");
    expect(once).toBe(
      LEGACY.replace("2.13", "2.14")
        .replace('assignment: { admin_id: "12", assignee_id: 34 }', 'admin_id: 12, assignee_id: "34"')
        .replace(
          "  return client.tickets.update(",
          "  // intercom-migrate: ticket-update-assignment: Remove `assignment` and set top-level `admin_id` (integer id of the admin making the change) and `assignee_id` (string id of the admin or team assigned).\n  return client.tickets.update(",
        ),
    );
    runCli(["fix", "--annotate"], dir);
    expect(readFileSync(path.join(dir, "a.js"), "utf8")).toBe(once);
  });

  it("never puts a comment inside a template literal or JSX text", () => {
    const source = [
      `const x = \`limit:`,
      `\${log.metadata.assignment_limit = 2}\`;`,
      `const el = <p>`,
      `  {log.metadata.assignment_limit++}`,
      `</p>;`,
      ``,
    ].join("\n");
    const dir = project({ "a.jsx": source });
    runCli(["fix", "--annotate"], dir);
    const output = readFileSync(path.join(dir, "a.jsx"), "utf8");
    expect(output.split("\n").slice(0, 2)).toEqual([
      "// intercom-migrate: assignment-limit-metadata: Write `conversation_assignment_limit` and/or `ticket_assignment_limit` instead.",
      "const x = `limit:",
    ]);
    expect(output).toContain(
      "// intercom-migrate: assignment-limit-metadata: Write `conversation_assignment_limit` and/or `ticket_assignment_limit` instead.\nconst el = <p>\n",
    );
  });
});

describe("fix --report", () => {
  it("writes a Markdown report: summary per rule, then per file what changed and what is left", () => {
    const dir = project({ "src/a.js": LEGACY });
    runCli(["fix", "--report", "MIGRATION.md"], dir);
    const report = readFileSync(path.join(dir, "MIGRATION.md"), "utf8");
    expect(report).toContain("| `ticket-update-assignment` | 1 | 1 |");
    expect(report).toContain("| `intercom-version-header` | 1 | 0 |");
    expect(report).toContain("| **total** | **2** | **1** |");
    expect(report).toContain("## `src/a.js`");
    expect(report).toContain("- [src/a.js:2](src/a.js#L2) `intercom-version-header`: Pinned the Intercom API version to 2.14 (was 2.13).");
    expect(report).toMatch(/- \[ \] \[src\/a\.js:5\]\(src\/a\.js#L5\) `ticket-update-assignment` \(error\): .* \*\*To do:\*\* Remove `assignment`/);
  });
});

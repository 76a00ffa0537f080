// --changed-since on a git repository: changed files (committed, staged, unstaged, untracked) and the files whose imports changed.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { affectedFiles, importedModules } from "../src/workspace/changed-files.js";
import { project, runCli } from "./support.js";

const OTHER_VENDOR = `export const API_BASE = "https://api.acme-helpdesk.example";\n`;
const INTERCOM = `export const API_BASE = "https://api.intercom.io";\n`;
/** Unchanged by the branch: it sends a 2.13 ticket update only once config.js points at Intercom. */
const SEND = `import { API_BASE } from "./config.js";
export const assign = (id) =>
  fetch(\`\${API_BASE}/tickets/\${id}\`, { method: "PUT", body: JSON.stringify({ assignment: { admin_id: "1", assignee_id: 2 } }) });
`;
/** A 2.13 shape the branch does not touch: never reported with --changed-since. */
const LEGACY = `import { IntercomClient } from "intercom-client";\nexport const client = new IntercomClient({ token: "t", version: "2.13" });\n`;

function git(dir: string, ...args: string[]): string {
  const result = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "init.defaultBranch=main", ...args], {
    cwd: dir,
    encoding: "utf8",
  });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

function repository(): string {
  const dir = project({ "src/config.js": OTHER_VENDOR, "src/send.js": SEND, "src/legacy.js": LEGACY, "src/util.js": "export const one = 1;\n" });
  git(dir, "init", "-q");
  git(dir, "add", ".");
  git(dir, "commit", "-q", "-m", "start");
  git(dir, "checkout", "-q", "-b", "feature");
  return dir;
}

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string; line: number }>;
}

function changedSince(dir: string, ...args: string[]): { code: number | null; found: string[]; files: string[]; stderr: string } {
  const result = runCli(["check", "--format", "json", "--changed-since", "main", ...args], dir);
  const results = JSON.parse(result.stdout || "[]") as JsonResult[];
  const name = (r: JsonResult) => path.relative(dir, r.filePath).split(path.sep).join("/");
  return {
    code: result.code,
    files: results.map(name).sort(),
    found: results.flatMap((r) => r.messages.map((m) => `${name(r)}:${m.line} ${m.ruleId}`)).sort(),
    stderr: result.stderr,
  };
}

describe("check --changed-since", () => {
  it("checks a file whose imported module changed, and leaves the untouched ones alone", () => {
    const dir = repository();
    expect(changedSince(dir)).toEqual({ code: 0, files: [], found: [], stderr: "" });
    writeFileSync(path.join(dir, "src/config.js"), INTERCOM);
    git(dir, "commit", "-q", "-am", "point at Intercom");
    // send.js did not change, but what it sends now goes to Intercom: it is checked; legacy.js is not.
    expect(changedSince(dir)).toEqual({ code: 1, files: ["src/config.js", "src/send.js"], found: ["src/send.js:3 ticket-update-assignment"], stderr: "" });
    // A full check sees legacy.js too.
    expect(runCli(["check", "--format", "json"], dir).stdout).toContain("legacy.js");
  });

  it("counts staged, unstaged and untracked changes, and a deleted module its importers depend on", () => {
    const dir = repository();
    writeFileSync(path.join(dir, "src/staged.js"), LEGACY);
    git(dir, "add", "src/staged.js");
    writeFileSync(path.join(dir, "src/util.js"), "export const one = 1;\n" + LEGACY.replace("export const client", "export const other"));
    writeFileSync(path.join(dir, "src/untracked.js"), LEGACY);
    expect(changedSince(dir).found).toEqual([
      "src/staged.js:2 intercom-version-header",
      "src/untracked.js:2 intercom-version-header",
      "src/util.js:3 intercom-version-header",
    ]);

    const deleted = repository();
    rmSync(path.join(deleted, "src/config.js"));
    expect(changedSince(deleted).files).toEqual(["src/send.js"]);
  });

  it("takes changes since the merge base, so what the base branch gained meanwhile is not the pull request's", () => {
    const dir = repository();
    git(dir, "checkout", "-q", "main");
    writeFileSync(path.join(dir, "src/util.js"), "export const one = 2;\n");
    git(dir, "commit", "-q", "-am", "main moves on");
    git(dir, "checkout", "-q", "feature");
    expect(changedSince(dir).files).toEqual([]);
  });

  it("uses the cache's record of the modules an analysis read: exact where scanning imports must assume", () => {
    const dir = repository();
    writeFileSync(path.join(dir, "src/config.js"), INTERCOM);
    writeFileSync(path.join(dir, "src/send.js"), `import "./util.js";\n${SEND}`);
    git(dir, "commit", "-q", "-am", "point at Intercom");
    expect(runCli(["check", "--cache", "--format", "json"], dir).code).toBe(1);
    const sinceHead = ["--changed-since", "HEAD"];
    writeFileSync(path.join(dir, "src/util.js"), "globalThis.one = 1;\n");
    // send.js imports util.js for its side effects, which no request depends on: its analysis never read it.
    expect(changedSince(dir, ...sinceHead, "--cache").files).toEqual(["src/util.js"]);
    expect(changedSince(dir, ...sinceHead).files).toEqual(["src/send.js", "src/util.js"]);
    writeFileSync(path.join(dir, "src/config.js"), INTERCOM + "// moved\n");
    expect(changedSince(dir, ...sinceHead, "--cache").found).toEqual(["src/send.js:4 ticket-update-assignment"]);
  });

  it("takes file names literally and says plainly when it cannot answer", () => {
    const dir = repository();
    mkdirSync(path.join(dir, "[id]"));
    writeFileSync(path.join(dir, "[id]/page.js"), LEGACY);
    // As a pattern `[id]` would name a file `i` or `d`; taken literally it is this folder (a Next.js route, say).
    expect(changedSince(dir, "[id]").found).toEqual(["[id]/page.js:2 intercom-version-header"]);
    expect(runCli(["check", "--changed-since", "no-such-branch"], dir)).toMatchObject({
      code: 2,
      stderr:
        "intercom-migrate: --changed-since no-such-branch: no such commit, branch or tag in this repository (fetch it first, e.g. git fetch origin main)\n",
    });
    const outside = project({ "a.js": LEGACY });
    expect(runCli(["check", "--changed-since", "main"], outside)).toMatchObject({
      code: 2,
      stderr: `intercom-migrate: --changed-since main: ${outside} is not in a git work tree\n`,
    });
  });
});

describe("affected files", () => {
  it("finds imports of every form and resolves them as the engine does (extensions, index files, tsconfig aliases)", () => {
    const dir = project({
      "a.ts": "",
      "b/index.js": "",
      "c.mjs": "",
      "d.js": "",
      "src/lib/intercom.ts": "",
      "tsconfig.json": JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@/*": ["src/*"] } } }),
    });
    const text = [
      `import x from "./a.js";`,
      `export * from "./b";`,
      `const c = await import("./c.mjs");`,
      `const d = require('./d');`,
      `import { client } from "@/lib/intercom";`,
      `import "lodash";`,
      "",
    ].join("\n");
    expect(
      importedModules(path.join(dir, "main.ts"), text)
        .map((file) => path.relative(dir, file))
        .sort(),
    ).toEqual(["a.ts", "b/index.js", "c.mjs", "d.js", "src/lib/intercom.ts"]);
  });

  it("follows imports through modules that cannot find anything themselves", () => {
    const dir = project({ "entry.js": `import "./middle.js";`, "middle.js": `export * from "./leaf.js";`, "leaf.js": "", "alone.js": "" });
    const files = ["entry.js", "middle.js", "leaf.js", "alone.js"].map((name) => path.join(dir, name));
    const mayHaveFindings = (bytes: Uint8Array) => Buffer.from(bytes).toString().includes("import");
    expect(affectedFiles(files, new Set([path.join(dir, "leaf.js")]), { mayHaveFindings }).map((file) => path.basename(file))).toEqual(["entry.js", "leaf.js"]);
  });
});

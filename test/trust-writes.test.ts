// Issue 19, writes: fix never writes through a link or outside the paths given, leaves read-only, hard-linked and
// protected files alone (and says so), checks its output paths first, fails closed when git cannot answer,
// re-checks each file just before replacing it, and says exactly what it wrote when interrupted.
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, linkSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, watch, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, project, runCli, tempDir } from "./support.js";

const LEGACY = `import { IntercomClient } from "intercom-client";\nconst client = new IntercomClient({ version: "2.13" });\n`;
const FIXED = LEGACY.replace("2.13", "2.14");
const isRoot = process.getuid?.() === 0;

function git(dir: string, ...args: string[]): void {
  const result = spawnSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd: dir, encoding: "utf8" });
  if (result.status !== 0) throw new Error(result.stderr);
}

function committedRepo(files: Record<string, string>): string {
  const dir = project(files);
  git(dir, "init", "-q");
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "init");
  return dir;
}

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), "utf8");
const canChattr =
  isRoot &&
  process.platform === "linux" &&
  (() => {
    const probe = path.join(tempDir(), "probe");
    writeFileSync(probe, "");
    const ok = spawnSync("chattr", ["+i", probe]).status === 0;
    if (ok) spawnSync("chattr", ["-i", probe]);
    return ok;
  })();

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; severity: number; message: string; fatal?: boolean }>;
}

describe("symbolic links and roots", () => {
  it("a linked folder into another repository is not followed: that repository's uncommitted file is untouched", () => {
    const other = committedRepo({ "shared.js": LEGACY });
    writeFileSync(path.join(other, "shared.js"), LEGACY + "// uncommitted work\n");
    const app = committedRepo({ "src/a.js": LEGACY });
    symlinkSync(other, path.join(app, "src", "shared"));
    const run = runCli(["fix", "--format", "json", "src"], app);
    expect(run.code).toBe(0);
    expect(read(other, "shared.js")).toBe(LEGACY + "// uncommitted work\n");
    expect(read(app, "src/a.js")).toBe(FIXED);
    const results = JSON.parse(run.stdout) as JsonResult[];
    expect(results.find((r) => r.filePath.endsWith("shared"))!.messages).toEqual([]);
  });

  it("with --follow-symlinks, a file whose real path is outside the paths given is read but not written", () => {
    const elsewhere = project({ "shared.js": LEGACY });
    const app = project({ "src/a.js": LEGACY });
    symlinkSync(elsewhere, path.join(app, "src", "shared"));
    const run = runCli(["fix", "--format", "json", "--follow-symlinks", "src"], app);
    expect(run.code).toBe(1);
    expect(read(elsewhere, "shared.js")).toBe(LEGACY);
    expect(read(app, "src/a.js")).toBe(FIXED);
    const shared = (JSON.parse(run.stdout) as JsonResult[]).find((r) => r.filePath.endsWith("shared.js"))!;
    expect(shared.messages[0]).toMatchObject({
      fatal: true,
      message: expect.stringMatching(/^not written: it is really .*shared\.js, outside the paths given to fix/),
    });
    // What it still holds is reported: the pin was not fixed.
    expect(shared.messages.map((m) => m.ruleId)).toContain("intercom-version-header");
  });

  it("with --follow-symlinks, a file reached twice (an in-tree alias) is fixed once, with no false 'changed'", () => {
    const app = project({ "src/a.js": LEGACY });
    symlinkSync(path.join(app, "src"), path.join(app, "alias"));
    const run = runCli(["fix", "--format", "json", "--follow-symlinks", "."], app);
    expect(run.code).toBe(0);
    expect(read(app, "src/a.js")).toBe(FIXED);
    expect((JSON.parse(run.stdout) as JsonResult[]).flatMap((r) => r.messages)).toEqual([]);
  });

  it("a file named on the command line that is a link is not written through", () => {
    const elsewhere = project({ "target.js": LEGACY });
    const app = project({});
    symlinkSync(path.join(elsewhere, "target.js"), path.join(app, "link.js"));
    const run = runCli(["fix", "link.js"], app);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("warning link.js: not checked: a symbolic link, not followed");
    expect(read(elsewhere, "target.js")).toBe(LEGACY);
  });
});

describe("files fix leaves alone, and says so", () => {
  it("a read-only file (0444) is not replaced, even by a user who could rename over it", () => {
    const dir = project({ "locked.js": LEGACY, "ok.js": LEGACY });
    chmodSync(path.join(dir, "locked.js"), 0o444);
    const run = runCli(["fix", "--format", "json"], dir);
    expect(run.code).toBe(1);
    expect(read(dir, "locked.js")).toBe(LEGACY);
    expect(statSync(path.join(dir, "locked.js")).mode & 0o777).toBe(0o444);
    expect(read(dir, "ok.js")).toBe(FIXED);
    const locked = (JSON.parse(run.stdout) as JsonResult[]).find((r) => r.filePath.endsWith("locked.js"))!;
    expect(locked.messages.map((m) => [m.ruleId, m.message])).toEqual([
      [null, "not written: the file is read-only (make it writable to fix it)"],
      ["intercom-version-header", expect.any(String)],
    ]);
    // --dry-run says the same before anything is tried.
    const dry = runCli(["fix", "--dry-run", "--format", "json"], dir);
    expect((JSON.parse(dry.stdout) as JsonResult[]).find((r) => r.filePath.endsWith("locked.js"))!.messages[0].message).toBe(
      "would not be written: the file is read-only (make it writable to fix it)",
    );
  });

  it("a hard-linked file is not split from its other name", () => {
    const dir = project({ "a.js": LEGACY });
    const outside = path.join(tempDir(), "same-file.js");
    linkSync(path.join(dir, "a.js"), outside);
    const run = runCli(["fix", "--format", "json"], dir);
    expect(run.code).toBe(1);
    expect(read(dir, "a.js")).toBe(LEGACY);
    expect(statSync(path.join(dir, "a.js")).ino).toBe(statSync(outside).ino);
    expect((JSON.parse(run.stdout) as JsonResult[])[0].messages[0].message).toMatch(
      /^not written: it has 2 hard links, and replacing it would split it from the others/,
    );
  });

  it("a write the system refuses (EPERM) mid-run: reported on that file, the others written and named", () => {
    const dir = project({ "a.js": LEGACY, "b.js": LEGACY, "c.js": LEGACY });
    const run = runCli(["fix"], dir, { INTERCOM_MIGRATE_TEST_FAULTS: "write:b.js" });
    expect(run.code).toBe(1);
    expect([read(dir, "a.js"), read(dir, "b.js"), read(dir, "c.js")]).toEqual([FIXED, LEGACY, FIXED]);
    expect(run.stdout).toContain("Changed 2 files with 2 fixes.");
    expect(run.stdout).toContain("Written (2):\n  a.js\n  c.js\n");
    expect(run.stdout).toMatch(
      /b\.js:1:1 +not written: the file or its folder is protected \(immutable, append-only, or owned by someone else\) \(EPERM\); the file is unchanged/,
    );
    expect(run.stderr).toMatch(/^intercom-migrate: 2 files were written; 1 problem left in 1 of 3 files checked \(1 of them failed\) — /m);
    expect(readdirSync(dir).sort()).toEqual(["a.js", "b.js", "c.js"]); // no temp file left behind
  });

  it.skipIf(!canChattr)("an immutable file (chattr +i): EPERM reported, the others written", () => {
    const dir = project({ "a.js": LEGACY, "b.js": LEGACY });
    expect(spawnSync("chattr", ["+i", path.join(dir, "b.js")]).status).toBe(0);
    try {
      const run = runCli(["fix"], dir);
      expect(run.code).toBe(1);
      expect(read(dir, "a.js")).toBe(FIXED);
      expect(read(dir, "b.js")).toBe(LEGACY);
      expect(run.stdout).toMatch(/b\.js:1:1 +not written: the file is protected \(immutable or append-only\) \(EPERM\)/);
    } finally {
      spawnSync("chattr", ["-i", path.join(dir, "b.js")]);
    }
  });
});

describe("output paths are checked before any file is written", () => {
  it("-o naming a folder: exit 2, and no source file was touched", () => {
    const dir = project({ "a.js": LEGACY, "out/.keep": "" });
    const run = runCli(["fix", "-o", "out"], dir);
    expect(run).toMatchObject({ code: 2, stderr: "intercom-migrate: -o out: is a folder; name a file; nothing was checked or written\n" });
    expect(read(dir, "a.js")).toBe(LEGACY);
  });

  it("--report under a file: exit 2, nothing written; a report in a missing folder is created", () => {
    const dir = project({ "a.js": LEGACY, "notes.txt": "x" });
    const run = runCli(["fix", "--report", "notes.txt/MIGRATION.md"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^intercom-migrate: --report notes\.txt\/MIGRATION\.md: cannot be created: .*notes\.txt is a file, not a folder; nothing was checked or written\n$/,
    );
    expect(read(dir, "a.js")).toBe(LEGACY);
    expect(runCli(["fix", "--report", "reports/MIGRATION.md"], dir).code).toBe(0);
    expect(read(dir, "reports/MIGRATION.md")).toContain("# Intercom API 2.13 → 2.14 migration");
  });
});

describe("the dirty-tree guard fails closed", () => {
  it("git missing: refuse, say why, write nothing", () => {
    const dir = committedRepo({ "a.js": LEGACY });
    const run = runCli(["fix"], dir, { PATH: tempDir() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^intercom-migrate: refusing to fix: git could not say whether files in .* have uncommitted changes: git is not installed or not on PATH\. /,
    );
    expect(read(dir, "a.js")).toBe(LEGACY);
  });

  it.skipIf(!isRoot)("a repository owned by another user ('dubious ownership'): refuse, with git's reason and the fix", () => {
    const dir = committedRepo({ "a.js": LEGACY });
    chownSync(dir, 4242, 4242);
    const run = runCli(["fix"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/refusing to fix: .*dubious ownership.*git config --global --add safe\.directory/);
    expect(read(dir, "a.js")).toBe(LEGACY);
  });

  it("a path outside the repository on the command line no longer switches the guard off for the repository's files", () => {
    const dir = committedRepo({ "a.js": LEGACY });
    writeFileSync(path.join(dir, "a.js"), LEGACY + "// local edit\n");
    const outside = project({ "b.js": LEGACY });
    const run = runCli(["fix", "a.js", path.join(outside, "b.js")], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("refusing to fix: 1 file to be rewritten has uncommitted changes (a.js)");
    expect(read(outside, "b.js")).toBe(LEGACY);
    // Committed, the repository's file is fixed; the file in no work tree is fixed too, and named.
    git(dir, "commit", "-qam", "edit");
    const allowed = runCli(["fix", "a.js", path.join(outside, "b.js")], dir);
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toMatch(/warning: 1 file is in no git work tree, so the dirty-tree guard could not check it before fixing: \.\.\/.*b\.js/);
    expect(read(outside, "b.js")).toBe(FIXED);
  });

  it("a file named like pathspec magic (`:x.js`) is guarded like any other", () => {
    const dir = project({ ":x.js": LEGACY });
    git(dir, "init", "-q");
    git(dir, "--literal-pathspecs", "add", ":x.js");
    git(dir, "commit", "-qm", "init");
    writeFileSync(path.join(dir, ":x.js"), LEGACY + "// local edit\n");
    const run = runCli(["fix"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("has uncommitted changes (:x.js)");
  });

  it("a file git ignores is refused (a rewrite could not be reviewed or reverted), unless --allow-dirty", () => {
    const dir = committedRepo({ ".gitignore": "generated/\n", "a.js": LEGACY });
    mkdirSync(path.join(dir, "generated"));
    writeFileSync(path.join(dir, "generated", "b.js"), LEGACY);
    const run = runCli(["fix", "--no-ignore", "."], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/has uncommitted changes \(generated .*ignored by git/);
    expect(read(dir, "a.js")).toBe(LEGACY);
    expect(runCli(["fix", "--no-ignore", "--allow-dirty", "."], dir).code).toBe(0);
    expect(read(dir, "generated/b.js")).toBe(FIXED);
  });
});

/** Run fix as a child process; `during` runs once the first temp file appears (a write is under way). */
function fixWhileWriting(
  dir: string,
  env: Record<string, string>,
  during: (child: ReturnType<typeof spawn>) => void,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "fix", "--no-progress", "."], { cwd: dir, env: { ...process.env, NO_COLOR: "1", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    let fired = false;
    const watcher = watch(dir, (_event, name) => {
      if (fired || !name || !/\.js\.\d+$/.test(name)) return;
      fired = true;
      during(child);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      watcher.close();
      resolve({ code, stdout, stderr });
    });
  });
}

describe("the last check before the rename, and interruptions", () => {
  it("an edit made while the fixed file is being written is kept, and the file is reported as changed", async () => {
    const dir = project({ "a.js": LEGACY });
    const run = await fixWhileWriting(dir, { INTERCOM_MIGRATE_TEST_FAULTS: "pause-before-rename:1500" }, () =>
      writeFileSync(path.join(dir, "a.js"), LEGACY + "// saved in the editor\n"),
    );
    expect(read(dir, "a.js")).toBe(LEGACY + "// saved in the editor\n");
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("a.js:1:1  the file changed while it was being fixed; left it as it is now (run fix again)");
    expect(readdirSync(dir)).toEqual(["a.js"]);
  }, 30_000);

  it.skipIf(process.platform === "win32")(
    "SIGINT while writing: stops between files and names exactly the files written",
    async () => {
      const files = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${String(i).padStart(2, "0")}.js`, LEGACY]));
      const dir = project(files);
      const run = await fixWhileWriting(dir, { INTERCOM_MIGRATE_TEST_FAULTS: "pause-before-rename:300" }, (child) => child.kill("SIGINT"));
      expect(run.code).toBe(130);
      const written = Object.keys(files).filter((name) => read(dir, name) === FIXED);
      const untouched = Object.keys(files).filter((name) => read(dir, name) === LEGACY);
      expect(written.length + untouched.length).toBe(12);
      expect(written.length).toBeGreaterThan(0);
      expect(untouched.length).toBeGreaterThan(0);
      expect(run.stderr).toContain(`intercom-migrate: interrupted by SIGINT: wrote ${written.length} file${written.length === 1 ? "" : "s"} before stopping:`);
      for (const name of written) expect(run.stderr).toContain(`  written      ${name}\n`);
      for (const name of untouched) expect(run.stderr).toContain(`  not written  ${name}\n`);
      expect(run.stderr).toContain("Each file is either fully fixed or untouched; run fix again to finish.");
      expect(readdirSync(dir).filter((name) => !existsSync(path.join(dir, name)) || /\.\d+$/.test(name))).toEqual([]);
    },
    60_000,
  );
});

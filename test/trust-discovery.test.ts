// Issue 19, silent false negatives in what is read: configuration lookup, ignored paths, FIFOs and devices, links,
// tsconfig files, and the cache. Each case used to end in "clean" (or a hang, or a crash); now each is named.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../src/run/run.js";
import { project, runCli, tempDir } from "./support.js";

const LEGACY = `import { IntercomClient } from "intercom-client";\nconst client = new IntercomClient({ version: "2.13" });\nclient.tickets.update({ ticket_id: "1", assignment: { admin_id: "1", assignee_id: "2" } });\n`;
const CLIENT = `import { IntercomClient } from "intercom-client";\nexport const client = new IntercomClient({ token: process.env.INTERCOM_TOKEN });\n`;
const USES_CLIENT = `import { client } from "./b";\nexport const assign = (id: string) => client.tickets.update({ ticket_id: id, assignment: { admin_id: "12", assignee_id: 34 } });\n`;
const canMakeFifos = process.platform !== "win32" && spawnSync("mkfifo", ["--version"]).status === 0;
const hasDevZero = process.platform !== "win32";

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; severity: number; message: string; fatal?: boolean }>;
  notAnalysed?: { reason: string; message: string };
}
const parse = (stdout: string) => JSON.parse(stdout) as JsonResult[];
const ruleIds = (results: JsonResult[]) => results.flatMap((r) => r.messages.map((m) => m.ruleId)).sort();

function mkfifo(file: string): void {
  expect(spawnSync("mkfifo", [file]).status).toBe(0);
}

describe("configuration lookup stops at the project's root", () => {
  it("a config with ignores: ['**'] above the repository does not apply", () => {
    const outer = project({ "intercom-migrate.config.json": JSON.stringify({ ignores: ["**"] }), "repo/src/a.js": LEGACY });
    const repo = path.join(outer, "repo");
    mkdirSync(path.join(repo, ".git"));
    const result = runCli(["check", "--format", "json"], repo);
    expect(result.code).toBe(1);
    expect(ruleIds(parse(result.stdout))).toEqual(["intercom-version-header", "ticket-update-assignment"]);
  });

  it("outside a repository, it stops at the nearest package.json", () => {
    const outer = project({ "intercom-migrate.config.json": JSON.stringify({ ignores: ["**"] }), "app/package.json": "{}", "app/src/a.js": LEGACY });
    const result = runCli(["check", "--format", "json"], path.join(outer, "app", "src"));
    expect(result.code).toBe(1);
    // Inside the project, a sub-folder still finds the project's own configuration.
    writeFileSync(path.join(outer, "app", "intercom-migrate.config.json"), JSON.stringify({ rules: { "intercom-version-header": "off" } }));
    expect(ruleIds(parse(runCli(["check", "--format", "json"], path.join(outer, "app", "src")).stdout))).toEqual(["ticket-update-assignment"]);
  });
});

describe("explicitly named paths that are ignored get a warning, and --no-ignore checks them", () => {
  const tree = () =>
    project({
      "package.json": "{}",
      ".gitignore": "generated/\n",
      "intercom-migrate.config.json": JSON.stringify({ ignores: ["legacy/**"] }),
      "generated/a.js": LEGACY,
      "legacy/b.js": LEGACY,
    });

  it("a file ignored by .gitignore, a file and a folder ignored by the configuration", () => {
    const dir = tree();
    const result = runCli(["check", "--format", "json", "generated/a.js", "legacy/b.js", "legacy"], dir);
    expect(result.code).toBe(0);
    const results = parse(result.stdout);
    expect(results.map((r) => [path.relative(dir, r.filePath), r.notAnalysed?.reason, r.messages[0].severity, r.messages[0].message])).toEqual([
      [
        "generated/a.js",
        "ignored",
        1,
        "File ignored because of a matching ignore pattern (.gitignore or the configuration's ignores); use --no-ignore to check it",
      ],
      [
        "legacy/b.js",
        "ignored",
        1,
        "File ignored because of a matching ignore pattern (.gitignore or the configuration's ignores); use --no-ignore to check it",
      ],
      [
        "legacy",
        "ignored",
        1,
        "Every file in this folder is ignored by a matching ignore pattern (.gitignore or the configuration's ignores); use --no-ignore to check them",
      ],
    ]);
    // A folder that is itself ignored.
    expect(parse(runCli(["check", "--format", "json", "generated"], dir).stdout)[0].messages[0].message).toMatch(
      /^Folder ignored because of a matching ignore pattern/,
    );
    const stylish = runCli(["check", "generated/a.js"], dir);
    expect(stylish.stdout).toContain("warning  File ignored because of a matching ignore pattern");
    expect(stylish.stderr).toMatch(
      /^intercom-migrate: no 2\.13 shapes in 0 files checked \(1 skipped: 1 ignored\) — \d+\.\d\d s\n {2}skipped generated\/a\.js: File ignored/m,
    );
  });

  it("--no-ignore: .gitignore and the configuration's ignores do not apply", () => {
    const dir = tree();
    const named = runCli(["check", "--format", "json", "--no-ignore", "generated/a.js", "legacy"], dir);
    expect(named.code).toBe(1);
    expect(parse(named.stdout).map((r) => r.notAnalysed)).toEqual([undefined, undefined]);
    const walked = runCli(["check", "--format", "json", "--no-ignore", "."], dir);
    expect(parse(walked.stdout).map((r) => path.relative(dir, r.filePath))).toEqual(["generated/a.js", "legacy/b.js"]);
  });
});

describe("FIFOs and devices are never read", () => {
  it.skipIf(!canMakeFifos)("a FIFO named *.js passed explicitly is an error, not a hang or a clean exit", () => {
    const dir = project({ "ok.js": LEGACY });
    mkfifo(path.join(dir, "pipe.js"));
    const result = runCli(["check", "--format", "json", "pipe.js", "ok.js"], dir);
    expect(result.code).toBe(1);
    const [pipe, ok] = parse(result.stdout)
      .sort((a, b) => a.filePath.localeCompare(b.filePath))
      .reverse();
    expect(pipe.messages).toEqual([
      { ruleId: null, fatal: true, severity: 2, message: "cannot check: a FIFO (named pipe), not a regular file; not read", line: 1, column: 1 },
    ]);
    expect(ok.messages).toHaveLength(2);
  });

  it.skipIf(!canMakeFifos)("a FIFO met while walking is named as skipped", () => {
    const dir = project({ "ok.js": LEGACY });
    mkfifo(path.join(dir, "pipe.js"));
    const result = runCli(["check", "--format", "json"], dir);
    expect(result.code).toBe(1);
    expect(parse(result.stdout).find((r) => r.filePath.endsWith("pipe.js"))!.notAnalysed).toEqual({
      reason: "not-regular-file",
      message: "skipped: a FIFO (named pipe), not a regular file; not read",
    });
  });

  it.skipIf(!hasDevZero)("a link to /dev/zero named *.js is reported as a link, and with --follow-symlinks as a device", () => {
    const dir = project({});
    symlinkSync("/dev/zero", path.join(dir, "zero.js"));
    const plain = runCli(["check", "--format", "json", "zero.js"], dir);
    expect(plain.code).toBe(0);
    expect(parse(plain.stdout)[0]).toMatchObject({
      notAnalysed: { reason: "symlink" },
      messages: [{ severity: 1, message: "not checked: a symbolic link, not followed: name its target, or pass --follow-symlinks" }],
    });
    const followed = runCli(["check", "--format", "json", "--follow-symlinks", "zero.js"], dir);
    expect(followed.code).toBe(1);
    expect(parse(followed.stdout)[0].messages[0].message).toBe("cannot check: a character device, not a regular file; not read");
  });

  it.skipIf(!hasDevZero)("a tsconfig.json that is a link to /dev/zero turns type-aware mode off with a warning (named with --project: exit 2)", () => {
    const dir = project({ "a.ts": LEGACY });
    symlinkSync("/dev/zero", path.join(dir, "tsconfig.json"));
    const found = runCli(["check", "--format", "json"], dir);
    expect(found.code).toBe(1);
    expect(found.stderr).toMatch(/warning: type-aware mode is off: .*tsconfig\.json: a character device, not a regular file; pass --project/);
    const named = runCli(["check", "--project", "tsconfig.json"], dir);
    expect(named.code).toBe(2);
    expect(named.stderr).toMatch(
      /^intercom-migrate: tsconfig\.json: cannot be used for type-aware mode: .*a character device, not a regular file \(--project\)\n$/,
    );
  });

  it.skipIf(!canMakeFifos)("a tsconfig that extends a FIFO, a configuration file and a .gitignore that are FIFOs: no hang", () => {
    const dir = project({ "a.ts": LEGACY, "tsconfig.json": JSON.stringify({ extends: "./base.json" }) });
    mkfifo(path.join(dir, "base.json"));
    mkfifo(path.join(dir, ".gitignore"));
    const result = runCli(["check", "--format", "json"], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/type-aware mode is off: .*base\.json: a FIFO \(named pipe\), not a regular file/);
    mkfifo(path.join(dir, "intercom-migrate.config.json"));
    const config = runCli(["check"], dir);
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(/intercom-migrate\.config\.json: cannot be read as configuration: a FIFO \(named pipe\), not a regular file/);
  });
});

describe("symbolic links are reported, not followed, unless --follow-symlinks", () => {
  it("a link met while walking (to a file or a folder elsewhere) is named as skipped", () => {
    const elsewhere = project({ "other.js": LEGACY, "lib/x.js": LEGACY });
    const dir = project({ "a.js": LEGACY });
    symlinkSync(path.join(elsewhere, "other.js"), path.join(dir, "link.js"));
    symlinkSync(path.join(elsewhere, "lib"), path.join(dir, "lib"));
    const result = runCli(["check", "--format", "json"], dir);
    const skipped = parse(result.stdout)
      .filter((r) => r.notAnalysed)
      .map((r) => [path.relative(dir, r.filePath), r.notAnalysed!.reason]);
    expect(skipped).toEqual([
      ["lib", "symlink"],
      ["link.js", "symlink"],
    ]);
    const followed = parse(runCli(["check", "--format", "json", "--follow-symlinks"], dir).stdout);
    expect(followed.map((r) => path.relative(dir, r.filePath))).toEqual(["a.js", "lib/x.js", "link.js"]);
  });
});

describe("the cache is validated, versioned and never trusted blindly", () => {
  const checkWithCache = (dir: string, cacheLocation: string) => run({ paths: ["."], cwd: dir, mode: "check", cacheLocation });

  it("an entry edited to `findings: []` (right hash) does not hide the finding: discarded with a warning", async () => {
    const dir = project({ "a.js": LEGACY });
    const cache = path.join(tempDir(), "cache.json");
    await checkWithCache(dir, cache);
    const data = JSON.parse(readFileSync(cache, "utf8"));
    for (const entry of Object.values<{ report: { findings: unknown[] } }>(data.entries)) entry.report.findings = [];
    writeFileSync(cache, JSON.stringify(data));
    const result = await checkWithCache(dir, cache);
    expect(result.reports[0].findings.map((f) => f.ruleId)).toEqual(["intercom-version-header", "ticket-update-assignment"]);
    expect(result.warnings).toEqual([
      expect.stringMatching(/holds an entry that does not match its checksum \(edited or corrupted\); it was discarded and is being rebuilt$/),
    ]);
    // Rebuilt: the next run is served from it again, silently.
    const again = await checkWithCache(dir, cache);
    expect(again.stats.cached).toBe(1);
    expect(again.warnings).toEqual([]);
  });

  it("entries of the wrong shape are discarded with a warning instead of crashing every later run", () => {
    const dir = project({ "a.js": LEGACY });
    const cold = runCli(["check", "--format", "json", "--cache"], dir);
    const file = path.join(dir, ".intercom-migrate-cache");
    const data = JSON.parse(readFileSync(file, "utf8"));
    for (const entry of Object.values<{ report: unknown }>(data.entries)) entry.report = { findings: [{ ruleId: 1 }] };
    writeFileSync(file, JSON.stringify(data));
    const warm = runCli(["check", "--format", "json", "--cache"], dir);
    expect(warm.code).toBe(1);
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.stderr).toMatch(
      /^intercom-migrate: warning: the cache .*\.intercom-migrate-cache does not have the shape of an intercom-migrate cache \(a finding lacks its rule, severity or message\); it was discarded and is being rebuilt\n$/,
    );
    writeFileSync(file, "{ not json");
    expect(runCli(["check", "--format", "json", "--cache"], dir)).toMatchObject({
      code: 1,
      stdout: cold.stdout,
      stderr: expect.stringContaining("is not valid JSON"),
    });
  });

  it("editing tsconfig.json, or another installed SDK version, does not serve stale results", async () => {
    const dir = project({
      "a.ts": LEGACY,
      "tsconfig.json": JSON.stringify({ compilerOptions: { strict: true } }),
      "node_modules/intercom-client/package.json": JSON.stringify({ name: "intercom-client", version: "6.4.0" }),
    });
    const cache = path.join(tempDir(), "cache.json");
    expect((await checkWithCache(dir, cache)).stats.cached).toBe(0);
    expect((await checkWithCache(dir, cache)).stats.cached).toBe(1);
    writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: false } }));
    expect((await checkWithCache(dir, cache)).stats.cached).toBe(0);
    expect((await checkWithCache(dir, cache)).stats.cached).toBe(1);
    writeFileSync(path.join(dir, "node_modules/intercom-client/package.json"), JSON.stringify({ name: "intercom-client", version: "7.0.3" }));
    expect((await checkWithCache(dir, cache)).stats.cached).toBe(0);
  }, 60_000);

  it("--cache-location <folder> keeps the cache inside it (it crashed after the analysis, printing nothing)", () => {
    const dir = project({ "a.js": LEGACY, "cache-dir/.keep": "" });
    const cold = runCli(["check", "--cache", "--cache-location", "cache-dir"], dir);
    expect(cold.code).toBe(1);
    expect(cold.stdout).toContain("ticket-update-assignment");
    expect(readdirSync(path.join(dir, "cache-dir")).sort()).toEqual([".intercom-migrate-cache", ".keep"]);
    const warm = runCli(["check", "--cache", "--cache-location", "cache-dir/"], dir);
    expect(warm.stdout).toBe(cold.stdout);
  });

  it("--cache-location under a file fails at once with exit 2, before anything is read", () => {
    const dir = project({ "a.js": LEGACY, "notes.txt": "x" });
    const result = runCli(["check", "--cache", "--cache-location", "notes.txt/cache.json"], dir);
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect(result.stderr).toMatch(
      /^intercom-migrate: --cache-location notes\.txt\/cache\.json: .*notes\.txt is a file, so the cache cannot be kept under it; name another place\n$/,
    );
  });

  it.skipIf(!canMakeFifos)("a dependency that became a FIFO invalidates the entry instead of hanging the run", async () => {
    const dir = project({ "a.ts": USES_CLIENT, "b.ts": CLIENT });
    const cache = path.join(tempDir(), "cache.json");
    expect((await checkWithCache(dir, cache)).reports.find((r) => r.filePath.endsWith("a.ts"))!.findings.map((f) => f.ruleId)).toEqual([
      "ticket-update-assignment",
    ]);
    rmSync(path.join(dir, "b.ts"));
    mkfifo(path.join(dir, "b.ts"));
    const after = await checkWithCache(dir, cache);
    expect(after.reports.find((r) => r.filePath.endsWith("a.ts"))!.findings).toEqual([]);
  });
});

// Migrating the tests too: fixtures/test-migration is a small project on API 2.13 with a real test suite (vitest
// with nock, a mocked fetch and a mocked SDK). Its suite is green as it is, turns red when only the source is
// migrated (`fix --no-tests`), and is green again after `fix`, which moves the test doubles and the version
// assertions with the code they check.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli, tempCopy, tempDir } from "./support.js";

const PROJECT = path.join(ROOT, "fixtures", "test-migration");
const VITEST = path.join(ROOT, "node_modules", "vitest", "vitest.mjs");

/** A copy of the project that resolves its dev dependencies (vitest, nock) from this repository's node_modules. */
function projectCopy(): string {
  const dir = tempCopy(PROJECT);
  symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

interface SuiteResult {
  passed: string[];
  failed: string[];
}

/** Run the project's own test suite (`vitest run`) and list its tests by outcome. */
function runSuite(dir: string): SuiteResult {
  const output = path.join(tempDir(), "results.json");
  // This suite runs under vitest itself: the child must not think it is one of this run's workers.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(VITEST|TINYPOOL)/.test(key) && key !== "NODE_ENV"));
  const run = spawnSync(process.execPath, [VITEST, "run", "--reporter=json", `--outputFile=${output}`], { cwd: dir, encoding: "utf8", env });
  let report: { testResults: Array<{ assertionResults: Array<{ title: string; status: string }> }> };
  try {
    report = JSON.parse(readFileSync(output, "utf8"));
  } catch {
    throw new Error(`vitest did not report (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
  const tests = report.testResults.flatMap((file) => file.assertionResults);
  const result = {
    passed: tests
      .filter((test) => test.status === "passed")
      .map((test) => test.title)
      .sort(),
    failed: tests
      .filter((test) => test.status === "failed")
      .map((test) => test.title)
      .sort(),
  };
  expect(run.status, run.stdout + run.stderr).toBe(result.failed.length > 0 ? 1 : 0);
  return result;
}

/** Every source and test file of a project, by relative path. */
function sources(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const folder of ["src", "test"]) {
    for (const name of readdirSync(path.join(dir, folder)).sort()) files[`${folder}/${name}`] = readFileSync(path.join(dir, folder, name), "utf8");
  }
  return files;
}

const ALL_TESTS = ["assigns a ticket", "does not touch another vendor's tickets", "emails the contact", "escalates to tier 2", "pins the Intercom API version"];
const INTERCOM_TESTS = ["assigns a ticket", "emails the contact", "escalates to tier 2", "pins the Intercom API version"];

describe("fixtures/test-migration: a green suite stays green", () => {
  it("green before, red with the source alone migrated, green after fix", { timeout: 120_000 }, () => {
    const dir = projectCopy();
    expect(runSuite(dir)).toEqual({ passed: ALL_TESTS, failed: [] });

    // Migrating the source alone breaks every test of the Intercom calls (the other vendor's stays green).
    const sourceOnly = runCli(["fix", "--no-tests"], dir);
    expect(sourceOnly.code, sourceOnly.stderr).toBe(0);
    expect(sourceOnly.stdout).toContain("Changed 4 files with 4 fixes.");
    expect(runSuite(dir)).toEqual({ passed: ["does not touch another vendor's tickets"], failed: INTERCOM_TESTS });

    // fix migrates the tests: the nock interceptor's body and header matcher, the mocked fetch's and the SDK
    // stand-in's expected payloads, and the assertion on the version pin.
    const fix = runCli(["fix"], dir);
    expect(fix.code, fix.stderr).toBe(0);
    expect(fix.stdout).toContain("Changed 4 files with 5 fixes.");
    expect(runSuite(dir)).toEqual({ passed: ALL_TESTS, failed: [] });

    const check = runCli(["check"], dir);
    expect(check.code).toBe(0);
    expect(check.stdout).toBe("");
    expect(runCli(["fix"], dir).stdout).toContain("Changed 0 files with 0 fixes.");

    // One `fix` from the start gives the same project as the two steps.
    const once = projectCopy();
    expect(runCli(["fix"], once).stdout).toContain("Changed 8 files with 9 fixes.");
    expect(sources(once)).toEqual(sources(dir));
  });

  it("check lists the test doubles with the rule ids of the code they check, and says they are test doubles", () => {
    const dir = projectCopy();
    const run = runCli(["check", "--format", "json"], dir);
    expect(run.code).toBe(1);
    const messages = (
      JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number; column: number; message: string }> }>
    ).flatMap((result) => result.messages.map((m) => ({ at: `${path.relative(dir, result.filePath)}:${m.line}:${m.column} ${m.ruleId}`, message: m.message })));
    expect(messages.map((m) => m.at)).toEqual([
      "src/escalate.ts:10:5 ticket-update-assignment",
      "src/intercom.ts:3:33 intercom-version-header",
      "src/notify.ts:15:7 message-recipients-array",
      "src/tickets.ts:8:7 ticket-update-assignment",
      "test/escalate.test.ts:12:5 ticket-update-assignment",
      "test/notify.test.ts:20:9 message-recipients-array",
      "test/tickets.test.ts:11:38 intercom-version-header",
      "test/tickets.test.ts:12:27 ticket-update-assignment",
      "test/version.test.ts:5:33 intercom-version-header",
    ]);
    const byPlace = Object.fromEntries(messages.map((m) => [m.at, m.message]));
    expect(byPlace["src/tickets.ts:8:7 ticket-update-assignment"]).not.toContain("test double");
    expect(byPlace["test/tickets.test.ts:12:27 ticket-update-assignment"]).toContain("In a test double (a nock interceptor's expected request body)");
    expect(byPlace["test/notify.test.ts:20:9 message-recipients-array"]).toContain("a `toHaveBeenCalledWith` assertion on `fetchMock`, a mocked `fetch`");
    expect(byPlace["test/escalate.test.ts:12:5 ticket-update-assignment"]).toContain("a stand-in for `tickets.update`");
    expect(byPlace["test/tickets.test.ts:11:38 intercom-version-header"]).toContain("a nock header matcher");
    expect(byPlace["test/version.test.ts:5:33 intercom-version-header"]).toContain("a `toBe` assertion on the pinned API version");
  });

  it("--no-tests and the config's `tests: false` leave the test files alone", () => {
    const dir = projectCopy();
    const files = (stdout: string) => (JSON.parse(stdout) as Array<{ filePath: string }>).map((result) => path.relative(dir, result.filePath));
    const flag = runCli(["check", "--no-tests", "--format", "json"], dir);
    expect(files(flag.stdout)).toEqual(["src/escalate.ts", "src/intercom.ts", "src/notify.ts", "src/tickets.ts"]);
    writeFileSync(path.join(dir, "intercom-migrate.config.json"), JSON.stringify({ tests: false }));
    const config = runCli(["check", "--format", "json"], dir);
    expect(files(config.stdout)).toEqual(files(flag.stdout));
    const before = sources(dir);
    runCli(["fix"], dir);
    const after = sources(dir);
    for (const name of Object.keys(before).filter((name) => name.startsWith("test/"))) expect(after[name], name).toBe(before[name]);
  });
});

// The bundled legacy app, end to end through the CLI: check lists every 2.13 use, fix leaves only review items.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli, tempCopy } from "./support.js";

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string; line: number; column: number; fix?: unknown }>;
}

function findingList(stdout: string, dir: string): string[] {
  return (JSON.parse(stdout) as JsonResult[]).flatMap((result) =>
    result.messages.map((m) => `${path.relative(dir, result.filePath)}:${m.line}:${m.column} ${m.ruleId} ${m.fix ? "fix" : "review"}`),
  );
}

const EXPECTED = [
  "src/admin-ui/TeamLimits.tsx:21:27 assignment-limit-activity-type fix",
  "src/audit/activity-log.ts:11:36 assignment-limit-activity-type review",
  "src/audit/activity-log.ts:16:5 assignment-limit-metadata review",
  "src/audit/activity-log.ts:43:44 assignment-limit-activity-type fix",
  "src/audit/activity-log.ts:48:17 assignment-limit-metadata fix",
  "src/audit/limit-report.cjs:12:28 assignment-limit-activity-type review",
  "src/audit/limit-report.cjs:15:3 assignment-limit-activity-type fix",
  "src/audit/limit-report.cjs:34:10 assignment-limit-activity-type fix",
  "src/audit/limit-report.cjs:35:15 assignment-limit-metadata review",
  "src/audit/limit-report.cjs:51:54 assignment-limit-metadata fix",
  "src/audit/limit-report.cjs:58:67 assignment-limit-activity-type fix",
  "src/intercom/client.ts:17:12 intercom-version-header fix",
  "src/intercom/http.cjs:16:25 intercom-version-header fix",
  "src/intercom/request.mjs:27:27 intercom-version-header fix",
  "src/notifications/email.js:28:27 intercom-version-header fix",
  "src/notifications/email.js:37:7 message-recipients-array fix",
  "src/notifications/email.js:38:7 message-recipients-array fix",
  "src/notifications/inapp.ts:22:7 message-recipients-array review",
  "src/notifications/nudges.mjs:21:5 message-recipients-array fix",
  "src/notifications/nudges.mjs:32:7 message-recipients-array review",
  "src/tickets/assign.ts:43:7 ticket-update-assignment fix",
  "src/tickets/assign.ts:64:5 ticket-update-assignment fix",
  "src/tickets/escalation.js:38:3 ticket-update-assignment fix",
  "src/tickets/sla.mjs:17:25 intercom-version-header review",
  "src/tickets/sla.mjs:29:5 ticket-update-assignment fix",
  "src/tickets/sla.mjs:42:9 ticket-update-assignment review",
];

describe("examples/", () => {
  it("check lists every 2.13 use and exits 1", () => {
    const dir = tempCopy(path.join(ROOT, "examples"));
    const run = runCli(["check", "--format", "json"], dir);
    expect(run.code).toBe(1);
    expect(findingList(run.stdout, dir)).toEqual(EXPECTED);
  });

  it("fix --dry-run prints a diff, writes nothing, and lists leftovers where they are on disk", () => {
    const dir = tempCopy(path.join(ROOT, "examples"));
    const before = readFileSync(path.join(dir, "src/audit/limit-report.cjs"), "utf8");
    const run = runCli(["fix", "--dry-run"], dir);
    expect(run.stdout).toContain("+++ b/src/audit/limit-report.cjs");
    expect(run.stderr).toContain("src/audit/limit-report.cjs:35:15");
    expect(readFileSync(path.join(dir, "src/audit/limit-report.cjs"), "utf8")).toBe(before);
  });

  it("fix then check leaves exactly the review items", () => {
    const dir = tempCopy(path.join(ROOT, "examples"));
    const fix = runCli(["fix"], dir);
    expect(fix.code).toBe(1);
    expect(fix.stdout).toContain("Changed 11 files with 18 fixes.");
    expect(fix.stdout).toContain("not ready to deploy against API 2.14");
    const check = runCli(["check", "--format", "json"], dir);
    expect(check.code).toBe(1);
    const left = findingList(check.stdout, dir);
    expect(left.every((line) => line.endsWith(" review"))).toBe(true);
    expect(left.map((line) => line.split(" ")[1])).toEqual([
      "assignment-limit-activity-type",
      "assignment-limit-metadata",
      "assignment-limit-activity-type",
      "assignment-limit-metadata",
      "message-recipients-array",
      "message-recipients-array",
      "intercom-version-header",
      "ticket-update-assignment",
    ]);
    expect(runCli(["fix"], dir).stdout).toContain("Changed 0 files with 0 fixes.");
  });
});

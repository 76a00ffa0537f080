// Migration progress: `intercom-migrate stats` as text with bars, Markdown and JSON, and the history file's dated lines.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatProgressText, migrationProgress, progressBar } from "../src/formats/progress.js";
import { project, runCli } from "./support.js";

const TICKETS = `import { IntercomClient } from "intercom-client";
const client = new IntercomClient({ token: "t", version: "2.13" });
export const assign = (id) =>
  client.tickets.update({ ticket_id: id, assignment: { admin_id: "12", assignee_id: 34 } });
export function reassign(id) {
  return client.tickets.update({ ticket_id: id, assignment: { admin_id: "7", assignee_id: 8 } });
}
export const watched = ["admin_assignment_limit_change"];
export const LIMIT_EVENT = "admin_assignment_limit_change";
`;
const RULES = [
  "assignment-limit-activity-type",
  "assignment-limit-metadata",
  "intercom-version-header",
  "message-recipients-array",
  "news-published-at",
  "request-schema",
  "ticket-update-acting-admin",
  "ticket-update-admin-id-type",
  "ticket-update-assignment",
];
/** 2026-01-02T03:04:05Z, for dated lines that tests can spell out. */
const EPOCH = { SOURCE_DATE_EPOCH: "1767323045" };

describe("intercom-migrate stats", () => {
  it("prints per rule findings now, new, in the baseline, fixed since and left for review, with a bar each", () => {
    const dir = project({ "src/tickets.js": TICKETS });
    runCli(["check", "--update-baseline"], dir);
    const file = path.join(dir, "src/tickets.js");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace(`assignment: { admin_id: "7", assignee_id: 8 }`, `admin_id: 7, assignee_id: "8"`) +
        `export const more = ["admin_assignment_limit_change"];\n`,
    );
    const result = runCli(["stats", "--rule", "ticket-update-assignment,assignment-limit-activity-type,intercom-version-header"], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        "rule                            now  new  in baseline  fixed  left for review  progress",
        "assignment-limit-activity-type    3    1            2      0                1  ▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒░░░░░░░░ 0%",
        "intercom-version-header           1    0            1      0                0  ▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒ 0%",
        "ticket-update-assignment          1    0            2      1                0  ████████████▒▒▒▒▒▒▒▒▒▒▒▒ 50%",
        "total                             5    1            5      1                1  ████▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒░░░░ 16%",
        "",
        "█ fixed since the baseline  ▒ fixable now (intercom-migrate fix)  ░ left for review  (baseline: intercom-migrate-baseline.json)",
        "",
      ].join("\n"),
    );
  });

  it("writes a Markdown table for a step summary or a PR comment, and JSON", () => {
    const dir = project({ "src/tickets.js": TICKETS });
    const markdown = runCli(["stats", "--format", "markdown", "--rule", "ticket-update-assignment"], dir);
    expect(markdown.stdout).toBe(
      [
        "| rule | now | new | in baseline | fixed | left for review | progress |",
        "|---|---:|---:|---:|---:|---:|---|",
        "| `ticket-update-assignment` | 2 | 2 | 0 | 0 | 0 | `▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒ 0%` |",
        "| **total** | 2 | 2 | 0 | 0 | 0 | `▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒ 0%` |",
        "",
        "█ fixed since the baseline · ▒ fixable now (`intercom-migrate fix`) · ░ left for review",
        "",
      ].join("\n"),
    );
    const json = JSON.parse(runCli(["stats", "--format", "json"], dir, EPOCH).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ date: "2026-01-02T03:04:05Z", now: 5, new: 5, baseline: 0, fixed: 0, fixable: 4, review: 1 });
    expect(Object.keys(json.rules as object)).toEqual(RULES);
  });

  it("--history appends one dated line per run, from check as from stats", () => {
    const dir = project({ "src/tickets.js": TICKETS });
    runCli(["check", "--update-baseline"], dir);
    expect(runCli(["check", "--baseline", "intercom-migrate-baseline.json", "--history", "progress/history.jsonl"], dir, EPOCH).code).toBe(0);
    const file = path.join(dir, "src/tickets.js");
    writeFileSync(file, readFileSync(file, "utf8").replace(`"2.13"`, `"2.14"`));
    expect(runCli(["stats", "--history", "progress/history.jsonl"], dir, { SOURCE_DATE_EPOCH: "1767409445" }).code).toBe(0);
    const lines = readFileSync(path.join(dir, "progress/history.jsonl"), "utf8").split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe("");
    const [first, second] = lines.slice(0, 2).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(first).toMatchObject({ date: "2026-01-02T03:04:05Z", baselineFile: "intercom-migrate-baseline.json", now: 5, new: 0, baseline: 5, fixed: 0 });
    expect(second).toMatchObject({ date: "2026-01-03T03:04:05Z", now: 4, new: 0, baseline: 5, fixed: 1 });
    expect((second.rules as Record<string, unknown>)["intercom-version-header"]).toEqual({ now: 0, new: 0, baseline: 1, fixed: 1, fixable: 0, review: 0 });
  });
});

describe("progress bars", () => {
  it("draw fixed, fixable and left-for-review shares of what there was", () => {
    expect(progressBar({ now: 2, new: 0, baseline: 4, fixed: 2, fixable: 1, review: 1 }, 8)).toBe("████▒▒░░ 50%");
    expect(progressBar({ now: 0, new: 0, baseline: 0, fixed: 0, fixable: 0, review: 0 }, 8)).toBe("████████ done");
  });

  it("line up in a table whatever the rule names", () => {
    const progress = migrationProgress({ ruleIds: ["a", "long-rule-name"], findings: [], isBaselined: () => false, date: new Date(0) });
    expect(formatProgressText(progress).split("\n")[0]).toBe("rule            now  new  in baseline  fixed  left for review  progress");
  });
});

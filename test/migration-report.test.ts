// `fix --report`: the Markdown a reviewer acts on, compared whole — deploy warning first, every line after the fix and
// linked, what was done in the past tense; --annotate's comments counted and placed above a JSDoc block.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyEdits, mapOffset } from "../src/core/edits.js";
import { ROOT, project, runCli, tempCopy } from "./support.js";

const SOURCE = `import { IntercomClient } from "intercom-client";
const client = new IntercomClient({ token: "t", version: "2.13" });

/**
 * Reassign a ticket.
 * @param {string} id
 */
export const assign = (id, current) => {
  client.tickets.update({ ticket_id: id, assignment: { admin_id: "12", assignee_id: 34 } });
  return client.tickets.update({ ticket_id: id, assignment: current });
};

/** The activity types the audit panel shows. */
export const TYPES = { limit: "admin_assignment_limit_change" };
`;

const ASSIGNMENT_TODO =
  "Remove `assignment` and set top-level `admin_id` (integer id of the admin making the change) and `assignee_id` (string id of the admin or team assigned).";
const ACTIVITY_TODO =
  "Replace `admin_assignment_limit_change` with `admin_conversation_assignment_limit_change`, `admin_ticket_assignment_limit_change`, or both, depending on what the code means.";
const ASSIGNMENT_LEFT = `\`ticket-update-assignment\` (error): Ticket update sends \`assignment\`, which API 2.14 rejects, and its value is not an object literal the tool can rewrite. **To do:** ${ASSIGNMENT_TODO}`;
const ACTIVITY_LEFT = `\`assignment-limit-activity-type\` (error): Activity type \`admin_assignment_limit_change\` no longer exists in API 2.14 (split into \`admin_conversation_assignment_limit_change\` and \`admin_ticket_assignment_limit_change\`); it is an object value, so which of the two it should become is your call. **To do:** ${ACTIVITY_TODO}`;

const table = (fixed: { version: number; assignment: number }, left: { activity: number; assignment: number }) => [
  "| rule | fixed | left for review |",
  "|---|---:|---:|",
  `| \`assignment-limit-activity-type\` | 0 | ${left.activity} |`,
  "| `assignment-limit-metadata` | 0 | 0 |",
  `| \`intercom-version-header\` | ${fixed.version} | 0 |`,
  "| `message-recipients-array` | 0 | 0 |",
  "| `news-published-at` | 0 | 0 |",
  "| `request-schema` | 0 | 0 |",
  "| `ticket-update-acting-admin` | 0 | 0 |",
  "| `ticket-update-admin-id-type` | 0 | 0 |",
  `| \`ticket-update-assignment\` | ${fixed.assignment} | ${left.assignment} |`,
  `| **total** | **${fixed.version + fixed.assignment}** | **${left.activity + left.assignment}** |`,
];

describe("fix --report", () => {
  it("fix --annotate --report reports/MIGRATION.md: the whole report, and the annotated file", () => {
    const dir = project({ "src/a.js": SOURCE });
    const run = runCli(["fix", "--allow-dirty", "--annotate", "--report", "reports/MIGRATION.md"], dir);
    expect(run.code).toBe(1);
    expect(run.stdout.split("\n")[0]).toBe("Changed 1 file with 2 fixes and 2 review comments.");
    expect(readFileSync(path.join(dir, "reports/MIGRATION.md"), "utf8")).toBe(
      [
        "# Intercom API 2.13 → 2.14 migration",
        "",
        "> ⚠️ **Not ready to deploy against API 2.14.** The Intercom API version is now pinned to 2.14, but 2 error-level findings remain: the code is not ready to deploy against API 2.14 until they are resolved.",
        "",
        "_Made by `intercom-migrate fix`: 1 file changed (2 fixes, 2 review comments); 2 findings left for review. Line numbers are in the files as fixed._",
        "",
        ...table({ version: 1, assignment: 1 }, { activity: 1, assignment: 1 }),
        "",
        "## `src/a.js`",
        "",
        "**Changed**",
        "",
        "- [src/a.js:2](../src/a.js#L2) `intercom-version-header`: Pinned the Intercom API version to 2.14 (was 2.13).",
        "- [src/a.js:9](../src/a.js#L9) `ticket-update-assignment`: Lifted the ticket update's nested `assignment` to top-level `admin_id` (integer) and `assignee_id` (string).",
        "",
        "**Left for review**",
        "",
        "_Each is marked in the code by a `// intercom-migrate:` comment above it._",
        "",
        `- [ ] [src/a.js:11](../src/a.js#L11) ${ASSIGNMENT_LEFT}`,
        `- [ ] [src/a.js:16](../src/a.js#L16) ${ACTIVITY_LEFT}`,
        "",
      ].join("\n"),
    );
    // Every line the report cites holds what it says; the comment sits above the JSDoc block, not between it and its declaration.
    const fixed = readFileSync(path.join(dir, "src/a.js"), "utf8").split("\n");
    expect(fixed[1]).toContain('version: "2.14"');
    expect(fixed[8]).toContain('admin_id: 12, assignee_id: "34"');
    expect(fixed[10]).toContain("assignment: current");
    expect(fixed.slice(12, 16)).toEqual([
      "",
      `// intercom-migrate: assignment-limit-activity-type: ${ACTIVITY_TODO}`,
      "/** The activity types the audit panel shows. */",
      'export const TYPES = { limit: "admin_assignment_limit_change" };',
    ]);
  });

  it("fix --dry-run --report: what would change, cited on the file as it is", () => {
    const dir = project({ "src/a.js": SOURCE });
    runCli(["fix", "--dry-run", "--report", "MIGRATION.md"], dir);
    expect(readFileSync(path.join(dir, "MIGRATION.md"), "utf8")).toBe(
      [
        "# Intercom API 2.13 → 2.14 migration",
        "",
        "> ⚠️ **Not ready to deploy against API 2.14.** The Intercom API version would now be pinned to 2.14, but 2 error-level findings remain: the code is not ready to deploy against API 2.14 until they are resolved.",
        "",
        "_Dry run of `intercom-migrate fix`: nothing was written. It would change 1 file (2 fixes); 2 findings would be left for review. Line numbers are in the files as they are now._",
        "",
        ...table({ version: 1, assignment: 1 }, { activity: 1, assignment: 1 }),
        "",
        "## `src/a.js`",
        "",
        "**Would change**",
        "",
        "- [src/a.js:2](src/a.js#L2) `intercom-version-header`: Pin Intercom-Version to 2.14.",
        "- [src/a.js:9](src/a.js#L9) `ticket-update-assignment`: Lift `assignment` to top-level `admin_id`/`assignee_id`.",
        "",
        "**Left for review**",
        "",
        `- [ ] [src/a.js:10](src/a.js#L10) ${ASSIGNMENT_LEFT}`,
        `- [ ] [src/a.js:14](src/a.js#L14) ${ACTIVITY_LEFT}`,
        "",
      ].join("\n"),
    );
    expect(readFileSync(path.join(dir, "src/a.js"), "utf8")).toBe(SOURCE);
  });

  it("the example app: the whole report (fixtures/migration-report/examples.md; UPDATE_REPORT_FIXTURE=1 rewrites it)", () => {
    const dir = tempCopy(path.join(ROOT, "examples"));
    runCli(["fix", "--allow-dirty", "--annotate", "--report", "MIGRATION.md"], dir);
    const report = readFileSync(path.join(dir, "MIGRATION.md"), "utf8");
    const fixture = path.join(ROOT, "fixtures", "migration-report", "examples.md");
    if (process.env.UPDATE_REPORT_FIXTURE) writeFileSync(fixture, report);
    expect(report).toBe(readFileSync(fixture, "utf8"));
    // Each cited line, in the file as fixed, holds the code the bullet is about.
    for (const [, file, line, rule] of report.matchAll(/\[([^\]:]+):(\d+)\]\([^)]*\) `([a-z-]+)`/g)) {
      const text = readFileSync(path.join(dir, file), "utf8").split("\n")[Number(line) - 1];
      const shapes: Record<string, RegExp> = {
        "intercom-version-header": /"2\.1[14]"/i,
        "message-recipients-array": /\bto\b|\bcc\b/,
        "ticket-update-assignment": /admin_id|assignment/,
        "assignment-limit-activity-type": /assignment_limit_change|AssignmentLimitChange/,
        "assignment-limit-metadata": /assignment_limit/,
      };
      expect(text, `${file}:${line} ${rule}`).toMatch(shapes[rule]);
    }
  });
});

describe("fix --annotate counts its comments as changes", () => {
  it("a run that only adds comments says it changed the file; the next one changes nothing", () => {
    const dir = project({ "a.js": `/** Limits. */\nexport const TYPES = { limit: "admin_assignment_limit_change" };\n` });
    expect(runCli(["fix", "--allow-dirty", "--annotate"], dir).stdout.split("\n")[0]).toBe("Changed 1 file with 0 fixes and 1 review comment.");
    expect(readFileSync(path.join(dir, "a.js"), "utf8").split("\n").slice(0, 2)).toEqual([
      `// intercom-migrate: assignment-limit-activity-type: ${ACTIVITY_TODO}`,
      "/** Limits. */",
    ]);
    expect(runCli(["fix", "--allow-dirty", "--annotate"], dir).stdout.split("\n")[0]).toBe("Changed 0 files with 0 fixes.");
  });

  it("next-line directives stay on the line they speak about", () => {
    const source = `// eslint-disable-next-line no-unused-vars\nconst TYPES = { limit: "admin_assignment_limit_change" };\n`;
    const dir = project({ "a.js": source });
    runCli(["fix", "--allow-dirty", "--annotate"], dir);
    expect(readFileSync(path.join(dir, "a.js"), "utf8")).toBe(`// intercom-migrate: assignment-limit-activity-type: ${ACTIVITY_TODO}\n${source}`);
  });
});

describe("mapOffset: where an offset is after the edits (the report's line numbers after a fix)", () => {
  it("moves with edits before it, stays before an insertion at it, goes to the start of a replacement around it", () => {
    const text = "abcdefghij";
    const edits = [
      { start: 1, end: 2, text: "BBB" },
      { start: 5, end: 5, text: "++" },
      { start: 7, end: 9, text: "" },
    ];
    expect(applyEdits(text, edits)).toBe("aBBBcde++fgj");
    expect(mapOffset(0, edits)).toBe(0);
    expect(mapOffset(3, edits)).toBe(5); // "d"
    expect(mapOffset(5, edits)).toBe(7); // before the "++" inserted at it
    expect(mapOffset(6, edits)).toBe(10); // "g"
    expect(mapOffset(8, edits)).toBe(11); // inside the removed "hi": where it was
    expect(mapOffset(9, edits)).toBe(11); // "j"
  });
});

// Gradual adoption through the CLI as a process: a baseline written, new findings failing, moved lines not, fixed ones pruned;
// the same through SARIF (stable fingerprints, baselineState) and GitHub (annotations, step summary); renames; mistakes.
import { spawnSync } from "node:child_process";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import Ajv from "ajv-draft-04";
import type * as Sarif from "sarif";
import { describe, expect, it } from "vitest";
import { intercomVersionHeader } from "../rules/intercom-version-header.js";
import { ticketUpdateAssignment } from "../rules/ticket-update-assignment.js";

const assignment = ticketUpdateAssignment.meta.messages;
const versionHeader = intercomVersionHeader.meta.messages;
import { ROOT, project, runCli, tempDir } from "./support.js";

const BASELINE = "intercom-migrate-baseline.json";

/** Three findings: a version pin (warning, top level) and two nested assignments (errors) in `assign` and `reassign`. */
const TICKETS = `import { IntercomClient } from "intercom-client";
const client = new IntercomClient({ token: "t", version: "2.13" });
export const assign = (id) =>
  client.tickets.update({ ticket_id: id, assignment: { admin_id: "12", assignee_id: 34 } });
export function reassign(id) {
  return client.tickets.update({ ticket_id: id, assignment: { admin_id: "7", assignee_id: 8 } });
}
`;
const NEW_SHAPE = `export const third = (id) => client.tickets.update({ ticket_id: id, assignment: { admin_id: "1", assignee_id: 2 } });\n`;
/** Unrelated lines above every baselined finding. */
const moved = (text: string) =>
  text.replace(
    `"intercom-client";\n`,
    `"intercom-client";\n// Tickets, as the support team routes them.\nconst ROUTES = ["billing", "sales"];\nexport const routes = () => ROUTES;\n`,
  );
/** `reassign` migrated by hand: its baselined finding is gone. */
const reassignFixed = (text: string) => text.replace(`assignment: { admin_id: "7", assignee_id: 8 }`, `admin_id: 7, assignee_id: "8"`);

const ENTRY_PIN = `        "acce322b9aba0fdb": { "count": 1, "scope": "", "code": "\\"2.13\\"" }`;
const ENTRY_ASSIGN = `        "c8c3d18558fae616": { "count": 1, "scope": "assign", "code": "assignment:{admin_id:\\"12\\",assignee_id:34}" }`;
const ENTRY_REASSIGN = `        "f3559c1a04cdbb68": { "count": 1, "scope": "reassign", "code": "assignment:{admin_id:\\"7\\",assignee_id:8}" }`;
/** The baseline file for these files, each with its version pin and these assignment entries. */
const baselineFor = (files: Array<[string, string[]]>) =>
  [
    "{",
    '  "version": 1,',
    '  "files": {',
    files
      .map(([file, assignmentEntries]) =>
        [
          `    "${file}": {`,
          '      "intercom-version-header": {',
          ENTRY_PIN,
          "      },",
          '      "ticket-update-assignment": {',
          assignmentEntries.join(",\n"),
          "      }",
          "    }",
        ].join("\n"),
      )
      .join(",\n"),
    "  }",
    "}",
    "",
  ].join("\n");
const baselineText = (assignmentEntries: string[]) => baselineFor([["src/tickets.js", assignmentEntries]]);

const STALE_LINES = [
  `1 baselined finding fixed since the baseline (${BASELINE}): prune with \`intercom-migrate check --baseline ${BASELINE} --update-baseline\` (or --prune-baseline)`,
  `  src/tickets.js  ticket-update-assignment  ×1  in reassign: assignment:{admin_id:"7",assignee_id:8}`,
];

function edit(dir: string, change: (text: string) => string): void {
  const file = path.join(dir, "src/tickets.js");
  writeFileSync(file, change(readFileSync(file, "utf8")));
}

describe("check --baseline (stylish)", () => {
  it("writes the baseline, fails only on a new finding, survives moved lines, and reports and prunes what was fixed", () => {
    const dir = project({ "src/tickets.js": TICKETS });

    const written = runCli(["check", "--update-baseline"], dir);
    expect(written.code).toBe(0);
    expect(written.stderr).toContain(`intercom-migrate: wrote ${BASELINE}: 3 findings in 1 file (3 added, 0 fixed since and pruned)\n`);
    expect(readFileSync(path.join(dir, BASELINE), "utf8")).toBe(baselineText([ENTRY_ASSIGN, ENTRY_REASSIGN]));
    expect(runCli(["check", "--update-baseline"], dir).stderr).toContain(`intercom-migrate: ${BASELINE} is up to date: 3 findings in 1 file\n`);

    const clean = runCli(["check", "--baseline", BASELINE], dir);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toBe(`3 findings in the baseline (${BASELINE}) not shown. Baseline: 0 new, 3 baselined, 0 fixed since the baseline.\n`);

    edit(dir, (text) => text + NEW_SHAPE);
    const fresh = runCli(["check", "--baseline", BASELINE], dir);
    expect(fresh.code).toBe(1);
    expect(fresh.stdout).toBe(
      [
        "src/tickets.js",
        `  8:69    error  ${assignment.nested}  ticket-update-assignment`,
        "",
        "✖ 1 problem (1 error, 0 warnings)",
        "  It can be fixed automatically: run `intercom-migrate fix`.",
        `3 findings in the baseline (${BASELINE}) not shown. Baseline: 1 new, 3 baselined, 0 fixed since the baseline.`,
        "",
      ].join("\n"),
    );

    edit(dir, (text) => moved(text.replace(NEW_SHAPE, "")));
    const afterMove = runCli(["check", "--baseline", BASELINE], dir);
    expect(afterMove.code).toBe(0);
    expect(afterMove.stdout).toBe(clean.stdout);

    edit(dir, reassignFixed);
    const stale = runCli(["check", "--baseline", BASELINE], dir);
    expect(stale.code).toBe(0);
    expect(stale.stdout).toBe(
      [`2 findings in the baseline (${BASELINE}) not shown. Baseline: 0 new, 2 baselined, 1 fixed since the baseline.`, ...STALE_LINES, ""].join("\n"),
    );
    // A team that wants the baseline only ever to shrink fails until it is pruned.
    expect(runCli(["check", "--baseline", BASELINE, "--fail-on-stale-baseline"], dir)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(
        `the baseline holds entries fixed since it was written (--fail-on-stale-baseline): run with --prune-baseline and commit ${BASELINE}\n`,
      ),
    });

    const pruned = runCli(["check", "--baseline", BASELINE, "--update-baseline"], dir);
    expect(pruned.code).toBe(0);
    expect(pruned.stderr).toContain(`intercom-migrate: wrote ${BASELINE}: 2 findings in 1 file (0 added, 1 fixed since and pruned)\n`);
    expect(readFileSync(path.join(dir, BASELINE), "utf8")).toBe(baselineText([ENTRY_ASSIGN]));
    expect(runCli(["check", "--baseline", BASELINE, "--fail-on-stale-baseline"], dir)).toMatchObject({
      code: 0,
      stdout: `2 findings in the baseline (${BASELINE}) not shown. Baseline: 0 new, 2 baselined, 0 fixed since the baseline.\n`,
    });
  });

  it("--prune-baseline removes what was fixed and never adds; a run over part of the tree keeps the rest", () => {
    const dir = project({ "src/tickets.js": TICKETS, "lib/other.js": TICKETS });
    expect(runCli(["check", "--update-baseline"], dir).code).toBe(0);
    expect(readFileSync(path.join(dir, BASELINE), "utf8")).toBe(
      baselineFor([
        ["lib/other.js", [ENTRY_ASSIGN, ENTRY_REASSIGN]],
        ["src/tickets.js", [ENTRY_ASSIGN, ENTRY_REASSIGN]],
      ]),
    );

    edit(dir, (text) => reassignFixed(text) + NEW_SHAPE);
    const pruned = runCli(["check", "src", "--baseline", BASELINE, "--prune-baseline"], dir);
    expect(pruned.code).toBe(1); // the new finding is not added: it still fails
    expect(pruned.stderr).toContain(`intercom-migrate: wrote ${BASELINE}: 5 findings in 2 files (0 added, 1 fixed since and pruned)\n`);
    // lib/other.js was not checked: its entries, the reassign one included, are as they were.
    expect(readFileSync(path.join(dir, BASELINE), "utf8")).toBe(
      baselineFor([
        ["lib/other.js", [ENTRY_ASSIGN, ENTRY_REASSIGN]],
        ["src/tickets.js", [ENTRY_ASSIGN]],
      ]),
    );
  });

  it("says what is wrong with the options or the file, and exits 2", () => {
    const dir = project({ "src/tickets.js": TICKETS, "broken.json": "{ <<<<<<< HEAD" });
    expect(runCli(["check", "--baseline", "missing.json"], dir)).toMatchObject({
      code: 2,
      stderr: `intercom-migrate: ${path.join(dir, "missing.json")}: no such baseline file (write one with --update-baseline)\n`,
    });
    expect(runCli(["check", "--baseline", "broken.json"], dir)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/broken\.json: not valid JSON .*a merge conflict left in it\?/),
    });
    expect(runCli(["check", "--fail-on-stale-baseline"], dir)).toMatchObject({
      code: 2,
      stderr: "intercom-migrate: --fail-on-stale-baseline needs --baseline <file>\n",
    });
    expect(runCli(["check", "--update-baseline", "--prune-baseline"], dir)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("cannot be used with option"),
    });
  });
});

describe("check --baseline --format json", () => {
  it("keeps ESLint's shape: new findings in messages, baselined ones in suppressedMessages, fixed ones beside them", () => {
    const dir = project({ "src/tickets.js": TICKETS });
    runCli(["check", "--update-baseline"], dir);
    edit(dir, (text) => reassignFixed(text) + NEW_SHAPE);
    const result = runCli(["check", "--baseline", BASELINE, "--format", "json"], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(STALE_LINES.map((line, i) => (i === 0 ? `intercom-migrate: ${line}` : line)).join("\n") + "\n");
    const [file] = JSON.parse(result.stdout) as Array<
      Record<string, unknown> & { messages: Array<Record<string, unknown>>; suppressedMessages: Array<Record<string, unknown>> }
    >;
    expect(file.messages.map((m) => [m.ruleId, m.line])).toEqual([["ticket-update-assignment", 8]]);
    expect(file).toMatchObject({ errorCount: 1, warningCount: 0, fixableErrorCount: 1, fixableWarningCount: 0 });
    const justification = `in the intercom-migrate baseline (${BASELINE})`;
    expect(file.suppressedMessages.map((m) => [m.ruleId, m.line, m.message, m.suppressions])).toEqual([
      ["intercom-version-header", 2, versionHeader.pinned, [{ kind: "file", justification }]],
      ["ticket-update-assignment", 4, assignment.nested, [{ kind: "file", justification }]],
    ]);
    expect(file.fixedSinceBaseline).toEqual([
      { ruleId: "ticket-update-assignment", count: 1, fingerprint: "f3559c1a04cdbb68", scope: "reassign", code: 'assignment:{admin_id:"7",assignee_id:8}' },
    ]);
  });
});

function sarifValidator() {
  const schema = JSON.parse(readFileSync(path.join(ROOT, "test/data/sarif-2.1.0-rtm.5.json"), "utf8")) as object;
  const ajv = new Ajv.default({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false });
  return ajv.compile(schema);
}

describe("check --baseline --format sarif", () => {
  const sarif = (dir: string, args: string[] = []) => {
    const result = runCli(["check", "--format", "sarif", ...args], dir);
    const log = JSON.parse(result.stdout) as Sarif.Log;
    const validate = sarifValidator();
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    return { code: result.code, stderr: result.stderr, run: log.runs[0], results: log.runs[0].results ?? [] };
  };
  const summary = (results: Sarif.Result[]) =>
    results.map((r) => [
      r.ruleId,
      r.locations![0].physicalLocation!.region!.startLine,
      r.baselineState,
      r.partialFingerprints?.primaryLocationLineHash,
      r.partialFingerprints?.["intercomMigrate/v1"],
    ]);

  it("gives every result stable fingerprints, with or without a baseline, which survive moved lines", () => {
    const dir = project({ "src/tickets.js": TICKETS });
    const before = sarif(dir).results;
    expect(summary(before)).toEqual([
      ["intercom-version-header", 2, undefined, "4fb9d86846314d8f:1", "acce322b9aba0fdb:1"],
      ["ticket-update-assignment", 4, undefined, "46775ba53ad0d38d:1", "c8c3d18558fae616:1"],
      ["ticket-update-assignment", 6, undefined, "b52385736ff8e82:1", "f3559c1a04cdbb68:1"],
    ]);
    edit(dir, moved);
    const after = sarif(dir).results;
    expect(after.map((r) => r.locations![0].physicalLocation!.region!.startLine)).toEqual([5, 7, 9]);
    expect(after.map((r) => r.partialFingerprints)).toEqual(before.map((r) => r.partialFingerprints));
  });

  it("marks results new or unchanged, and lists what was fixed since in the run's properties", () => {
    const dir = project({ "src/tickets.js": TICKETS });
    runCli(["check", "--update-baseline"], dir);
    const baselined = sarif(dir, ["--baseline", BASELINE]);
    expect(baselined.code).toBe(0);
    expect(baselined.results.map((r) => r.baselineState)).toEqual(["unchanged", "unchanged", "unchanged"]);

    edit(dir, (text) => reassignFixed(moved(text)) + NEW_SHAPE);
    const changed = sarif(dir, ["--baseline", BASELINE]);
    expect(changed.code).toBe(1);
    expect(summary(changed.results)).toEqual([
      ["intercom-version-header", 5, "unchanged", "4fb9d86846314d8f:1", "acce322b9aba0fdb:1"],
      ["ticket-update-assignment", 7, "unchanged", "46775ba53ad0d38d:1", "c8c3d18558fae616:1"],
      ["ticket-update-assignment", 11, "new", expect.stringMatching(/^[0-9a-f]+:1$/), expect.stringMatching(/^[0-9a-f]{16}:1$/)],
    ]);
    expect(changed.run.properties?.["intercom-migrate"]).toEqual({
      baseline: BASELINE,
      new: 1,
      baselined: 2,
      fixed: 1,
      fixedSinceBaseline: [
        {
          file: "src/tickets.js",
          ruleId: "ticket-update-assignment",
          count: 1,
          fingerprint: "f3559c1a04cdbb68",
          scope: "reassign",
          code: 'assignment:{admin_id:"7",assignee_id:8}',
        },
      ],
    });
  });
});

describe("check --baseline --format github", () => {
  it("annotates new findings only, says what the baseline holds and what was fixed, and sums it up in the step summary", () => {
    const dir = project({ "src/tickets.js": TICKETS });
    runCli(["check", "--update-baseline"], dir);
    const summaryFile = path.join(tempDir(), "summary.md");
    writeFileSync(summaryFile, "");
    edit(dir, (text) => reassignFixed(moved(text)) + NEW_SHAPE);
    const result = runCli(["check", "--baseline", BASELINE, "--format", "github"], dir, { GITHUB_STEP_SUMMARY: summaryFile });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        `::error file=src/tickets.js,line=11,endLine=11,col=69,endColumn=114,title=intercom-migrate ticket-update-assignment::${assignment.nested} (fixable: run intercom-migrate fix)`,
        `::notice title=intercom-migrate baseline::1 new, 2 baselined, 1 fixed since the baseline (${BASELINE})`,
        `::notice file=src/tickets.js,title=intercom-migrate ticket-update-assignment%3A fixed since the baseline::1 baselined finding in reassign no longer found (assignment:{admin_id:"7",assignee_id:8}): prune with \`intercom-migrate check --baseline ${BASELINE} --update-baseline\` (or --prune-baseline)`,
        "",
      ].join("\n"),
    );
    const summary = readFileSync(summaryFile, "utf8");
    expect(summary).toContain("## intercom-migrate: 1 error, 0 warnings\n");
    expect(summary).toContain(`### Baseline \`${BASELINE}\`: 1 new, 2 baselined, 1 fixed since the baseline\n`);
    expect(summary).toContain("| `ticket-update-assignment` | 2 | 1 | 2 | 1 | 0 | `█████▒▒▒▒▒▒▒▒▒▒▒ 33%` |\n");
  });
});

describe("a file renamed in git", () => {
  const git = (dir: string, ...args: string[]) => {
    const result = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: dir, encoding: "utf8" });
    expect(result.status, result.stderr).toBe(0);
  };

  it("keeps its entries, and --update-baseline moves them to the new name", () => {
    const dir = project({ "src/tickets.js": TICKETS });
    git(dir, "init", "-q");
    runCli(["check", "--update-baseline"], dir);
    git(dir, "add", ".");
    git(dir, "commit", "-q", "-m", "baseline");
    git(dir, "mv", "src/tickets.js", "src/ticket-routing.js");
    const renamed = runCli(["check", "--baseline", BASELINE], dir);
    expect(renamed).toMatchObject({
      code: 0,
      stdout: `3 findings in the baseline (${BASELINE}) not shown. Baseline: 0 new, 3 baselined, 0 fixed since the baseline.\n`,
    });
    expect(runCli(["check", "--baseline", BASELINE, "--update-baseline"], dir).code).toBe(0);
    expect(readFileSync(path.join(dir, BASELINE), "utf8")).toBe(
      baselineText([ENTRY_ASSIGN, ENTRY_REASSIGN]).replace('"src/tickets.js"', '"src/ticket-routing.js"'),
    );
  });

  it("outside git, a file that is gone makes its entries stale", () => {
    const dir = project({ "src/tickets.js": TICKETS });
    runCli(["check", "--update-baseline"], dir);
    renameSync(path.join(dir, "src/tickets.js"), path.join(dir, "src/elsewhere.js"));
    const result = runCli(["check", "--baseline", BASELINE, "--format", "json"], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("intercom-migrate: 3 baselined findings fixed since the baseline");
  });
});

describe("README: Adopting it gradually", () => {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Adopting it gradually"), readme.indexOf("## In the editor"));
  const blocks = (lang: string) =>
    [...section.matchAll(new RegExp("^( *)```" + lang + "\\n([\\s\\S]*?)^\\1```", "gm"))].map((m) => m[2].replace(new RegExp(`^${m[1]}`, "gm"), ""));

  it("shows the baseline file that --update-baseline writes", () => {
    const dir = project({ "src/tickets.js": TICKETS });
    runCli(["check", "--update-baseline"], dir);
    expect(blocks("json")).toEqual([readFileSync(path.join(dir, BASELINE), "utf8")]);
  });

  it("has GitHub Actions and GitLab snippets that are YAML and use only options check has", async () => {
    const { parse } = await import("yaml");
    const yaml = blocks("yaml");
    expect(yaml).toHaveLength(2);
    for (const block of yaml) expect(() => parse(block) as unknown).not.toThrow();
    const help = runCli(["check", "--help"], tempDir()).stdout + runCli(["stats", "--help"], tempDir()).stdout;
    for (const option of new Set(yaml.join("\n").match(/--[a-z-]+/g))) expect(help, option).toContain(option);
  });
});

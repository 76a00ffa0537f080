// The CI lint step (issue 6): SARIF and GitHub output, --max-warnings, rule selection, suppression comments,
// configuration files, --shard and --cache, through the CLI as a process and the run() API.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type * as Sarif from "sarif";
import { describe, expect, it } from "vitest";
import { RULES } from "../rules/index.js";
import { CONFIG_FILE } from "../src/workspace/config.js";
import { run } from "../src/run/run.js";
import { SCHEME, isUri, isUriReference, sarifValidator } from "./sarif-schema.js";
import { ROOT, runCli, tempDir, project } from "./support.js";

const LEGACY = `import { IntercomClient } from "intercom-client";
const client = new IntercomClient({ token: "t", version: "2.13" });
export const assign = (id) =>
  client.tickets.update({ ticket_id: id, assignment: { admin_id: "12", assignee_id: 34 } });
`;
/** One review finding (no fix) whose message is followed by an action: `message\naction` in annotations. */
const REVIEW_CONSTANT = readFileSync(path.join(ROOT, "fixtures/assignment-limit-activity-type/review-constant.input.js"), "utf8");
const SWITCH_CASE = readFileSync(path.join(ROOT, "fixtures/assignment-limit-activity-type/switch-case-string.input.ts"), "utf8");
/** Only warnings: two version pins. */
const WARNINGS_ONLY = `import { IntercomClient } from "intercom-client";
export const a = new IntercomClient({ token: "t", version: "2.13" });
export const b = new IntercomClient({ token: "u", version: "2.13" });
`;
const CLEAN = `export const nothing = 1;\n`;
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;

const REVIEW_MESSAGE =
  "Activity type `admin_assignment_limit_change` no longer exists in API 2.14 (split into `admin_conversation_assignment_limit_change` and " +
  "`admin_ticket_assignment_limit_change`); a constant holds it and every use decides, so which of the two it should become is your call.";
const REVIEW_ACTION =
  "Replace `admin_assignment_limit_change` with `admin_conversation_assignment_limit_change`, `admin_ticket_assignment_limit_change`, or both, depending on what the code means.";

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; severity: 1 | 2; message: string; line: number; column: number; endLine: number; endColumn: number; fix?: unknown }>;
}

function checkJson(dir: string, args: string[] = [], env: Record<string, string> = {}): { code: number | null; results: JsonResult[]; stderr: string } {
  const result = runCli(["check", "--format", "json", ...args], dir, env);
  expect(result.stderr).not.toMatch(/internal error/);
  return { code: result.code, results: JSON.parse(result.stdout) as JsonResult[], stderr: result.stderr };
}

const ruleIdsOf = (results: JsonResult[]) => results.flatMap((r) => r.messages.map((m) => m.ruleId)).sort();
const relativeFiles = (dir: string, results: JsonResult[]) => results.map((r) => path.relative(dir, r.filePath).split(path.sep).join("/")).sort();

// ---------------------------------------------------------------------------------------------------------
// SARIF

/** Offset of a SARIF (1-based line, 1-based UTF-16 column) position in `text`. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const match = /\r\n|\n|\r/g;
    match.lastIndex = offset;
    const found = match.exec(text);
    if (!found) throw new Error(`line ${line} is past the end of the text`);
    offset = found.index + found[0].length;
  }
  return offset + column - 1;
}

/** Apply every replacement of every fix in the log that targets `uri` to `text`, the way a SARIF viewer would. */
function applySarifFixes(text: string, results: Sarif.Result[], uri: string): string {
  const replacements = results
    .flatMap((result) => result.fixes ?? [])
    .flatMap((fix) => fix.artifactChanges)
    .filter((change) => change.artifactLocation.uri === uri)
    .flatMap((change) => change.replacements)
    .map((replacement) => {
      const region = replacement.deletedRegion;
      return {
        start: offsetOf(text, region.startLine!, region.startColumn!),
        end: offsetOf(text, region.endLine!, region.endColumn!),
        text: replacement.insertedContent?.text ?? "",
      };
    })
    .sort((a, b) => b.start - a.start);
  for (let i = 1; i < replacements.length; i++) expect(replacements[i].end, "replacements do not overlap").toBeLessThanOrEqual(replacements[i - 1].start);
  let output = text;
  for (const r of replacements) output = output.slice(0, r.start) + r.text + output.slice(r.end);
  return output;
}

describe("--format sarif", () => {
  const files: Record<string, string> = {
    "src/legacy.js": LEGACY,
    "src/crlf.mjs": LEGACY.replaceAll("\n", "\r\n"),
    "src/switch.ts": SWITCH_CASE,
    "we,ird:name.js": REVIEW_CONSTANT,
    "src/has #hash and space.js": LEGACY,
    "src/clean.js": CLEAN,
  };

  it("is a valid SARIF 2.1.0 log with every rule described and every finding located", () => {
    const dir = project(files);
    const result = runCli(["check", "--format", "sarif", "."], dir);
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout) as Sarif.Log;
    const validate = sarifValidator();
    expect(validate(log) ? [] : validate.errors).toEqual([]);

    expect(log.version).toBe("2.1.0");
    expect(log.runs).toHaveLength(1);
    const sarifRun = log.runs[0];
    const driver = sarifRun.tool.driver;
    expect(driver.name).toBe("intercom-migrate");
    const descriptors = driver.rules ?? [];
    for (const rule of RULES) {
      const descriptor = descriptors.find((d) => d.id === rule.meta.id);
      expect(descriptor, rule.meta.id).toBeDefined();
      expect(descriptor!.shortDescription?.text).toBe(rule.meta.description);
      expect(descriptor!.fullDescription?.text).toContain(rule.meta.description);
      expect(descriptor!.help?.text.trim().length).toBeGreaterThan(0);
      expect(descriptor!.help?.markdown).toBe(readFileSync(path.join(ROOT, "rules", `${rule.meta.id}.md`), "utf8"));
      // Plain text starts with the doc's title (no stray space where the heading mark was) and has no Markdown marks.
      expect(descriptor!.help?.text.startsWith(`${rule.meta.id}\n`), rule.meta.id).toBe(true);
      expect(descriptor!.help?.text).not.toMatch(/^#|\*\*|`/m);
      // The doc this very version ships, as the registry serves it (the package's rules/*.md).
      expect(descriptor!.helpUri).toBe(`https://unpkg.com/intercom-migrate@${VERSION}/rules/${rule.meta.id}.md`);
      expect(isUri(descriptor!.helpUri!)).toBe(true);
      expect(descriptor!.defaultConfiguration?.level).toBe(rule.meta.severity === "error" ? "error" : "warning");
    }

    // The same findings as the JSON format, located by the same full regions.
    const json = checkJson(dir, ["."]).results;
    const base = sarifRun.originalUriBaseIds?.["%SRCROOT%"]?.uri;
    expect(base && fileURLToPath(base)).toBe(dir + path.sep);
    const results = sarifRun.results ?? [];
    const expected = json.flatMap((r) => r.messages.map((m) => ({ file: r.filePath, ...m })));
    expect(results).toHaveLength(expected.length);
    for (const finding of expected) {
      const match = results.find((result) => {
        const location = result.locations?.[0]?.physicalLocation;
        const uri = location?.artifactLocation?.uri ?? "";
        return (
          result.ruleId === finding.ruleId &&
          fileURLToPath(new URL(uri, pathToFileURL(dir + path.sep))) === finding.file &&
          location?.region?.startLine === finding.line &&
          location.region.startColumn === finding.column &&
          location.region.endLine === finding.endLine &&
          location.region.endColumn === finding.endColumn
        );
      });
      expect(match, `${finding.file} ${finding.ruleId} ${finding.line}:${finding.column}`).toBeDefined();
      expect(match!.level).toBe(finding.severity === 2 ? "error" : "warning");
      expect(match!.message.text).toContain(finding.message);
      expect(descriptors[match!.ruleIndex!].id).toBe(finding.ruleId);
      expect(match!.locations![0].physicalLocation!.artifactLocation!.uriBaseId).toBe("%SRCROOT%");
      expect(Boolean(match!.fixes), "fixable findings carry fixes").toBe(Boolean(finding.fix));
    }
    // Relative to the folder the run started in, and percent-encoded so `:` `#` and spaces survive.
    const uris = new Set(results.map((r) => r.locations![0].physicalLocation!.artifactLocation!.uri!));
    for (const uri of uris) {
      expect(isUriReference(uri), uri).toBe(true);
      expect(SCHEME.test(uri), uri).toBe(false);
    }
    const located = [...uris].map((uri) => path.relative(dir, fileURLToPath(new URL(uri, pathToFileURL(dir + path.sep))))).sort();
    expect(located).toEqual(["src/crlf.mjs", "src/has #hash and space.js", "src/legacy.js", "src/switch.ts", "we,ird:name.js"]);
    // The review finding's text carries what to do.
    const review = results.find((r) => r.ruleId === "assignment-limit-activity-type" && !r.fixes)!;
    expect(review.message.text).toBe(`${REVIEW_MESSAGE} ${REVIEW_ACTION}`);
  });

  it("carries fixes whose replacements, applied to the original files, give what `fix` writes", () => {
    const dir = project(files);
    const log = JSON.parse(runCli(["check", "--format", "sarif"], dir).stdout) as Sarif.Log;
    const results = log.runs[0].results ?? [];
    expect(results.filter((r) => r.fixes).length).toBeGreaterThanOrEqual(6);

    const fixed = project(files);
    expect(runCli(["fix", "."], fixed).code).toBe(1); // the review finding remains
    for (const name of Object.keys(files)) {
      const uri = results.find(
        (r) => fileURLToPath(new URL(r.locations![0].physicalLocation!.artifactLocation!.uri!, pathToFileURL(dir + path.sep))) === path.join(dir, name),
      )?.locations![0].physicalLocation!.artifactLocation!.uri;
      const original = readFileSync(path.join(dir, name), "utf8");
      const after = readFileSync(path.join(fixed, name), "utf8");
      if (uri === undefined) {
        expect(after, name).toBe(original);
        continue;
      }
      expect(applySarifFixes(original, results, uri), name).toBe(after);
    }
    // Sanity: the fix really changed the legacy file (2.13 → 2.14 and the lifted assignment).
    expect(readFileSync(path.join(fixed, "src/crlf.mjs"), "utf8")).toContain('version: "2.14" });\r\n');
    expect(readFileSync(path.join(fixed, "src/legacy.js"), "utf8")).toContain('admin_id: 12, assignee_id: "34"');
  });

  it("links the rule docs under INTERCOM_MIGRATE_DOCS_URL when it names a base", () => {
    const dir = project({ "a.js": CLEAN });
    const result = runCli(["check", "--format", "sarif", "."], dir, { INTERCOM_MIGRATE_DOCS_URL: "https://docs.example.com/intercom-migrate/" });
    const rules = (JSON.parse(result.stdout) as Sarif.Log).runs[0].tool.driver.rules!;
    expect(rules.find((r) => r.id === "ticket-update-assignment")?.helpUri).toBe("https://docs.example.com/intercom-migrate/rules/ticket-update-assignment.md");
  });

  it("still validates with nothing to report, and lists only the selected rules", () => {
    const dir = project({ "a.js": CLEAN });
    const result = runCli(["check", "--format", "sarif", "--rule", "intercom-version-header"], dir);
    expect(result.code).toBe(0);
    const log = JSON.parse(result.stdout) as Sarif.Log;
    const validate = sarifValidator();
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].tool.driver.rules!.map((r) => r.id)).toContain("intercom-version-header");
    expect(log.runs[0].tool.driver.rules!.map((r) => r.id)).not.toContain("ticket-update-assignment");
  });
});

// ---------------------------------------------------------------------------------------------------------
// GitHub

describe("--format github", () => {
  it("prints one workflow command per finding, escaping data and properties", () => {
    const weird = "50%,off:sale.js"; // `%`, `,` and `:` in a property
    const breaking = "x\r\ny.js"; // CR and LF in a property: must not start a new workflow command
    const dir = project({ [weird]: REVIEW_CONSTANT, [breaking]: WARNINGS_ONLY });
    const result = runCli(["check", "--format", "github", "."], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        "::error file=50%25%2Coff%3Asale.js,line=2,endLine=2,col=31,endColumn=62,title=intercom-migrate assignment-limit-activity-type::" +
          `${REVIEW_MESSAGE}%0A${REVIEW_ACTION}`,
        "::warning file=x%0D%0Ay.js,line=2,endLine=2,col=60,endColumn=66,title=intercom-migrate intercom-version-header::" +
          "The Intercom API version is pinned to 2.13; this codebase is being migrated to 2.14. (fixable: run intercom-migrate fix)",
        "::warning file=x%0D%0Ay.js,line=3,endLine=3,col=60,endColumn=66,title=intercom-migrate intercom-version-header::" +
          "The Intercom API version is pinned to 2.13; this codebase is being migrated to 2.14. (fixable: run intercom-migrate fix)",
        "",
      ].join("\n"),
    );
    // In data, `%` is escaped but `,` and `:` are not.
    expect(result.stdout).toContain("(split into `admin_conversation_assignment_limit_change` and");
  });

  it("escapes `%` and CR in message data", async () => {
    const { escapeData, escapeProperty } = await import("../src/formats/github.js");
    expect(escapeData("100% done\r\nnext, a:b")).toBe("100%25 done%0D%0Anext, a:b");
    expect(escapeProperty("100% done\r\nnext, a:b")).toBe("100%25 done%0D%0Anext%2C a%3Ab");
  });

  it("prints nothing and exits 0 when clean", () => {
    const dir = project({ "a.js": CLEAN });
    expect(runCli(["check", "--format", "github"], dir)).toMatchObject({ code: 0, stdout: "" });
  });

  it("writes a Markdown summary table to $GITHUB_STEP_SUMMARY", () => {
    const dir = project({ "src/a,b:c.js": REVIEW_CONSTANT, "src/legacy.js": LEGACY, "src/pipe|name.js": WARNINGS_ONLY, "src/line\nbreak.js": WARNINGS_ONLY });
    const summaryFile = path.join(tempDir(), "summary.md");
    writeFileSync(summaryFile, "## earlier step\n\n");
    const result = runCli(["check", "--format", "github", "src"], dir, { GITHUB_STEP_SUMMARY: summaryFile });
    expect(result.code).toBe(1);
    const summary = readFileSync(summaryFile, "utf8");
    expect(summary.startsWith("## earlier step\n\n## intercom-migrate: 2 errors, 5 warnings\n\n")).toBe(true); // appended, not overwritten
    const lines = summary.split("\n");
    const head = lines.indexOf("| level | where | rule | message |");
    expect(head).toBeGreaterThan(0);
    expect(lines[head + 1]).toBe("|---|---|---|---|");
    const rows = lines.slice(head + 2, lines.indexOf("", head));
    expect(rows).toHaveLength(7);
    // Every row has exactly four cells, whatever the file names hold.
    for (const row of rows) expect(row.replaceAll("\\|", "").split("|").length, row).toBe(6);
    expect(rows).toContain(`| error | \`src/a,b:c.js:2:31\` | \`assignment-limit-activity-type\` | ${REVIEW_MESSAGE} |`);
    expect(rows).toContain(
      "| error | `src/legacy.js:4:42` | `ticket-update-assignment` | Ticket update nests `assignment: { admin_id, assignee_id }`, which API 2.14 rejects: " +
        "`admin_id` (integer, the admin making the change) and `assignee_id` (string) now sit at the top level. _(fixable)_ |",
    );
    expect(summary).toContain("Run `npx intercom-migrate fix` to apply the fixable ones.");
  });

  it("writes no summary for other formats", () => {
    const dir = project({ "a.js": LEGACY });
    const summaryFile = path.join(tempDir(), "summary.md");
    runCli(["check", "--format", "json"], dir, { GITHUB_STEP_SUMMARY: summaryFile });
    expect(() => readFileSync(summaryFile)).toThrow();
  });
});

// ---------------------------------------------------------------------------------------------------------
// --max-warnings

describe("--max-warnings", () => {
  it("fails the step only when the warnings exceed the limit", () => {
    const dir = project({ "a.js": WARNINGS_ONLY, "b.js": CLEAN });
    const plain = runCli(["check"], dir);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain("2 problems (0 errors, 2 warnings)");
    const zero = runCli(["check", "--max-warnings", "0"], dir);
    expect(zero.code).toBe(1);
    expect(zero.stderr).toContain("2 warnings, more than --max-warnings 0");
    expect(runCli(["check", "--max-warnings", "1"], dir).code).toBe(1);
    expect(runCli(["check", "--max-warnings", "2"], dir).code).toBe(0);
    expect(runCli(["check", "--max-warnings", "5"], dir).code).toBe(0);
    expect(runCli(["check", "--max-warnings", "5", "--format", "sarif"], dir).code).toBe(0);
  });

  it("does not lower the exit code for errors, and rejects a value that is not a whole number", () => {
    const dir = project({ "a.js": LEGACY });
    expect(runCli(["check", "--max-warnings", "100"], dir).code).toBe(1);
    const bad = runCli(["check", "--max-warnings", "many"], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("expected a whole number");
  });
});

// ---------------------------------------------------------------------------------------------------------
// --rule / --ignore-rule

describe("--rule and --ignore-rule", () => {
  it("run only the named rules, or all but them", () => {
    const dir = project({ "a.js": LEGACY, "b.js": REVIEW_CONSTANT });
    expect(ruleIdsOf(checkJson(dir).results)).toEqual(["assignment-limit-activity-type", "intercom-version-header", "ticket-update-assignment"]);

    const only = checkJson(dir, ["--rule", "intercom-version-header"]);
    expect(only.code).toBe(0); // the remaining finding is a warning
    expect(ruleIdsOf(only.results)).toEqual(["intercom-version-header"]);

    const two = checkJson(dir, ["--rule", "intercom-version-header,ticket-update-assignment"]);
    expect(ruleIdsOf(two.results)).toEqual(["intercom-version-header", "ticket-update-assignment"]);
    expect(ruleIdsOf(checkJson(dir, ["--rule", "intercom-version-header", "--rule", "ticket-update-assignment"]).results)).toEqual(ruleIdsOf(two.results));

    const skip = checkJson(dir, ["--ignore-rule", "ticket-update-assignment", "--ignore-rule", "assignment-limit-activity-type"]);
    expect(skip.code).toBe(0);
    expect(ruleIdsOf(skip.results)).toEqual(["intercom-version-header"]);
  });

  it("exit 2 on an unknown rule id, suggesting the closest one", () => {
    const dir = project({ "a.js": LEGACY });
    for (const option of ["--rule", "--ignore-rule"]) {
      const result = runCli(["check", option, "ticket-update-asignment"], dir);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain('unknown rule "ticket-update-asignment" (did you mean "ticket-update-assignment"?)');
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// Suppression comments

describe("suppression comments", () => {
  const SUPPRESSED = `import { IntercomClient } from "intercom-client";
// intercom-migrate-disable-next-line intercom-version-header -- pinned until the rollout on 1 May
const client = new IntercomClient({ token: "t", version: "2.13" });
export const assign = (id) =>
  client.tickets.update({ ticket_id: id, assignment: { admin_id: "12", assignee_id: 34 } }); // intercom-migrate-disable-line ticket-update-assignment -- tracked in JIRA-1
`;
  const FILE_LEVEL = `/* intercom-migrate-disable-file assignment-limit-activity-type */
${REVIEW_CONSTANT}`;
  const UNUSED = `export const x = 1;
// intercom-migrate-disable-next-line ticket-update-assignment -- nothing on the next line
export const y = 2;
export const z = 3; // intercom-migrate-disable-line intercom-version-header
`;

  it("next-line, line and file directives suppress the findings they name", () => {
    const dir = project({ "a.js": SUPPRESSED, "b.js": FILE_LEVEL, "c.js": LEGACY });
    const { code, results } = checkJson(dir);
    expect(code).toBe(1); // c.js is not suppressed
    const byFile = Object.fromEntries(results.map((r) => [path.basename(r.filePath), r.messages]));
    expect(byFile["a.js"]).toEqual([]);
    expect(byFile["b.js"]).toEqual([]);
    expect(byFile["c.js"].map((m) => m.ruleId)).toEqual(["intercom-version-header", "ticket-update-assignment"]);
    expect(checkJson(project({ "a.js": SUPPRESSED, "b.js": FILE_LEVEL })).code).toBe(0);
  });

  it("a directive only suppresses the rule it names, on the line it covers", () => {
    const other = SUPPRESSED.replace("disable-next-line intercom-version-header", "disable-next-line ticket-update-assignment");
    const { results } = checkJson(project({ "a.js": other }));
    expect(results[0].messages.map((m) => [m.ruleId, m.line])).toEqual([
      ["unused-suppression", 2],
      ["intercom-version-header", 3],
    ]);
  });

  it("reports an unused directive as an unused-suppression warning whose fix removes the comment", () => {
    const dir = project({ "u.js": UNUSED, "f.js": `/* intercom-migrate-disable-file intercom-version-header */\nexport const f = 1;\n` });
    const { code, results } = checkJson(dir);
    expect(code).toBe(0); // warnings only
    const messages = results.flatMap((r) => r.messages.map((m) => ({ file: path.basename(r.filePath), ...m })));
    expect(messages.map((m) => [m.file, m.ruleId, m.severity, m.line])).toEqual([
      ["f.js", "unused-suppression", 1, 1],
      ["u.js", "unused-suppression", 1, 2],
      ["u.js", "unused-suppression", 1, 4],
    ]);
    for (const m of messages) expect(m.fix).toBeDefined();

    expect(runCli(["fix", "."], dir).code).toBe(0);
    expect(readFileSync(path.join(dir, "u.js"), "utf8")).toBe("export const x = 1;\nexport const y = 2;\nexport const z = 3;\n");
    expect(readFileSync(path.join(dir, "f.js"), "utf8")).toBe("export const f = 1;\n");
    expect(checkJson(dir).results.flatMap((r) => r.messages)).toEqual([]);
  });

  it("a directive naming a rule that did not run is not unused", () => {
    const dir = project({ "u.js": UNUSED });
    const { results } = checkJson(dir, ["--rule", "assignment-limit-metadata"]);
    expect(results.flatMap((r) => r.messages)).toEqual([]);
  });

  it("suppressed findings are not fixed", () => {
    const dir = project({ "a.js": SUPPRESSED });
    expect(runCli(["fix", "."], dir).code).toBe(0);
    expect(readFileSync(path.join(dir, "a.js"), "utf8")).toBe(SUPPRESSED);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Configuration

describe("configuration file", () => {
  // A package.json marks the project's root: the configuration search stops there (or at a repository's root).
  const TREE = { "package.json": "{}", "src/a.js": LEGACY, "src/generated/b.js": LEGACY, "vendor/c.js": REVIEW_CONSTANT };

  it("intercom-migrate.config.json: ignores skip files, rules change severity or turn a rule off", () => {
    const dir = project(TREE);
    const before = checkJson(dir);
    expect(relativeFiles(dir, before.results)).toEqual(["src/a.js", "src/generated/b.js", "vendor/c.js"]);
    expect(before.code).toBe(1);

    writeFileSync(
      path.join(dir, "intercom-migrate.config.json"),
      JSON.stringify({ ignores: ["src/generated/", "vendor/**"], rules: { "ticket-update-assignment": "warning", "intercom-version-header": "off" } }),
    );
    const after = checkJson(dir);
    expect(relativeFiles(dir, after.results)).toEqual(["src/a.js"]);
    expect(after.results[0].messages.map((m) => [m.ruleId, m.severity])).toEqual([["ticket-update-assignment", 1]]);
    expect(after.code).toBe(0);
    // Found from a sub-folder too, with its patterns still relative to the config's folder.
    const fromSrc = checkJson(path.join(dir, "src"));
    expect(relativeFiles(dir, fromSrc.results)).toEqual(["src/a.js"]);
    // And a warning can be made an error.
    writeFileSync(
      path.join(dir, "intercom-migrate.config.json"),
      JSON.stringify({ rules: { "intercom-version-header": "error" }, ignores: ["src/a.js", "vendor"] }),
    );
    const strict = checkJson(dir, ["--rule", "intercom-version-header"]);
    expect(strict.code).toBe(1);
    expect(strict.results.flatMap((r) => r.messages.map((m) => [m.ruleId, m.severity]))).toEqual([["intercom-version-header", 2]]);
  });

  it('package.json "intercom-migrate" key', () => {
    const dir = project({
      ...TREE,
      "package.json": JSON.stringify({
        name: "app",
        private: true,
        "intercom-migrate": { ignores: ["generated", "/vendor/"], rules: { "ticket-update-assignment": "off" } },
      }),
    });
    const { code, results } = checkJson(dir);
    expect(relativeFiles(dir, results)).toEqual(["src/a.js"]);
    expect(results[0].messages.map((m) => m.ruleId)).toEqual(["intercom-version-header"]);
    expect(code).toBe(0);
    // --rule still runs a rule the config turned off.
    expect(checkJson(dir, ["--rule", "ticket-update-assignment"]).code).toBe(1);
  });

  it("an explicit --config file (its ignores are relative to the folder the run starts in, as with ESLint's --config)", () => {
    const dir = project({ ...TREE, "ci/strict.json": JSON.stringify({ ignores: ["vendor/"], rules: { "intercom-version-header": "off" } }) });
    const { results } = checkJson(dir, ["--config", "ci/strict.json"]);
    expect(ruleIdsOf(results)).toEqual(["ticket-update-assignment", "ticket-update-assignment"]);
    const missing = runCli(["check", "--config", "nope.json"], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("nope.json: no such configuration file");
  });

  const INVALID: Array<[string, string, string, RegExp]> = [
    ["unknown key", CONFIG_FILE, JSON.stringify({ ignore: ["x"] }), /unknown key "ignore" \(did you mean "ignores"\?\)/],
    [
      "unknown rule",
      CONFIG_FILE,
      JSON.stringify({ rules: { "intercom-version-headers": "off" } }),
      /unknown rule "intercom-version-headers" \(did you mean "intercom-version-header"\?\)/,
    ],
    [
      "bad severity",
      CONFIG_FILE,
      JSON.stringify({ rules: { "intercom-version-header": "fatal" } }),
      /"rules"\."intercom-version-header" must be "error", "warning" or "off", not "fatal"/,
    ],
    ["invalid JSON", CONFIG_FILE, `{ "rules": { }, }`, /not valid JSON/],
    ["ignores not a list", CONFIG_FILE, JSON.stringify({ ignores: "vendor" }), /"ignores" must be an array/],
    [
      "unknown key in package.json",
      "package.json",
      JSON.stringify({ name: "x", "intercom-migrate": { rulez: {} } }),
      /package\.json \("intercom-migrate"\): unknown key "rulez"/,
    ],
    ["invalid package.json", "package.json", `{ "name": "x", `, /package\.json: not valid JSON/],
  ];
  for (const [what, file, text, message] of INVALID) {
    it(`exits 2 naming the file: ${what}`, () => {
      const dir = project({ "a.js": LEGACY, [file]: text });
      const result = runCli(["check"], dir);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain(path.join(dir, file));
      expect(result.stderr).toMatch(message);
    });
  }
});

// ---------------------------------------------------------------------------------------------------------
// --shard

describe("--shard", () => {
  it("splits the files into disjoint, stable slices whose union is the whole run", () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 15; i++) files[`src/${["api", "jobs", "lib"][i % 3]}/file-${i}.${["js", "ts", "mjs"][i % 3]}`] = i % 2 ? LEGACY : CLEAN;
    const dir = project(files);
    const whole = relativeFiles(dir, checkJson(dir).results);
    expect(whole).toHaveLength(15);
    const shards = [1, 2, 3].map((i) => relativeFiles(dir, checkJson(dir, ["--shard", `${i}/3`]).results));
    for (const shard of shards) expect(shard.length).toBeGreaterThan(0);
    expect(shards.flat().sort()).toEqual(whole);
    expect(new Set(shards.flat()).size).toBe(whole.length);
    // Stable: the same slices on another run, and when the folder is named differently on the command line.
    expect([1, 2, 3].map((i) => relativeFiles(dir, checkJson(dir, ["--shard", `${i}/3`, "."]).results))).toEqual(shards);
    expect([1, 2, 3].map((i) => relativeFiles(dir, checkJson(dir, [`--shard=${i}/3`, "src"]).results))).toEqual(shards);
    expect(relativeFiles(dir, checkJson(dir, ["--shard", "1/1"]).results)).toEqual(whole);
  });

  it("rejects a malformed shard", () => {
    const dir = project({ "a.js": CLEAN });
    for (const bad of ["0/3", "4/3", "1/0", "a/b", "2"]) {
      const result = runCli(["check", "--shard", bad], dir);
      expect(result.code, bad).toBe(2);
      expect(result.stderr).toContain("1 <= index <= count");
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// --cache

describe("--cache", () => {
  const CLIENT = `import { IntercomClient } from "intercom-client";
export const client = new IntercomClient({ token: process.env.INTERCOM_TOKEN });
`;
  const NOT_INTERCOM = `export const client = { tickets: { update: async (body) => body } };
`;
  const USES_CLIENT = `import { client } from "./b";
export const assign = (id: string) => client.tickets.update({ ticket_id: id, assignment: { admin_id: "12", assignee_id: 34 } });
`;

  async function check(dir: string, cacheLocation: string) {
    const result = await run({ paths: ["."], cwd: dir, mode: "check", cacheLocation });
    const findings = Object.fromEntries(result.reports.map((r) => [path.relative(dir, r.filePath), r.findings.map((f) => f.ruleId)]));
    return { stats: result.stats, findings };
  }

  it("a warm run parses no unchanged file; a change re-parses only that file", async () => {
    const dir = project({ "a.ts": USES_CLIENT, "b.ts": CLIENT, "c.js": LEGACY, "d.js": REVIEW_CONSTANT, "e.js": CLEAN });
    const cacheLocation = path.join(tempDir(), "cache.json");

    const cold = await check(dir, cacheLocation);
    expect(cold.stats.files).toBe(5);
    expect(cold.stats.parsed).toBeGreaterThan(0);
    expect(cold.stats.cached).toBe(0);
    expect(cold.findings).toEqual({
      "a.ts": ["ticket-update-assignment"],
      "b.ts": [],
      "c.js": ["intercom-version-header", "ticket-update-assignment"],
      "d.js": ["assignment-limit-activity-type"],
      "e.js": [],
    });

    const warm = await check(dir, cacheLocation);
    expect(warm.stats).toEqual({ files: 5, parsed: 0, cached: 5 });
    expect(warm.findings).toEqual(cold.findings);

    writeFileSync(path.join(dir, "c.js"), LEGACY.replace('"2.13"', '"2.14"'));
    const changed = await check(dir, cacheLocation);
    expect(changed.stats).toEqual({ files: 5, parsed: 1, cached: 4 });
    expect(changed.findings["c.js"]).toEqual(["ticket-update-assignment"]);

    expect((await check(dir, cacheLocation)).stats).toEqual({ files: 5, parsed: 0, cached: 5 });
  });

  it("re-checks a file when a module it imports changes", async () => {
    const dir = project({ "a.ts": USES_CLIENT, "b.ts": CLIENT, "e.js": CLEAN });
    const cacheLocation = path.join(tempDir(), "cache.json");
    expect((await check(dir, cacheLocation)).findings["a.ts"]).toEqual(["ticket-update-assignment"]);
    expect((await check(dir, cacheLocation)).stats.parsed).toBe(0);

    // b.ts no longer builds an Intercom client: a.ts's call is not an Intercom request any more.
    writeFileSync(path.join(dir, "b.ts"), NOT_INTERCOM);
    const afterChange = await check(dir, cacheLocation);
    expect(afterChange.findings["a.ts"]).toEqual([]);
    expect(afterChange.stats.cached).toBe(1); // e.js only
    // And back.
    writeFileSync(path.join(dir, "b.ts"), CLIENT);
    expect((await check(dir, cacheLocation)).findings["a.ts"]).toEqual(["ticket-update-assignment"]);
  });

  it("a change of configuration does not serve stale results", async () => {
    const dir = project({ "c.js": LEGACY });
    const cacheLocation = path.join(tempDir(), "cache.json");
    expect((await check(dir, cacheLocation)).findings["c.js"]).toEqual(["intercom-version-header", "ticket-update-assignment"]);
    writeFileSync(path.join(dir, "intercom-migrate.config.json"), JSON.stringify({ rules: { "intercom-version-header": "off" } }));
    const result = await check(dir, cacheLocation);
    expect(result.findings["c.js"]).toEqual(["ticket-update-assignment"]);
    expect(result.stats.cached).toBe(0);
  });

  it("a different --max-file-size does not serve a cached skip", async () => {
    const dir = project({ "c.js": LEGACY });
    const cacheLocation = path.join(tempDir(), "cache.json");
    const small = await run({ paths: ["."], cwd: dir, mode: "check", cacheLocation, maxFileBytes: 10 });
    expect(small.reports[0].notice).toBeDefined();
    const normal = await check(dir, cacheLocation);
    expect(normal.findings["c.js"]).toEqual(["intercom-version-header", "ticket-update-assignment"]);
  });

  it("through the CLI: --cache --cache-location writes the cache and gives the same output warm", () => {
    const dir = project({ "a.ts": USES_CLIENT, "b.ts": CLIENT, "c.js": LEGACY });
    const cold = runCli(["check", "--format", "sarif", "--cache", "--cache-location", "ci-cache/results.json"], dir);
    // The cache file needs its folder: the run must not fail on it.
    expect(cold.stderr).toBe("");
    expect(readdirSync(path.join(dir, "ci-cache"))).toEqual(["results.json"]);
    const warm = runCli(["check", "--format", "sarif", "--cache", "--cache-location", "ci-cache/results.json"], dir);
    expect(warm).toEqual(cold);
    expect(cold.code).toBe(1);
  });
});

// --format sarif: a SARIF 2.1.0 log for GitHub code scanning, with every rule's help and fixes as SARIF `fixes`.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type * as Sarif from "sarif";
import type { FileReport } from "../run/process-file.js";
import { computeLineStarts, positionIn } from "../core/source.js";
import { UNUSED_SUPPRESSION } from "../core/suppressions.js";
import type { Rule } from "../core/types.js";
import { fileProblems } from "./file-problems.js";

export interface SarifContext {
  cwd: string;
  /** Problems of the run itself (a cache discarded, …): notifications without a location. */
  warnings?: readonly string[];
  rules: readonly Rule[];
  version: string;
  /** Where rule docs live (rules/<id>.md), and the web address they are published under. */
  packageRoot: string;
  docsBaseUrl: string;
}

const level = (severity: string): Sarif.ReportingConfiguration.level => (severity === "error" ? "error" : "warning");

/** A rule doc as plain text for viewers that show no Markdown: fences, heading marks, emphasis and code marks out. */
function plainText(markdown: string): string {
  return markdown
    .replace(/^```.*\n/gm, "")
    .replace(/^#+[ \t]*/gm, "")
    .replace(/[`*]/g, "")
    .trim();
}

function ruleDescriptor(rule: Rule, context: SarifContext): Sarif.ReportingDescriptor {
  const docPath = path.join(context.packageRoot, "rules", `${rule.meta.id}.md`);
  const markdown = existsSync(docPath) ? readFileSync(docPath, "utf8") : rule.meta.description;
  return {
    id: rule.meta.id,
    name: rule.meta.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.meta.description },
    fullDescription: { text: rule.meta.description + (rule.meta.fixable ? " `intercom-migrate fix` rewrites the safe cases." : "") },
    help: { text: plainText(markdown), markdown },
    helpUri: `${context.docsBaseUrl}/rules/${rule.meta.id}.md`,
    defaultConfiguration: { level: level(rule.meta.severity) },
    properties: { tags: ["intercom", "api-migration", rule.meta.fixable ? "fixable" : "review"] },
  };
}

const SUPPRESSION_RULE: Sarif.ReportingDescriptor = {
  id: UNUSED_SUPPRESSION,
  shortDescription: { text: "An intercom-migrate-disable directive that suppresses nothing." },
  fullDescription: { text: "An intercom-migrate-disable directive that suppresses nothing; remove it." },
  help: { text: "Remove the directive: no finding of the rules it names is on the line it covers." },
  defaultConfiguration: { level: "warning" },
};

/** Notification descriptors: a file that could not be checked, a rule (or the core) that failed, a file skipped. */
const NOTIFICATIONS: Sarif.ReportingDescriptor[] = [
  { id: "file-not-checked", shortDescription: { text: "A file could not be checked (unreadable, not UTF-8, unparsable, or not written)." } },
  { id: "internal-error", shortDescription: { text: "A rule or the core failed on a file: the file was left untouched and the run exits 2." } },
  { id: "file-skipped", shortDescription: { text: "A file was not analysed (too large, minified, binary, a link, ignored, not a regular file)." } },
  { id: "run-warning", shortDescription: { text: "A problem of the run itself that did not stop it." } },
];
const NOTIFICATION_INDEX: Record<string, number> = { fatal: 0, "internal-error": 1, skipped: 2 };

export function formatSarif(reports: readonly FileReport[], context: SarifContext): string {
  const descriptors = [...context.rules.map((rule) => ruleDescriptor(rule, context)), SUPPRESSION_RULE];
  const index = new Map(descriptors.map((d, i) => [d.id, i]));
  const results: Sarif.Result[] = [];
  const notifications: Sarif.Notification[] = [];
  for (const report of reports) {
    // Each segment percent-encoded: `#`, `?`, `%` and a `:` in the first segment would change what the URI names.
    const uri = path.relative(context.cwd, report.filePath).split(path.sep).map(encodeURIComponent).join("/");
    const artifactLocation = { uri, uriBaseId: "%SRCROOT%" };
    for (const problem of fileProblems(report)) {
      const descriptor = NOTIFICATIONS[NOTIFICATION_INDEX[problem.kind]];
      notifications.push({
        level: problem.level,
        message: { text: problem.message },
        descriptor: { id: descriptor.id, index: NOTIFICATION_INDEX[problem.kind] },
        ...(problem.ruleId ? { associatedRule: { id: problem.ruleId, ...(index.has(problem.ruleId) ? { index: index.get(problem.ruleId) } : {}) } } : {}),
        ...(problem.kind === "skipped" && report.skipped ? { properties: { reason: report.skipped.reason } } : {}),
        locations: [{ physicalLocation: { artifactLocation, region: { startLine: problem.line, startColumn: problem.column } } }],
      });
    }
    const lineStarts = report.text === undefined ? undefined : computeLineStarts(report.text);
    for (const finding of report.findings) {
      const result: Sarif.Result = {
        ruleId: finding.ruleId,
        ruleIndex: index.get(finding.ruleId),
        level: level(finding.severity),
        message: { text: finding.action ? `${finding.message} ${finding.action}` : finding.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation,
              region: {
                startLine: finding.loc.start.line,
                startColumn: finding.loc.start.column,
                endLine: finding.loc.end.line,
                endColumn: finding.loc.end.column,
              },
            },
          },
        ],
      };
      if (finding.edits && report.text !== undefined && lineStarts) {
        const text = report.text;
        result.fixes = [
          {
            description: { text: finding.fixTitle ?? `intercom-migrate fix: ${finding.ruleId}` },
            artifactChanges: [
              {
                artifactLocation,
                replacements: finding.edits.map((edit) => {
                  const start = positionIn(text, edit.start, lineStarts);
                  const end = positionIn(text, edit.end, lineStarts);
                  return {
                    deletedRegion: { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column },
                    insertedContent: { text: edit.text },
                  };
                }),
              },
            ],
          },
        ];
      }
      results.push(result);
    }
  }
  for (const warning of context.warnings ?? [])
    notifications.push({ level: "warning", message: { text: warning }, descriptor: { id: "run-warning", index: 3 } });
  // A rule or the core failing means the tool did not do all it was asked: the invocation did not succeed.
  const executionSuccessful = !reports.some((report) => (report.internalErrors?.length ?? 0) > 0);
  const log: Sarif.Log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "intercom-migrate",
            version: context.version,
            semanticVersion: context.version,
            informationUri: context.docsBaseUrl,
            rules: descriptors,
            notifications: NOTIFICATIONS,
          },
        },
        originalUriBaseIds: { "%SRCROOT%": { uri: pathToFileURL(context.cwd).href.replace(/\/?$/, "/") } },
        columnKind: "utf16CodeUnits",
        invocations: [{ executionSuccessful, toolExecutionNotifications: notifications }],
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

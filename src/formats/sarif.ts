// --format sarif: a SARIF 2.1.0 log for GitHub code scanning, with every rule's help and fixes as SARIF `fixes`.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type * as Sarif from "sarif";
import type { FileReport } from "../run/process-file.js";
import { computeLineStarts, positionIn } from "../core/source.js";
import { UNUSED_SUPPRESSION } from "../core/suppressions.js";
import type { Rule } from "../core/types.js";

export interface SarifContext {
  cwd: string;
  rules: readonly Rule[];
  version: string;
  /** Where rule docs live (rules/<id>.md), and the web address they are published under. */
  packageRoot: string;
  docsBaseUrl: string;
}

const level = (severity: string): Sarif.ReportingConfiguration.level => (severity === "error" ? "error" : "warning");

function ruleDescriptor(rule: Rule, context: SarifContext): Sarif.ReportingDescriptor {
  const docPath = path.join(context.packageRoot, "rules", `${rule.meta.id}.md`);
  const markdown = existsSync(docPath) ? readFileSync(docPath, "utf8") : rule.meta.description;
  return {
    id: rule.meta.id,
    name: rule.meta.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.meta.description },
    fullDescription: { text: rule.meta.description + (rule.meta.fixable ? " `intercom-migrate fix` rewrites the safe cases." : "") },
    help: { text: markdown.replace(/```[a-z]*\n/g, "").replace(/[`*#]/g, ""), markdown },
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

export function formatSarif(reports: readonly FileReport[], context: SarifContext): string {
  const descriptors = [...context.rules.map((rule) => ruleDescriptor(rule, context)), SUPPRESSION_RULE];
  const index = new Map(descriptors.map((d, i) => [d.id, i]));
  const results: Sarif.Result[] = [];
  const notifications: Sarif.Notification[] = [];
  for (const report of reports) {
    // Each segment percent-encoded: `#`, `?`, `%` and a `:` in the first segment would change what the URI names.
    const uri = path.relative(context.cwd, report.filePath).split(path.sep).map(encodeURIComponent).join("/");
    const artifactLocation = { uri, uriBaseId: "%SRCROOT%" };
    if (report.fatal) {
      notifications.push({
        level: "error",
        message: { text: report.fatal.message },
        locations: [{ physicalLocation: { artifactLocation, region: { startLine: report.fatal.line, startColumn: report.fatal.column } } }],
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
              region: { startLine: finding.loc.start.line, startColumn: finding.loc.start.column, endLine: finding.loc.end.line, endColumn: finding.loc.end.column },
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
          },
        },
        originalUriBaseIds: { "%SRCROOT%": { uri: pathToFileURL(context.cwd).href.replace(/\/?$/, "/") } },
        columnKind: "utf16CodeUnits",
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

// --report <file.md>: a migration report for a pull request — whether it can deploy, per rule, per file what was done and what is left.
import path from "node:path";
import { renderMessage } from "../core/messages.js";
import { computeLineStarts, positionIn } from "../core/source.js";
import type { Finding, Rule } from "../core/types.js";
import type { FileReport } from "../run/process-file.js";
import { changedFiles, deployWarning } from "./fix-summary.js";
import { fileProblems } from "./file-problems.js";
import { oneLine } from "./one-line.js";
import { plural } from "./plural.js";

const cell = (text: string) => oneLine(text).replaceAll("|", "\\|");
const posix = (file: string) => file.split(path.sep).join("/");

export interface MarkdownReportOptions {
  /** Where the report is written (relative to cwd or absolute): links to the files are made relative to its folder. */
  reportFile?: string;
}

/** What a fix did, in the past tense (the rule's `fixesDone`); a dry run: what it would do (its title). */
function whatWasDone(finding: Finding, rules: readonly Rule[], dryRun: boolean): string {
  if (dryRun && finding.fixTitle) return `${finding.fixTitle}.`;
  const meta = rules.find((rule) => rule.meta.id === finding.ruleId)?.meta;
  const done = finding.messageId === undefined ? undefined : meta?.fixesDone?.[finding.messageId];
  if (done) return renderMessage(done, finding.data);
  return finding.fixTitle ? `${finding.fixTitle}.` : finding.message;
}

/**
 * Every line number is in the file as it is now: after the fix (a dry run: as it is on disk, since nothing was
 * written), for what was changed and what is left alike, each a link to that line.
 */
export function formatMarkdownReport(
  reports: readonly FileReport[],
  rules: readonly Rule[],
  cwd: string,
  dryRun: boolean,
  options: MarkdownReportOptions = {},
): string {
  const fixed = new Map<string, number>();
  const left = new Map<string, number>();
  for (const report of reports) {
    for (const finding of report.applied) fixed.set(finding.ruleId, (fixed.get(finding.ruleId) ?? 0) + 1);
    for (const finding of report.findings) left.set(finding.ruleId, (left.get(finding.ruleId) ?? 0) + 1);
  }
  const total = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);
  const changed = changedFiles(reports, dryRun);
  const comments = changed.reduce((sum, report) => sum + (report.annotations ?? 0), 0);
  const ids = [...new Set([...rules.map((r) => r.meta.id), ...fixed.keys(), ...left.keys()])];
  const linkBase = path.dirname(path.resolve(cwd, options.reportFile ?? "."));
  const warning = deployWarning(reports, dryRun);
  const did = [plural(total(fixed), "fix", "fixes"), ...(comments > 0 ? [plural(comments, "review comment")] : [])].join(", ");
  const lines = [
    "# Intercom API 2.13 → 2.14 migration",
    "",
    ...(warning ? [`> ⚠️ **Not ready to deploy against API 2.14.** ${warning}`, ""] : []),
    dryRun
      ? `_Dry run of \`intercom-migrate fix\`: nothing was written. It would change ${plural(changed.length, "file")} (${did}); ${plural(total(left), "finding")} would be left for review. Line numbers are in the files as they are now._`
      : `_Made by \`intercom-migrate fix\`: ${plural(changed.length, "file")} changed (${did}); ${plural(total(left), "finding")} left for review. Line numbers are in the files as fixed._`,
    "",
    "| rule | fixed | left for review |",
    "|---|---:|---:|",
    ...ids.map((id) => `| \`${id}\` | ${fixed.get(id) ?? 0} | ${left.get(id) ?? 0} |`),
    `| **total** | **${total(fixed)}** | **${total(left)}** |`,
    "",
  ];
  const touched = reports.filter((r) => r.applied.length > 0 || r.findings.length > 0 || fileProblems(r).length > 0);
  if (touched.length === 0) lines.push("No Intercom API 2.13 shapes were found.", "");
  for (const report of touched) {
    const file = posix(path.relative(cwd, report.filePath));
    const target = posix(path.relative(linkBase, report.filePath));
    const link = (line: number) => `[${file}:${line}](${target}#L${line})`;
    lines.push(`## \`${file}\``, "");
    for (const problem of fileProblems(report)) {
      const what = problem.kind === "skipped" ? "Not analysed" : "Not checked";
      lines.push(`- ⚠️ ${what}: ${cell(problem.message)} (${link(problem.line)})`);
    }
    if (report.applied.length > 0) {
      // After a real fix, each fix is cited where its code is in the fixed file; a dry run cites the file on disk.
      const fixedText = dryRun ? undefined : report.output;
      const starts = fixedText === undefined ? [] : computeLineStarts(fixedText);
      const lineOf = (finding: Finding) =>
        fixedText !== undefined && finding.fixedStart !== undefined ? positionIn(fixedText, finding.fixedStart, starts).line : finding.loc.start.line;
      const applied = report.applied.map((finding) => ({ finding, line: lineOf(finding) })).sort((a, b) => a.line - b.line);
      lines.push(dryRun ? "**Would change**" : "**Changed**", "");
      for (const { finding, line } of applied) lines.push(`- ${link(line)} \`${finding.ruleId}\`: ${cell(whatWasDone(finding, rules, dryRun))}`);
      lines.push("");
    }
    if (report.findings.length > 0) {
      lines.push("**Left for review**", "");
      if ((report.annotations ?? 0) > 0) lines.push("_Each is marked in the code by a `// intercom-migrate:` comment above it._", "");
      for (const finding of report.findings) {
        lines.push(
          `- [ ] ${link(finding.loc.start.line)} \`${finding.ruleId}\` (${finding.severity}): ${cell(finding.message)}${finding.action ? ` **To do:** ${cell(finding.action)}` : ""}`,
        );
      }
      lines.push("");
    }
  }
  return lines.join("\n");
}

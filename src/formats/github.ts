// --format github: workflow-command annotations, and a Markdown summary for $GITHUB_STEP_SUMMARY.
import path from "node:path";
import type { FileReport } from "../run/process-file.js";
import { fileProblems } from "./file-problems.js";

/** Message data: %, CR and LF are escaped (GitHub's workflow-command rules). */
export function escapeData(text: string): string {
  return text.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}

/** Property values additionally escape `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
}

export function formatGithub(reports: readonly FileReport[], cwd: string): string {
  const lines: string[] = [];
  for (const report of reports) {
    const file = path.relative(cwd, report.filePath).split(path.sep).join("/");
    // Every file not fully analysed gets an annotation: an error when it failed, a warning when it was skipped.
    for (const problem of fileProblems(report)) {
      const level = problem.level === "error" ? "error" : "warning";
      const title =
        problem.kind === "internal-error"
          ? `intercom-migrate: internal error${problem.ruleId ? ` in ${problem.ruleId}` : ""}`
          : problem.kind === "fatal"
            ? "intercom-migrate: file not checked"
            : "intercom-migrate: file not analysed";
      lines.push(
        `::${level} file=${escapeProperty(file)},line=${problem.line},col=${problem.column},title=${escapeProperty(title)}::${escapeData(problem.message)}`,
      );
    }
    for (const finding of report.findings) {
      const level = finding.severity === "error" ? "error" : "warning";
      const { start, end } = finding.loc;
      const properties = [
        `file=${escapeProperty(file)}`,
        `line=${start.line}`,
        `endLine=${end.line}`,
        `col=${start.column}`,
        `endColumn=${end.column}`,
        `title=${escapeProperty(`intercom-migrate ${finding.ruleId}`)}`,
      ].join(",");
      const message = finding.edits
        ? `${finding.message} (fixable: run intercom-migrate fix)`
        : finding.action
          ? `${finding.message}\n${finding.action}`
          : finding.message;
      lines.push(`::${level} ${properties}::${escapeData(message)}`);
    }
  }
  return lines.length > 0 ? lines.join("\n") + "\n" : "";
}

/** Text for one Markdown table cell: a `|` or a line break (file names may hold them) would break the table. */
const cell = (text: string): string => text.replaceAll("|", "\\|").replace(/\r\n|\r|\n/g, " ");

/** A Markdown table of every finding: GitHub shows only a few annotations per step. */
export function githubStepSummary(reports: readonly FileReport[], cwd: string): string {
  const rows: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const report of reports) {
    const file = path.relative(cwd, report.filePath).split(path.sep).join("/");
    for (const problem of fileProblems(report)) {
      if (problem.level === "error") errors++;
      else if (problem.level === "warning") warnings++;
      rows.push(`| ${problem.level} | \`${cell(file)}:${problem.line}\` | ${problem.ruleId ? `\`${problem.ruleId}\`` : "—"} | ${cell(problem.message)} |`);
    }
    for (const finding of report.findings) {
      if (finding.severity === "error") errors++;
      else warnings++;
      const text = cell(finding.message + (finding.edits ? " _(fixable)_" : ""));
      rows.push(`| ${finding.severity} | \`${cell(file)}:${finding.loc.start.line}:${finding.loc.start.column}\` | \`${finding.ruleId}\` | ${text} |`);
    }
  }
  const head = `## intercom-migrate: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}\n\n`;
  if (rows.length === 0) return head + "No Intercom API 2.13 shapes found.\n";
  return head + "| level | where | rule | message |\n|---|---|---|---|\n" + rows.join("\n") + "\n\nRun `npx intercom-migrate fix` to apply the fixable ones.\n";
}

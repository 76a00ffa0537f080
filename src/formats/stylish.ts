// --format stylish: findings grouped by file, as ESLint prints them; files not (fully) analysed say why.
import path from "node:path";
import { picocolors } from "../core/lazy.js";
import { errorCount, warningCount, type FileReport } from "../run/process-file.js";
import { fileProblems } from "./file-problems.js";

export function formatStylish(reports: readonly FileReport[], cwd: string): string {
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let fixable = 0;
  for (const report of reports) {
    const problems = fileProblems(report);
    if (report.findings.length === 0 && problems.length === 0 && !report.notice) continue;
    lines.push(picocolors().underline(path.relative(cwd, report.filePath) || report.filePath));
    for (const problem of problems) {
      const where = `${problem.line}:${problem.column}`;
      if (problem.level === "note") lines.push(`  ${picocolors().dim("note")}  ${problem.message}`);
      else {
        const level = problem.level === "error" ? picocolors().red("error") : picocolors().yellow("warning");
        lines.push(`  ${where.padEnd(7)} ${level}  ${problem.message}${problem.ruleId ? `  ${picocolors().dim(problem.ruleId)}` : ""}`);
      }
    }
    if (report.notice && !report.skipped) lines.push(`  ${picocolors().dim("note")}  ${report.notice}`);
    for (const finding of report.findings) {
      const where = `${finding.loc.start.line}:${finding.loc.start.column}`;
      const level = finding.severity === "error" ? picocolors().red("error") : picocolors().yellow("warning");
      const fix = finding.edits ? "" : picocolors().dim(" (review)");
      lines.push(`  ${where.padEnd(7)} ${level}  ${finding.message}${fix}  ${picocolors().dim(finding.ruleId)}`);
    }
    lines.push("");
    errors += errorCount(report);
    warnings += warningCount(report);
    fixable += report.findings.filter((f) => f.edits).length;
  }
  const total = errors + warnings;
  if (total === 0) return lines.join("\n");
  const summary = `✖ ${total} problem${total === 1 ? "" : "s"} (${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"})`;
  lines.push((errors > 0 ? picocolors().red : picocolors().yellow)(picocolors().bold(summary)));
  const which = total === 1 ? "It" : fixable === total ? "All of them" : `${fixable} of them`;
  if (fixable > 0) lines.push(`  ${which} can be fixed automatically: run \`intercom-migrate fix\`.`);
  return lines.join("\n") + "\n";
}

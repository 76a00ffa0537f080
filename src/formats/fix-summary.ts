// What `fix` tells a person at the end: what changed, per rule, and what is left for them to decide.
import path from "node:path";
import { picocolors } from "../core/lazy.js";
import type { FileReport } from "../run/process-file.js";
import { fileProblems } from "./file-problems.js";
import { plural } from "./plural.js";

export function formatFixSummary(reports: readonly FileReport[], cwd: string, dryRun: boolean): string {
  const lines: string[] = [];
  // Changed means written (a dry run: would be written); a file left alone or not reached is not counted.
  // Review comments (--annotate) are changes too: a file that only got comments was written all the same.
  const changed = changedFiles(reports, dryRun);
  const annotations = changed.reduce((sum, r) => sum + (r.annotations ?? 0), 0);
  const perRule = new Map<string, number>();
  // What the fixes of each rule did, in their titles' words, and how often.
  const titles = new Map<string, Map<string, number>>();
  for (const report of changed) {
    for (const finding of report.applied) {
      perRule.set(finding.ruleId, (perRule.get(finding.ruleId) ?? 0) + 1);
      if (!finding.fixTitle) continue;
      const counts = titles.get(finding.ruleId) ?? new Map<string, number>();
      titles.set(finding.ruleId, counts.set(finding.fixTitle, (counts.get(finding.fixTitle) ?? 0) + 1));
    }
  }
  const fixes = [...perRule.values()].reduce((a, b) => a + b, 0);
  const verb = dryRun ? "Would change" : "Changed";
  const comments = annotations > 0 ? ` and ${plural(annotations, "review comment")}` : "";
  lines.push(picocolors().bold(`${verb} ${plural(changed.length, "file")} with ${plural(fixes, "fix", "fixes")}${comments}.`));
  for (const [rule, count] of [...perRule].sort()) {
    const counts = titles.get(rule) ?? new Map<string, number>();
    const done = [...counts].map(([title, times]) => (counts.size > 1 && times > 1 ? `${title} (${times})` : title));
    lines.push(`  ${rule.padEnd(32)} ${count}${done.length > 0 ? `  ${picocolors().dim(done.join("; "))}` : ""}`);
  }
  // When some files could not be written, which ones were is no longer obvious: name them.
  if (!dryRun && changed.length > 0 && reports.some((r) => r.notWritten)) {
    lines.push("", picocolors().bold(`Written (${changed.length}):`));
    for (const report of changed.slice(0, 50)) lines.push(`  ${path.relative(cwd, report.filePath)}`);
    if (changed.length > 50) lines.push(`  … and ${changed.length - 50} more`);
  }

  const leftovers = reports.flatMap((report) => report.findings.map((finding) => ({ report, finding })));
  const notChecked = reports.flatMap((report) =>
    fileProblems(report)
      .filter((p) => p.level === "error")
      .map((problem) => ({ report, problem })),
  );
  if (leftovers.length > 0) {
    lines.push("", picocolors().bold(`Left for review (${leftovers.length}):`));
    for (const { report, finding } of leftovers) {
      const where = `${path.relative(cwd, report.filePath)}:${finding.loc.start.line}:${finding.loc.start.column}`;
      const level = finding.severity === "error" ? picocolors().red("error") : picocolors().yellow("warning");
      lines.push(`  ${where}  ${level}  ${picocolors().dim(finding.ruleId)}`, `    ${finding.message}`);
      if (finding.action) lines.push(`    → ${finding.action}`);
    }
  }
  if (notChecked.length > 0) {
    lines.push("", picocolors().bold(`Not checked (${notChecked.length}):`));
    for (const { report, problem } of notChecked) lines.push(`  ${path.relative(cwd, report.filePath)}:${problem.line}:${problem.column}  ${problem.message}`);
  }
  const notices = reports.filter((r) => r.notice);
  for (const report of notices) {
    const level = report.skipped?.level === "warning" ? picocolors().yellow("warning") : picocolors().dim("note");
    lines.push(`  ${level} ${path.relative(cwd, report.filePath)}: ${report.notice ?? ""}`);
  }

  const warning = deployWarning(reports, dryRun);
  if (warning) lines.push("", picocolors().red(picocolors().bold(warning)));
  return lines.join("\n") + "\n";
}

/** The files `fix` changed (with --dry-run: would change): fixes applied or review comments added, and written. */
export function changedFiles(reports: readonly FileReport[], dryRun: boolean): FileReport[] {
  return reports.filter((r) => (dryRun ? r.output !== undefined : r.written) && (r.applied.length > 0 || (r.annotations ?? 0) > 0));
}

/**
 * The warning that the pin moved ahead of the code: the version header now says 2.14 while error-level findings
 * (or files that could not be checked) remain. Undefined when the pin did not move or nothing blocks the deploy.
 */
export function deployWarning(reports: readonly FileReport[], dryRun: boolean): string | undefined {
  const pinned = changedFiles(reports, dryRun).some((r) => r.applied.some((finding) => finding.ruleId === "intercom-version-header"));
  const errorsLeft = reports.reduce(
    (sum, r) => sum + r.findings.filter((finding) => finding.severity === "error").length + fileProblems(r).filter((p) => p.level === "error").length,
    0,
  );
  if (!pinned || errorsLeft === 0) return undefined;
  return (
    `The Intercom API version ${dryRun ? "would now be" : "is now"} pinned to 2.14, but ${plural(errorsLeft, "error-level finding")} ${errorsLeft === 1 ? "remains" : "remain"}: ` +
    `the code is not ready to deploy against API 2.14 until ${errorsLeft === 1 ? "it is" : "they are"} resolved.`
  );
}

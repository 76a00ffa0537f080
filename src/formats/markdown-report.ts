// --report <file.md>: a migration report for a pull request — per rule, per file, what changed and what is left.
import path from "node:path";
import type { FileReport } from "../run/process-file.js";
import { fileProblems } from "./file-problems.js";
import { oneLine } from "./one-line.js";
import type { Rule } from "../core/types.js";

const cell = (text: string) => oneLine(text).replaceAll("|", "\\|");

export function formatMarkdownReport(reports: readonly FileReport[], rules: readonly Rule[], cwd: string, dryRun: boolean): string {
  const fixed = new Map<string, number>();
  const left = new Map<string, number>();
  for (const report of reports) {
    for (const finding of report.applied) fixed.set(finding.ruleId, (fixed.get(finding.ruleId) ?? 0) + 1);
    for (const finding of report.findings) left.set(finding.ruleId, (left.get(finding.ruleId) ?? 0) + 1);
  }
  const ids = [...new Set([...rules.map((r) => r.meta.id), ...fixed.keys(), ...left.keys()])];
  const lines = [
    "# Intercom API 2.13 → 2.14 migration",
    "",
    dryRun ? "_Dry run: nothing was written; these are the changes `intercom-migrate fix` would make._" : "_Made by `intercom-migrate fix`._",
    "",
    "| rule | fixed | left for review |",
    "|---|---:|---:|",
    ...ids.map((id) => `| \`${id}\` | ${fixed.get(id) ?? 0} | ${left.get(id) ?? 0} |`),
    `| **total** | **${[...fixed.values()].reduce((a, b) => a + b, 0)}** | **${[...left.values()].reduce((a, b) => a + b, 0)}** |`,
    "",
  ];
  const touched = reports.filter((r) => r.applied.length > 0 || r.findings.length > 0 || fileProblems(r).length > 0);
  if (touched.length === 0) lines.push("No Intercom API 2.13 shapes were found.", "");
  for (const report of touched) {
    const file = path.relative(cwd, report.filePath).split(path.sep).join("/");
    lines.push(`## \`${file}\``, "");
    for (const problem of fileProblems(report)) {
      const what = problem.kind === "skipped" ? "Not analysed" : "Not checked";
      lines.push(`- ⚠️ ${what}: ${cell(problem.message)} ([${file}:${problem.line}](${file}#L${problem.line}))`);
    }
    if (report.applied.length > 0) {
      lines.push("**Changed**", "");
      for (const finding of report.applied) lines.push(`- \`${finding.ruleId}\` at line ${finding.loc.start.line}: ${cell(finding.message)}`);
      lines.push("");
    }
    if (report.findings.length > 0) {
      lines.push("**Left for review**", "");
      for (const finding of report.findings) {
        const where = `${file}:${finding.loc.start.line}`;
        lines.push(
          `- [ ] [${where}](${file}#L${finding.loc.start.line}) \`${finding.ruleId}\` (${finding.severity}): ${cell(finding.message)}${finding.action ? ` **To do:** ${cell(finding.action)}` : ""}`,
        );
      }
      lines.push("");
    }
  }
  return lines.join("\n");
}

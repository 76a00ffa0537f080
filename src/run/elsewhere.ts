// Findings one file's analysis locates in another project file (a version constant a config module exports, a
// payload built in another module) are merged into that file's report: `check` lists them there, `fix` applies
// their edits when it fixes that file.
import { readFileSync } from "node:fs";
import type { Engine } from "../core/engine.js";
import type { Finding } from "../core/types.js";
import { processFile, type FileReport, type RunOptions } from "./process-file.js";

const keyOf = (finding: Finding) => `${finding.ruleId}:${finding.start}:${finding.end}`;

/** The findings reported elsewhere, by the file they are in (only files of this run), without duplicates. */
function byTarget(reports: readonly FileReport[]): Map<string, Finding[]> {
  const inRun = new Set(reports.map((report) => report.filePath));
  const found = new Map<string, Finding[]>();
  for (const report of reports) {
    for (const { filePath, finding } of report.elsewhere ?? []) {
      if (!inRun.has(filePath)) continue;
      const list = found.get(filePath) ?? [];
      if (!list.some((other) => keyOf(other) === keyOf(finding))) list.push({ ...finding, reachedFrom: report.filePath });
      found.set(filePath, list);
    }
  }
  return found;
}

function merge(report: FileReport, findings: readonly Finding[]): void {
  const known = new Set(report.findings.map(keyOf));
  const added = findings.filter((finding) => !known.has(keyOf(finding)));
  if (added.length === 0) return;
  report.findings = [...report.findings, ...added].sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
  report.text ??= readFileSync(report.filePath, "utf8");
}

/**
 * `check`: the findings join their files' reports. `fix`: a file with fixable findings from elsewhere is fixed again
 * from its text on disk with them; findings left for review join its report when the file is otherwise unchanged
 * (when it changed, their places moved: the next `check` lists them).
 */
export async function settleElsewhere(reports: FileReport[], engine: Engine, options: RunOptions): Promise<void> {
  const targets = byTarget(reports);
  for (const [index, report] of reports.entries()) {
    const findings = targets.get(report.filePath);
    if (!findings || report.fatal) continue;
    if (options.mode === "check") {
      merge(report, findings);
      continue;
    }
    const fixable = findings.filter((finding) => finding.edits);
    if (fixable.length > 0 && !options.choose) {
      const again = await processFile(engine, report.filePath, { ...options, extraFixes: fixable });
      reports[index] = { ...again, elsewhere: report.elsewhere };
    }
    if (reports[index].output === undefined)
      merge(
        reports[index],
        findings.filter((finding) => !finding.edits || options.choose),
      );
  }
}

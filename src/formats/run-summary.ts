// The line a human-format run ends with on stderr: files checked, skipped and failed, time; and which were not analysed.
import path from "node:path";
import { analysisOutcome, type FileReport } from "../run/process-file.js";
import { fileProblems } from "./file-problems.js";

const NAMED_AT_MOST = 50;

export interface RunSummaryInput {
  /** Every file the run met, the walk's skips included. */
  reports: readonly FileReport[];
  elapsedMs: number;
  /** For fix (not --dry-run): how many files were written. */
  written?: number;
}

/** One summary line, then one line per file that was skipped or failed (so a skip is never silent). */
export function formatRunSummary(input: RunSummaryInput, cwd: string): string {
  const skipped = input.reports.filter((report) => analysisOutcome(report) === "skipped");
  const failed = input.reports.filter((report) => analysisOutcome(report) === "failed");
  const checked = input.reports.length - skipped.length - failed.length;
  const parts = [`${checked} file${checked === 1 ? "" : "s"} checked`];
  if (skipped.length > 0) parts.push(`${skipped.length} skipped`);
  if (failed.length > 0) parts.push(`${failed.length} failed`);
  if (input.written !== undefined) parts.push(`${input.written} written`);
  const lines = [`intercom-migrate: ${parts.join(", ")} (${(input.elapsedMs / 1000).toFixed(2)} s)`];
  const named = [...failed.map((report) => ["failed", report] as const), ...skipped.map((report) => ["skipped", report] as const)];
  for (const [outcome, report] of named.slice(0, NAMED_AT_MOST)) {
    const reason = fileProblems(report)[0]?.message ?? report.notice ?? "";
    lines.push(`  ${outcome.padEnd(7)} ${path.relative(cwd, report.filePath) || report.filePath}: ${reason}`);
  }
  if (named.length > NAMED_AT_MOST) lines.push(`  … and ${named.length - NAMED_AT_MOST} more (see the output above)`);
  return lines.join("\n") + "\n";
}

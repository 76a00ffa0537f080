// What kept a file from being fully analysed, as one list every format prints: failures, errors and skips.
import type { FileReport } from "../run/process-file.js";

export interface FileLevelProblem {
  kind: "fatal" | "internal-error" | "skipped";
  level: "error" | "warning" | "note";
  /** The rule that failed (internal errors), else null. */
  ruleId: string | null;
  message: string;
  line: number;
  column: number;
}

/** The report's file-level problems, most serious first: the file could not be checked, a rule failed, it was skipped. */
export function fileProblems(report: FileReport): FileLevelProblem[] {
  const problems: FileLevelProblem[] = [];
  if (report.fatal) problems.push({ kind: "fatal", level: "error", ruleId: null, ...report.fatal });
  for (const failure of report.internalErrors ?? [])
    problems.push({ kind: "internal-error", level: "error", ruleId: failure.ruleId, message: failure.message, line: 1, column: 1 });
  if (report.skipped && report.notice)
    problems.push({ kind: "skipped", level: report.skipped.level, ruleId: null, message: report.notice, line: 1, column: 1 });
  return problems;
}

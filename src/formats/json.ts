// --format json: ESLint's JSON formatter shape, plus `notAnalysed` on a file that was skipped (a field ESLint does not use).
import { applyEdits } from "../core/edits.js";
import type { FileReport } from "../run/process-file.js";
import type { Finding } from "../core/types.js";
import { fileProblems } from "./file-problems.js";
import { dryRunPatch } from "./patch.js";

export interface JsonMessage {
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fatal?: true;
  fix?: { range: [number, number]; text: string };
  suggestions?: Array<{ desc: string; fix: { range: [number, number]; text: string } }>;
}

export interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  /** Only on a file that was not analysed (skipped on purpose): why, as a word and in words. */
  notAnalysed?: { reason: string; message: string };
  /** `fix --dry-run` only, on a file it would rewrite: the unified diff of the fixes (stdout holds only the JSON). */
  diff?: string;
}

/** ESLint's `fix` is one range: the smallest span covering all of a finding's edits. */
export function singleRangeFix(finding: Pick<Finding, "edits">, text: string): { range: [number, number]; text: string } | undefined {
  const edits = finding.edits;
  if (!edits || edits.length === 0) return undefined;
  const start = edits.reduce((min, e) => Math.min(min, e.start), Infinity);
  const end = edits.reduce((max, e) => Math.max(max, e.end), -Infinity);
  const shifted = edits.map((e) => ({ ...e, start: e.start - start, end: e.end - start }));
  return { range: [start, end], text: applyEdits(text.slice(start, end), shifted) };
}

/** `cwd` names the files in a dry run's `diff` (relative, as a/… b/…). */
export function toJsonResult(report: FileReport, cwd = process.cwd()): JsonResult {
  const text = report.text;
  const messages: JsonMessage[] = [];
  // A file that could not be checked, a rule that failed (with its id), a skip that may hide findings (a warning,
  // like ESLint's "File ignored" message); a skip that is only a note shows in `notAnalysed` alone.
  for (const problem of fileProblems(report)) {
    if (problem.level === "note") continue;
    messages.push({
      ruleId: problem.ruleId,
      ...(problem.level === "error" ? { fatal: true as const } : {}),
      severity: problem.level === "error" ? 2 : 1,
      message: problem.message,
      line: problem.line,
      column: problem.column,
    });
  }
  for (const finding of report.findings) {
    const fix = text === undefined ? undefined : singleRangeFix(finding, text);
    messages.push({
      ruleId: finding.ruleId,
      severity: finding.severity === "error" ? 2 : 1,
      message: finding.message,
      line: finding.loc.start.line,
      column: finding.loc.start.column,
      endLine: finding.loc.end.line,
      endColumn: finding.loc.end.column,
      ...(fix ? { fix } : {}),
      ...(finding.suggestions && text !== undefined
        ? { suggestions: finding.suggestions.map((s) => ({ desc: s.message, fix: singleRangeFix(s, text)! })) }
        : {}),
    });
  }
  const patch = dryRunPatch(report, cwd);
  const fixable = (severity: string) => report.findings.filter((f) => f.severity === severity && f.edits).length;
  return {
    filePath: report.filePath,
    messages,
    errorCount: messages.filter((m) => m.severity === 2).length,
    fatalErrorCount: messages.filter((m) => m.fatal).length,
    warningCount: messages.filter((m) => m.severity === 1).length,
    fixableErrorCount: fixable("error"),
    fixableWarningCount: fixable("warning"),
    ...(report.skipped && report.notice ? { notAnalysed: { reason: report.skipped.reason, message: report.notice } } : {}),
    ...(patch === undefined ? {} : { diff: patch }),
  };
}

export function formatJson(reports: readonly FileReport[], cwd?: string): string {
  return JSON.stringify(reports.map((report) => toJsonResult(report, cwd)));
}

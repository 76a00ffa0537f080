// --format json: ESLint's JSON formatter shape.
import { applyEdits } from "../core/edits.js";
import type { FileReport } from "../run/process-file.js";
import type { Finding } from "../core/types.js";

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
}

/** ESLint's `fix` is one range: the smallest span covering all of a finding's edits. */
export function singleRangeFix(finding: Pick<Finding, "edits">, text: string): { range: [number, number]; text: string } | undefined {
  const edits = finding.edits;
  if (!edits || edits.length === 0) return undefined;
  const start = Math.min(...edits.map((e) => e.start));
  const end = Math.max(...edits.map((e) => e.end));
  const shifted = edits.map((e) => ({ ...e, start: e.start - start, end: e.end - start }));
  return { range: [start, end], text: applyEdits(text.slice(start, end), shifted) };
}

export function toJsonResult(report: FileReport): JsonResult {
  const text = report.text;
  const messages: JsonMessage[] = [];
  if (report.fatal) {
    messages.push({ ruleId: null, fatal: true, severity: 2, message: report.fatal.message, line: report.fatal.line, column: report.fatal.column });
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
  const fixable = (severity: string) => report.findings.filter((f) => f.severity === severity && f.edits).length;
  return {
    filePath: report.filePath,
    messages,
    errorCount: messages.filter((m) => m.severity === 2).length,
    fatalErrorCount: report.fatal ? 1 : 0,
    warningCount: messages.filter((m) => m.severity === 1).length,
    fixableErrorCount: fixable("error"),
    fixableWarningCount: fixable("warning"),
  };
}

export function formatJson(reports: readonly FileReport[]): string {
  return JSON.stringify(reports.map(toJsonResult));
}

// `check --runtime-report <file.jsonl>`: what the runtime guard saw (its JSON Lines report) merged into the static
// results as findings at those call sites — rule id, "seen at run time N times" — so every output format shows both.
import { readFileSync } from "node:fs";
import path from "node:path";
import { ConfigError } from "../workspace/config.js";
import type { FileReport } from "./process-file.js";
import type { Finding, Rule } from "../core/types.js";

/** The fields of a runtime record (src/runtime/reporter.cts) this merge reads. */
interface RuntimeRecord {
  ruleId: string;
  message: string;
  operation: string;
  outcome: string;
  count: number;
  file?: string;
  line?: number;
  column?: number;
  cwd?: string;
}

const ACTION =
  "Seen by the runtime guard: change the code that builds this request (its payload may come from configuration, user input or another module), then check again at run time.";

function isRecord(value: unknown): value is RuntimeRecord {
  const record = value as Partial<RuntimeRecord> | null;
  return (
    typeof record === "object" &&
    record !== null &&
    typeof record.ruleId === "string" &&
    typeof record.message === "string" &&
    typeof record.operation === "string" &&
    Number.isInteger(record.count) &&
    record.count! > 0 &&
    (record.file === undefined || (typeof record.file === "string" && Number.isInteger(record.line) && Number.isInteger(record.column)))
  );
}

function readRecords(file: string): { records: RuntimeRecord[]; malformed: number } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigError(`cannot read the runtime report ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message} (--runtime-report)`);
  }
  const records: RuntimeRecord[] = [];
  let malformed = 0;
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    try {
      const value: unknown = JSON.parse(line);
      if (isRecord(value)) records.push(value);
      else malformed++;
    } catch {
      malformed++;
    }
  }
  return { records, malformed };
}

/** The checked file a record's call site is: as recorded, or at the same place relative to the recording process's folder. */
function reportFor(record: RuntimeRecord, byPath: Map<string, FileReport>, cwd: string): FileReport | undefined {
  const recorded = path.resolve(record.file!);
  const moved = record.cwd ? path.resolve(cwd, path.relative(record.cwd, recorded)) : undefined;
  return byPath.get(recorded) ?? (moved ? byPath.get(moved) : undefined);
}

/** A finding from line and column: from the call to the end of its line. */
function findingAt(text: string, record: RuntimeRecord, rule: Rule, count: number): Finding {
  const lines = text.split("\n");
  const lineIndex = Math.min(Math.max(record.line! - 1, 0), lines.length - 1);
  const lineText = lines[lineIndex].replace(/\s+$/, "");
  const column = Math.min(Math.max(record.column!, 1), lineText.length + 1);
  const lineStart = lines.slice(0, lineIndex).reduce((sum, line) => sum + line.length + 1, 0);
  const times = count === 1 ? "once" : `${count} times`;
  return {
    ruleId: rule.meta.id,
    severity: rule.meta.severity,
    message: `${record.message} Seen at run time ${times} (${record.operation}).`,
    start: lineStart + column - 1,
    end: lineStart + Math.max(lineText.length, column - 1),
    loc: { start: { line: lineIndex + 1, column }, end: { line: lineIndex + 1, column: Math.max(lineText.length, column - 1) + 1 } },
    action: ACTION,
  };
}

/**
 * Add the runtime report's findings to the reports of the files they are in (the rules of this run only, with this
 * run's severities). Returns what could not be placed, for stderr: nothing is dropped silently.
 */
export function mergeRuntimeReport(reports: FileReport[], file: string, context: { cwd: string; rules: readonly Rule[] }): string[] {
  const { records, malformed } = readRecords(path.resolve(context.cwd, file));
  const notices: string[] = [];
  if (malformed > 0)
    notices.push(`${malformed} line${malformed === 1 ? "" : "s"} of ${file} ${malformed === 1 ? "is" : "are"} not runtime guard records; left out`);
  const rules = new Map(context.rules.map((rule) => [rule.meta.id, rule]));
  const byPath = new Map(reports.map((report) => [path.resolve(report.filePath), report]));
  // One finding per call site, rule and message, with the sightings added up.
  const sites = new Map<string, { record: RuntimeRecord; count: number }>();
  const unplaced = new Map<string, number>();
  let otherRules = 0;
  for (const record of records) {
    if (!rules.has(record.ruleId)) {
      otherRules += record.count;
      continue;
    }
    const report = record.file === undefined ? undefined : reportFor(record, byPath, context.cwd);
    if (!report) {
      const where = record.file === undefined ? `(no location) ${record.operation}` : `${record.file}:${record.line ?? "?"}:${record.column ?? "?"}`;
      unplaced.set(`${where} ${record.ruleId}`, (unplaced.get(`${where} ${record.ruleId}`) ?? 0) + record.count);
      continue;
    }
    const key = [report.filePath, record.line, record.column, record.ruleId, record.message].join("\u0000");
    const site = sites.get(key) ?? { record: { ...record, file: report.filePath }, count: 0 };
    site.count += record.count;
    sites.set(key, site);
  }
  const touched = new Set<FileReport>();
  for (const { record, count } of sites.values()) {
    const report = byPath.get(path.resolve(record.file!))!;
    report.text ??= readFileSync(report.filePath, "utf8");
    report.findings.push(findingAt(report.text, record, rules.get(record.ruleId)!, count));
    touched.add(report);
  }
  for (const report of touched) report.findings.sort((a, b) => a.start - b.start || a.end - b.end);
  if (otherRules > 0) notices.push(`${otherRules} run-time sighting${otherRules === 1 ? "" : "s"} of rules this run does not include were left out`);
  if (unplaced.size > 0) {
    const shown = [...unplaced].slice(0, 10).map(([where, count]) => `  ${where} (${count}×)`);
    const more = unplaced.size > 10 ? [`  … and ${unplaced.size - 10} more`] : [];
    notices.push([`${unplaced.size} run-time finding${unplaced.size === 1 ? " is" : "s are"} outside the checked files:`, ...shown, ...more].join("\n"));
  }
  return notices;
}

// --format json with a baseline: ESLint's shape, the baselined findings in `suppressedMessages` as ESLint's bulk suppressions put them.
import path from "node:path";
import type { FileReport } from "../run/process-file.js";
import type { BaselineOutcome } from "./baseline-text.js";
import { toJsonResult, type JsonMessage, type JsonResult } from "./json.js";

/** A message the baseline holds: `kind: "file"` is what ESLint's suppressions file gives its suppressed messages. */
export interface SuppressedJsonMessage extends JsonMessage {
  suppressions: Array<{ kind: "file"; justification: string }>;
}

/** An entry of the baseline no longer found in the file (an extra field: ESLint tools ignore it). */
export interface FixedSinceBaseline {
  ruleId: string;
  count: number;
  fingerprint: string;
  scope: string;
  code: string;
}

export interface BaselineJsonResult extends JsonResult {
  suppressedMessages: SuppressedJsonMessage[];
  fixedSinceBaseline?: FixedSinceBaseline[];
}

/**
 * Each file's result from the findings that count (new ones) and the baselined ones beside them. `reports` are the
 * run's full reports; errorCount and warningCount count only `messages`, as ESLint counts them.
 */
export function formatJsonWithBaseline(reports: readonly FileReport[], outcome: BaselineOutcome): string {
  const justification = `in the intercom-migrate baseline (${outcome.name})`;
  const staleByFile = new Map<string, FixedSinceBaseline[]>();
  for (const entry of outcome.stale) {
    const list = staleByFile.get(entry.filePath) ?? [];
    list.push({ ruleId: entry.ruleId, count: entry.fixed, fingerprint: entry.fingerprint, scope: entry.scope, code: entry.code });
    staleByFile.set(entry.filePath, list);
  }
  const results = reports.map((report): BaselineJsonResult => {
    const counted = report.findings.filter((finding) => outcome.states.get(finding) !== "unchanged");
    const baselined = report.findings.filter((finding) => outcome.states.get(finding) === "unchanged");
    const result = toJsonResult({ ...report, findings: counted });
    const held = toJsonResult({ filePath: report.filePath, findings: baselined, applied: [], written: false, text: report.text }).messages;
    const fixed = staleByFile.get(path.resolve(report.filePath));
    return {
      ...result,
      suppressedMessages: held.map((message) => ({ ...message, suppressions: [{ kind: "file", justification }] })),
      ...(fixed ? { fixedSinceBaseline: fixed } : {}),
    };
  });
  return JSON.stringify(results);
}

// SARIF results with stable `partialFingerprints` (GitHub's primaryLocationLineHash and the baseline's own) and, with a baseline, `baselineState`.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type * as Sarif from "sarif";
import type { Finding } from "../core/types.js";
import type { FileReport } from "../run/process-file.js";
import type { FindingIdentity } from "../baseline/fingerprint.js";
import { lineHashes } from "../baseline/line-hash.js";
import type { BaselineOutcome } from "./baseline-text.js";
import { baselineCounts } from "./baseline-text.js";

/** The partialFingerprints key of the baseline's fingerprint (rule, enclosing functions, normalised code), versioned as SARIF suggests. */
export const FINGERPRINT_KEY = "intercomMigrate/v1";

interface Located {
  finding: Finding;
  primaryLocationLineHash: string;
  fingerprint: string;
}

const locationKey = (filePath: string, ruleId: string, region: { startLine?: number; startColumn?: number; endLine?: number; endColumn?: number }) =>
  [filePath, ruleId, region.startLine, region.startColumn, region.endLine, region.endColumn].join("\0");

/** Each finding's fingerprints, by where SARIF locates it (file, rule, region); findings at one place queue up. */
function fingerprintsByLocation(reports: readonly FileReport[], identities: ReadonlyMap<Finding, FindingIdentity>): Map<string, Located[]> {
  const byLocation = new Map<string, Located[]>();
  for (const report of reports) {
    if (report.findings.length === 0 || report.text === undefined) continue;
    const hashes = lineHashes(report.text);
    const occurrences = new Map<string, number>();
    for (const finding of [...report.findings].sort((a, b) => a.start - b.start || a.end - b.end)) {
      const identity = identities.get(finding);
      if (!identity) continue;
      // Findings with one identity in a file are told apart by their order, as GitHub numbers equal line hashes.
      const occurrence = (occurrences.get(identity.fingerprint) ?? 0) + 1;
      occurrences.set(identity.fingerprint, occurrence);
      const { start, end } = finding.loc;
      const key = locationKey(path.resolve(report.filePath), finding.ruleId, {
        startLine: start.line,
        startColumn: start.column,
        endLine: end.line,
        endColumn: end.column,
      });
      const list = byLocation.get(key) ?? [];
      list.push({ finding, primaryLocationLineHash: hashes[start.line - 1], fingerprint: `${identity.fingerprint}:${occurrence}` });
      byLocation.set(key, list);
    }
  }
  return byLocation;
}

/**
 * The SARIF log with fingerprints on every result (with or without a baseline) and, with one, `baselineState`
 * ("new" or "unchanged") on each result and the baseline's counts and stale entries in the run's properties.
 * Results are matched to findings by file, rule and region, not by their order in the log.
 */
export function withFingerprints(
  sarifText: string,
  reports: readonly FileReport[],
  identities: ReadonlyMap<Finding, FindingIdentity>,
  cwd: string,
  outcome?: BaselineOutcome,
): string {
  const log = JSON.parse(sarifText) as Sarif.Log;
  const byLocation = fingerprintsByLocation(reports, identities);
  const base = pathToFileURL(cwd + path.sep);
  for (const run of log.runs) {
    for (const result of run.results ?? []) {
      const location = result.locations?.[0]?.physicalLocation;
      const uri = location?.artifactLocation?.uri;
      if (!uri || !location.region || !result.ruleId) continue;
      const located = byLocation.get(locationKey(fileURLToPath(new URL(uri, base)), result.ruleId, location.region))?.shift();
      if (!located) continue;
      result.partialFingerprints = {
        ...result.partialFingerprints,
        primaryLocationLineHash: located.primaryLocationLineHash,
        [FINGERPRINT_KEY]: located.fingerprint,
      };
      const state = outcome?.states.get(located.finding);
      if (state) result.baselineState = state;
    }
    if (outcome) {
      run.properties = {
        ...run.properties,
        "intercom-migrate": {
          baseline: outcome.name,
          ...baselineCounts(outcome),
          fixedSinceBaseline: outcome.stale.map((entry) => ({
            file: entry.file,
            ruleId: entry.ruleId,
            count: entry.fixed,
            fingerprint: entry.fingerprint,
            scope: entry.scope,
            code: entry.code,
          })),
        },
      };
    }
  }
  return JSON.stringify(log, null, 2);
}

// A whole run against the baseline: findings identified, renamed files followed, what the run can judge decided, entries compared.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Finding } from "../core/types.js";
import { UNUSED_SUPPRESSION } from "../core/suppressions.js";
import type { FileReport } from "../run/process-file.js";
import { shardOf } from "../run/run.js";
import { renamesSinceBaseline } from "../workspace/git-changes.js";
import type { BaselineRecord } from "./baseline-file.js";
import {
  compareWithBaseline,
  followRenames,
  nextBaseline,
  recordPath,
  type BaselineComparison,
  type BaselineScope,
  type IdentifiedFinding,
} from "./compare.js";
import { identifyFindings, type FindingIdentity } from "./fingerprint.js";

/** What a run looked at: its folder, its roots, the rules it ran, its shard and `--changed-since` files. */
export interface RunCoverage {
  cwd: string;
  /** The paths the run was given, absolute. */
  roots: readonly string[];
  ruleIds: readonly string[];
  shard?: { index: number; count: number };
  changedFiles?: ReadonlySet<string>;
}

/** A file whose findings are all there: read, parsed and checked by every rule (not skipped, not failed). */
export function wasAnalysed(report: FileReport): boolean {
  return !report.fatal && report.notice === undefined;
}

/** Each analysed file's findings with who they are (absolute path → findings in source order). */
export function identifyReports(reports: readonly FileReport[]): Map<string, IdentifiedFinding[]> {
  const checked = new Map<string, IdentifiedFinding[]>();
  for (const report of reports) {
    if (!wasAnalysed(report)) continue;
    const findings = [...report.findings].sort((a, b) => a.start - b.start || a.end - b.end);
    const text = findings.length === 0 ? "" : (report.text ?? readText(report.filePath));
    // A file gone since it was checked cannot be told apart from its findings: it is judged as not analysed.
    if (text === undefined) continue;
    const identities = identifyFindings(text, report.filePath, findings);
    checked.set(
      report.filePath,
      findings.map((finding, i) => ({ finding, identity: identities[i] })),
    );
  }
  return checked;
}

function readText(filePath: string): string | undefined {
  try {
    return readFileSync(filePath, "utf8");
  } catch {
    return undefined;
  }
}

/** Identities by finding, for the formats. */
export function identitiesOf(checked: ReadonlyMap<string, readonly IdentifiedFinding[]>): Map<Finding, FindingIdentity> {
  return new Map([...checked.values()].flat().map(({ finding, identity }) => [finding, identity]));
}

const isInside = (dir: string, file: string) => {
  const relative = path.relative(dir, file);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
};

/**
 * Which entries the run judges: those of the rules it ran, in the files it analysed, and in files that are gone
 * from its roots (deleted, and not renamed). A file the run did not analyse (outside its paths, another shard,
 * unchanged under --changed-since, skipped, unparsable) keeps its entries as they are.
 */
export function runScope(coverage: RunCoverage, checked: ReadonlyMap<string, unknown>): BaselineScope {
  const ruleIds = new Set([...coverage.ruleIds, UNUSED_SUPPRESSION]);
  const gone = new Map<string, boolean>();
  const isGone = (filePath: string): boolean => {
    let answer = gone.get(filePath);
    if (answer === undefined) {
      answer =
        !existsSync(filePath) &&
        coverage.roots.some((root) => isInside(root, filePath)) &&
        (!coverage.shard || shardOf(path.relative(coverage.cwd, filePath), coverage.shard.count) === coverage.shard.index) &&
        (!coverage.changedFiles || coverage.changedFiles.has(filePath));
      gone.set(filePath, answer);
    }
    return answer;
  };
  return (filePath, ruleId) => ruleIds.has(ruleId) && (checked.has(filePath) || isGone(filePath));
}

export interface JudgedRun {
  /** The baseline's records, renamed files followed. */
  records: BaselineRecord[];
  comparison: BaselineComparison;
  scope: BaselineScope;
}

/** The run's findings against the baseline file's records. */
export function judgeRun(
  baselineFile: string,
  records: readonly BaselineRecord[],
  checked: ReadonlyMap<string, readonly IdentifiedFinding[]>,
  coverage: RunCoverage,
): JudgedRun {
  const baselineDir = path.dirname(baselineFile);
  const missing = new Set([...new Set(records.map((record) => recordPath(baselineDir, record)))].filter((filePath) => !existsSync(filePath)));
  const followed = followRenames(records, baselineDir, renamesSinceBaseline(baselineFile, missing));
  const scope = runScope(coverage, checked);
  return { records: followed, comparison: compareWithBaseline(followed, baselineDir, checked, scope), scope };
}

/** The records to write after this run (`--update-baseline`, `--prune-baseline`). */
export function recordsAfterRun(
  baselineFile: string,
  judged: JudgedRun,
  checked: ReadonlyMap<string, readonly IdentifiedFinding[]>,
  mode: "update" | "prune",
): BaselineRecord[] {
  return nextBaseline(judged.records, path.dirname(baselineFile), checked, judged.scope, mode);
}

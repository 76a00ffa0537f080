// A run's findings against the baseline: which are new, which the baseline holds, which entries were fixed since; the next baseline.
import path from "node:path";
import type { Finding } from "../core/types.js";
import type { BaselineRecord } from "./baseline-file.js";
import type { FindingIdentity } from "./fingerprint.js";

export type BaselineState = "new" | "unchanged";

/** A finding of a checked file with who it is. */
export interface IdentifiedFinding {
  finding: Finding;
  identity: FindingIdentity;
}

/** Baseline entries no longer found: fixed since the baseline was written (or their file is gone). */
export interface StaleEntry extends BaselineRecord {
  /** The file, absolute. */
  filePath: string;
  /** How many of the entry's count were not found. */
  fixed: number;
}

/** Which baseline entries a run can judge: those of the files it analysed (or that are gone) and the rules it ran. */
export type BaselineScope = (filePath: string, ruleId: string) => boolean;

export interface BaselineComparison {
  states: Map<Finding, BaselineState>;
  stale: StaleEntry[];
  /** Per rule, what the baseline holds for what the run judged. */
  baselinedByRule: Map<string, number>;
}

const keyOf = (ruleId: string, fingerprint: string) => `${ruleId}\0${fingerprint}`;

/** Absolute path of a record's file. */
export const recordPath = (baselineDir: string, record: Pick<BaselineRecord, "file">) => path.resolve(baselineDir, ...record.file.split("/"));

/** A file's path as the baseline writes it: relative to the baseline's folder, "/"-separated. */
export const baselinePath = (baselineDir: string, filePath: string) => path.relative(baselineDir, filePath).split(path.sep).join("/");

/**
 * One file's findings against its entries: per key, the first `count` findings in source order are the ones the
 * baseline holds (findings with one key cannot be told apart), the rest are new; what is left of a count is stale.
 */
export function matchFile(
  entries: readonly BaselineRecord[],
  found: readonly IdentifiedFinding[],
): { states: Map<Finding, BaselineState>; left: Map<BaselineRecord, number> } {
  const remaining = new Map<string, number>();
  for (const entry of entries)
    remaining.set(keyOf(entry.ruleId, entry.fingerprint), (remaining.get(keyOf(entry.ruleId, entry.fingerprint)) ?? 0) + entry.count);
  const states = new Map<Finding, BaselineState>();
  for (const { finding, identity } of found) {
    const key = keyOf(identity.ruleId, identity.fingerprint);
    const allowed = remaining.get(key) ?? 0;
    states.set(finding, allowed > 0 ? "unchanged" : "new");
    if (allowed > 0) remaining.set(key, allowed - 1);
  }
  const left = new Map<BaselineRecord, number>();
  for (const entry of entries) {
    const key = keyOf(entry.ruleId, entry.fingerprint);
    const unused = Math.min(remaining.get(key) ?? 0, entry.count);
    if (unused > 0) left.set(entry, unused);
    remaining.set(key, (remaining.get(key) ?? 0) - unused);
  }
  return { states, left };
}

function recordsByFile(records: readonly BaselineRecord[], baselineDir: string): Map<string, BaselineRecord[]> {
  const byFile = new Map<string, BaselineRecord[]>();
  for (const record of records) {
    const filePath = recordPath(baselineDir, record);
    let list = byFile.get(filePath);
    if (!list) byFile.set(filePath, (list = []));
    list.push(record);
  }
  return byFile;
}

/** Every analysed file (findings or not, absolute path) against the baseline's records. */
export function compareWithBaseline(
  records: readonly BaselineRecord[],
  baselineDir: string,
  checked: ReadonlyMap<string, readonly IdentifiedFinding[]>,
  inScope: BaselineScope,
): BaselineComparison {
  const states = new Map<Finding, BaselineState>();
  const stale: StaleEntry[] = [];
  const baselinedByRule = new Map<string, number>();
  const byFile = recordsByFile(records, baselineDir);
  for (const filePath of new Set([...byFile.keys(), ...checked.keys()])) {
    const judged = (byFile.get(filePath) ?? []).filter((entry) => inScope(filePath, entry.ruleId));
    for (const entry of judged) baselinedByRule.set(entry.ruleId, (baselinedByRule.get(entry.ruleId) ?? 0) + entry.count);
    const match = matchFile(judged, checked.get(filePath) ?? []);
    for (const [finding, state] of match.states) states.set(finding, state);
    for (const [entry, fixed] of match.left) stale.push({ ...entry, filePath, fixed });
  }
  stale.sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : a.fingerprint < b.fingerprint ? -1 : 1,
  );
  return { states, stale, baselinedByRule };
}

/**
 * The baseline after this run: entries the run could not judge are kept as they are; for what it judged, "update"
 * records what is found now (new findings added, fixed ones pruned) and "prune" only lowers counts, never adds.
 */
export function nextBaseline(
  records: readonly BaselineRecord[],
  baselineDir: string,
  checked: ReadonlyMap<string, readonly IdentifiedFinding[]>,
  inScope: BaselineScope,
  mode: "update" | "prune",
): BaselineRecord[] {
  const kept = records.filter((record) => !inScope(recordPath(baselineDir, record), record.ruleId));
  const before = new Map<string, number>();
  for (const record of records) {
    const key = `${record.file}\0${keyOf(record.ruleId, record.fingerprint)}`;
    before.set(key, (before.get(key) ?? 0) + record.count);
  }
  const found = new Map<string, BaselineRecord>();
  for (const [filePath, list] of checked) {
    const file = baselinePath(baselineDir, filePath);
    for (const { identity } of list) {
      if (!inScope(filePath, identity.ruleId)) continue;
      const key = `${file}\0${keyOf(identity.ruleId, identity.fingerprint)}`;
      const record = found.get(key);
      if (record) record.count++;
      else found.set(key, { file, ruleId: identity.ruleId, fingerprint: identity.fingerprint, count: 1, scope: identity.scope, code: identity.code });
    }
  }
  const judged = [...found.entries()].map(([key, record]) => (mode === "update" ? record : { ...record, count: Math.min(record.count, before.get(key) ?? 0) }));
  return [...kept, ...judged.filter((record) => record.count > 0)];
}

/** Records of files git renamed (old → new, absolute) moved to the new name, when the old one is gone. */
export function followRenames(records: readonly BaselineRecord[], baselineDir: string, renames: ReadonlyMap<string, string>): BaselineRecord[] {
  if (renames.size === 0) return [...records];
  return records.map((record) => {
    const renamed = renames.get(recordPath(baselineDir, record));
    return renamed ? { ...record, file: baselinePath(baselineDir, renamed) } : record;
  });
}

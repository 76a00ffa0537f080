// Where run-time findings go: one line on stderr per distinct call site and rule, or JSON Lines records that
// `intercom-migrate check --runtime-report` reads (first sighting at once, later sightings counted and added at exit).
// The state is process-wide (a global symbol), so module copies — a test runner's per-file modules — share it.
import { appendFileSync } from "node:fs";
import path from "node:path";
import type { SourceLocation } from "./call-site.cjs";
import type { RuntimeFinding } from "./inspect.cjs";
import type { RuleId, Severity } from "./payload-upgrades.cjs";

/** What happened to the request: sent unchanged, sent in the 2.14 shape, or not sent (strict). */
export type Outcome = "reported" | "upgraded" | "blocked";

/** One line of a runtime report (JSON Lines). Never a header or a body value: names of fields and the version only. */
export interface RuntimeRecord {
  ruleId: RuleId;
  severity: Severity;
  message: string;
  outcome: Outcome;
  /** `PUT /tickets/{ticket_id}`. */
  operation: string;
  /** The origin the request went to. */
  host: string;
  file?: string;
  line?: number;
  column?: number;
  /** The process's folder, to place `file` in another checkout. */
  cwd: string;
  /** How many sightings this line stands for. */
  count: number;
  time: string;
}

export interface Sighting {
  finding: RuntimeFinding;
  outcome: Outcome;
  operation: string;
  host: string;
  site?: SourceLocation;
}

interface Tally {
  record: RuntimeRecord;
  /** Sightings since the record (or its last count) was written. */
  pending: number;
}

interface RuntimeState {
  tallies: Map<string, Tally>;
  /** Requests strict mode stopped, until a test hook takes them. */
  violations: Array<{ operation: string; findings: RuntimeFinding[]; site?: SourceLocation }>;
  warned: Set<string>;
  flushing: boolean;
}

const STATE = Symbol.for("intercom-migrate.runtime.state");

export function runtimeState(): RuntimeState {
  const holder = globalThis as { [STATE]?: RuntimeState };
  return (holder[STATE] ??= { tallies: new Map(), violations: [], warned: new Set(), flushing: false });
}

/** Say something about the guard itself on stderr, once per process. */
export function warnOnce(key: string, text: string): void {
  const { warned } = runtimeState();
  if (warned.has(key)) return;
  warned.add(key);
  process.stderr.write(`intercom-migrate runtime: ${text}\n`);
}

function shownLocation(site: SourceLocation | undefined): string {
  if (!site) return "(location unknown)";
  const relative = path.relative(process.cwd(), site.file);
  const file = relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : site.file;
  return `${file}:${site.line}:${site.column}`;
}

function appendRecord(file: string, record: RuntimeRecord): void {
  try {
    appendFileSync(file, JSON.stringify(record) + "\n");
  } catch (error) {
    warnOnce(`write ${file}`, `cannot write the runtime report ${file}: ${(error as Error).message}`);
  }
}

/** Write the sightings counted since their record was written (at exit, and every few seconds while running). */
export function flushCounts(): void {
  for (const [key, tally] of runtimeState().tallies) {
    if (tally.pending === 0 || !key.startsWith("file:")) continue;
    appendRecord(key.slice(5, key.indexOf("\u0000")), { ...tally.record, count: tally.pending, time: new Date().toISOString() });
    tally.pending = 0;
  }
}

function startFlushing(): void {
  const state = runtimeState();
  if (state.flushing) return;
  state.flushing = true;
  process.once("exit", flushCounts);
  setInterval(flushCounts, 5000).unref();
}

/** Record one sighting: the first of a call site and rule is written out, the others are counted. */
export function report(sighting: Sighting, reportFile: string | undefined): RuntimeRecord {
  const { finding, site } = sighting;
  const record: RuntimeRecord = {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    outcome: sighting.outcome,
    operation: sighting.operation,
    host: sighting.host,
    ...(site ? { file: site.file, line: site.line, column: site.column } : {}),
    cwd: process.cwd(),
    count: 1,
    time: new Date().toISOString(),
  };
  const where = site ? `${site.file}:${site.line}:${site.column}` : sighting.operation;
  const key = `${reportFile ? `file:${reportFile}` : "stderr"}\u0000${finding.ruleId}\u0000${where}\u0000${finding.message}`;
  const { tallies } = runtimeState();
  const tally = tallies.get(key);
  if (tally) {
    tally.pending++;
    return record;
  }
  tallies.set(key, { record, pending: 0 });
  if (reportFile) {
    appendRecord(reportFile, record);
    startFlushing();
  } else {
    process.stderr.write(
      `intercom-migrate runtime: ${shownLocation(site)} ${finding.ruleId} (${finding.severity}) ${sighting.operation}: ${finding.message} [${sighting.outcome}]\n`,
    );
  }
  return record;
}

// The line a human-format run ends with on stderr: what was found in how many files, what was skipped and why, the time;
// then one line per file not analysed; and, before it, a note when type-aware mode was on (why, its cost, how to turn it off).
import path from "node:path";
import { analysisOutcome, type FileReport } from "../run/process-file.js";
import type { SkipReason } from "../workspace/file-facts.js";
import { fileProblems } from "./file-problems.js";
import { plural } from "./plural.js";

const NAMED_AT_MOST = 50;

export interface RunSummaryInput {
  /** Every file the run met, the walk's skips included. */
  reports: readonly FileReport[];
  elapsedMs: number;
  mode?: "check" | "fix";
  /** For fix: how many files were written (with --dry-run: would be). */
  written?: number;
  dryRun?: boolean;
}

/** Each reason a file is skipped, as a count's noun: "2 too large", "1 symbolic link". */
const SKIP_NOUNS: Record<SkipReason, [string, string]> = {
  ignored: ["ignored", "ignored"],
  "too-large": ["too large", "too large"],
  minified: ["minified", "minified"],
  binary: ["binary", "binary"],
  symlink: ["symbolic link", "symbolic links"],
  "not-regular-file": ["special file", "special files"],
  "outside-roots": ["outside the paths given", "outside the paths given"],
  unreadable: ["unreadable", "unreadable"],
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const fileName = (report: FileReport, cwd: string) => path.relative(cwd, report.filePath) || report.filePath;

/** What was not fully analysed, in parentheses: "(1 of them failed; 3 more skipped: 2 too large, 1 minified)", or "". */
function leftOut(looked: number, failed: number, skipped: readonly FileReport[]): string {
  const parts: string[] = [];
  if (failed > 0) parts.push(failed < looked ? `${failed} of them failed` : looked === 1 ? "it failed" : "all failed");
  if (skipped.length > 0) {
    const byReason = new Map<SkipReason | undefined, number>();
    for (const report of skipped) byReason.set(report.skipped?.reason, (byReason.get(report.skipped?.reason) ?? 0) + 1);
    const reasons = [...byReason].map(([reason, count]) => (reason ? plural(count, ...SKIP_NOUNS[reason]) : `${count} other`));
    parts.push(`${skipped.length}${looked > 0 ? " more" : ""} skipped: ${reasons.join(", ")}`);
  }
  return parts.length > 0 ? ` (${parts.join("; ")})` : "";
}

/** One summary line, then one line per file that was skipped or failed (so a skip is never silent). */
export function formatRunSummary(input: RunSummaryInput, cwd: string): string {
  const skipped = input.reports.filter((report) => analysisOutcome(report) === "skipped");
  const failed = input.reports.filter((report) => analysisOutcome(report) === "failed");
  // Files looked at: analysed, or failed part-way (a failure is named below); skipped files were not looked at.
  const looked = input.reports.length - skipped.length;
  const problems = input.reports.reduce((sum, report) => sum + report.findings.length, 0);
  const withProblems = input.reports.filter((report) => report.findings.length > 0).length;
  const where = `${plural(looked, "file")} checked${leftOut(looked, failed.length, skipped)}`;
  const left = input.mode === "fix" ? " left" : "";
  const found =
    problems === 0
      ? `no 2.13 shapes${left} in ${where}`
      : `${plural(problems, "problem")}${left} in ${withProblems === looked ? "" : `${withProblems} of `}${where}`;
  const written =
    input.written === undefined
      ? ""
      : `${plural(input.written, "file")} ${input.dryRun ? "would be written" : input.written === 1 ? "was written" : "were written"}; `;
  const lines = [`intercom-migrate: ${written}${found} — ${seconds(input.elapsedMs)}`];
  const named = [...failed.map((report) => ["failed", report] as const), ...skipped.map((report) => ["skipped", report] as const)];
  for (const [outcome, report] of named.slice(0, NAMED_AT_MOST)) {
    const reason = fileProblems(report)[0]?.message ?? report.notice ?? "";
    lines.push(`  ${outcome.padEnd(7)} ${fileName(report, cwd)}: ${reason}`);
  }
  if (named.length > NAMED_AT_MOST) lines.push(`  … and ${named.length - NAMED_AT_MOST} more (see the output above)`);
  return lines.join("\n") + "\n";
}

export interface TypesUse {
  /** The tsconfig files whose type checker started. */
  started: readonly string[];
  /** On by default (each file's nearest tsconfig.json was found), not named with -p. */
  byDefault: boolean;
  /** Time the type checkers took. */
  ms: number;
}

/** When type-aware mode was on: which tsconfig and why, what it cost, how to turn it off. Empty when it was not. */
export function formatTypesNote(types: TypesUse, elapsedMs: number, cwd: string): string {
  if (types.started.length === 0) return "";
  const names = types.started.map((config) => path.relative(cwd, config) || config);
  const shown = names.length > 3 ? `${names.slice(0, 3).join(", ")} and ${names.length - 3} more` : names.join(", ");
  const why = types.byDefault ? `found ${shown}` : `-p ${shown}`;
  return (
    `intercom-migrate: type-aware mode was on (${why}): TypeScript's type checker took ${seconds(types.ms)} of this ${seconds(elapsedMs)} run, ` +
    `and can make a run ~10× slower on a large project; --no-types turns it off${types.byDefault ? ", -p <tsconfig> names the one to use" : ""}.\n`
  );
}

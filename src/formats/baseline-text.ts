// What the human formats and GitHub say about the baseline: findings it holds, entries fixed since, the new-vs-baselined line.
import path from "node:path";
import { picocolors } from "../core/lazy.js";
import type { Finding } from "../core/types.js";
import type { BaselineState, StaleEntry } from "../baseline/compare.js";
import { escapeData, escapeProperty } from "./github.js";
import { plural } from "./plural.js";

/** A run judged against a baseline, as the formats need it. */
export interface BaselineOutcome {
  /** The baseline file as the command line named it. */
  name: string;
  states: ReadonlyMap<Finding, BaselineState>;
  stale: readonly StaleEntry[];
  /** `--fail-on-stale-baseline`: stale entries fail the run. */
  failOnStale: boolean;
}

export interface BaselineCounts {
  new: number;
  baselined: number;
  fixed: number;
}

export function baselineCounts(outcome: BaselineOutcome): BaselineCounts {
  let baselined = 0;
  let fresh = 0;
  for (const state of outcome.states.values()) {
    if (state === "unchanged") baselined++;
    else fresh++;
  }
  return { new: fresh, baselined, fixed: outcome.stale.reduce((sum, entry) => sum + entry.fixed, 0) };
}

/** "N new, M baselined, K fixed since the baseline". */
export function baselineLine(counts: BaselineCounts): string {
  return `${counts.new} new, ${counts.baselined} baselined, ${counts.fixed} fixed since the baseline`;
}

const where = (entry: StaleEntry, cwd: string) => path.relative(cwd, entry.filePath).split(path.sep).join("/") || entry.file;
const inScope = (entry: StaleEntry) => (entry.scope ? `in ${entry.scope}` : "at the top level");

/** One line per stale entry: file, rule, how many, where in the file and what the code was. */
export function staleEntryLines(stale: readonly StaleEntry[], cwd: string): string[] {
  return stale.map((entry) => `  ${where(entry, cwd)}  ${entry.ruleId}  ×${entry.fixed}  ${inScope(entry)}: ${entry.code}`);
}

function pruneHint(outcome: BaselineOutcome): string {
  return `prune with \`intercom-migrate check --baseline ${outcome.name} --update-baseline\` (or --prune-baseline)`;
}

/** The stale entries, for stderr (machine formats) or the end of stylish output; empty when there are none. */
export function staleReport(outcome: BaselineOutcome, cwd: string): string {
  const counts = baselineCounts(outcome);
  if (counts.fixed === 0) return "";
  const heading = `${plural(counts.fixed, "baselined finding")} fixed since the baseline (${outcome.name}): ${pruneHint(outcome)}`;
  return [outcome.failOnStale ? picocolors().red(heading) : heading, ...staleEntryLines(outcome.stale, cwd)].join("\n") + "\n";
}

/** After stylish's findings (the new ones): how many the baseline holds, and what was fixed since. */
export function stylishBaselineFooter(outcome: BaselineOutcome, cwd: string): string {
  const counts = baselineCounts(outcome);
  const held = counts.baselined > 0 ? `${plural(counts.baselined, "finding")} in the baseline (${outcome.name}) not shown. ` : "";
  const lines = [picocolors().dim(`${held}Baseline: ${baselineLine(counts)}.`)];
  const stale = staleReport(outcome, cwd);
  if (stale) lines.push(stale.trimEnd());
  return lines.join("\n") + "\n";
}

/** GitHub annotations for the baseline: a notice with the counts, one per stale entry (an error with --fail-on-stale-baseline). */
export function githubBaselineAnnotations(outcome: BaselineOutcome, cwd: string): string {
  const lines = [`::notice title=${escapeProperty("intercom-migrate baseline")}::${escapeData(`${baselineLine(baselineCounts(outcome))} (${outcome.name})`)}`];
  const level = outcome.failOnStale ? "error" : "notice";
  for (const entry of outcome.stale) {
    const properties = [
      `file=${escapeProperty(where(entry, cwd))}`,
      `title=${escapeProperty(`intercom-migrate ${entry.ruleId}: fixed since the baseline`)}`,
    ].join(",");
    lines.push(
      `::${level} ${properties}::${escapeData(`${plural(entry.fixed, "baselined finding")} ${inScope(entry)} no longer found (${entry.code}): ${pruneHint(outcome)}`)}`,
    );
  }
  return lines.join("\n") + "\n";
}

/** The step summary's baseline section: the counts line, then the progress table. */
export function githubBaselineSummary(outcome: BaselineOutcome, progressMarkdown: string): string {
  return `\n### Baseline \`${outcome.name}\`: ${baselineLine(baselineCounts(outcome))}\n\n${progressMarkdown}`;
}

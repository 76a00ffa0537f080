// Migration progress per rule — findings now, new, in the baseline, fixed since, left for review — as text bars, Markdown, JSON.
import type { Finding } from "../core/types.js";

export interface RuleProgress {
  /** Findings now. */
  now: number;
  /** Findings now that the baseline does not hold (all of them without a baseline). */
  new: number;
  /** What the baseline holds for what the run judged. */
  baseline: number;
  /** Baseline entries no longer found: fixed since the baseline. */
  fixed: number;
  /** Findings now that `fix` rewrites. */
  fixable: number;
  /** Findings now that need a person: no safe automatic fix. */
  review: number;
}

/** One run's progress: the history file gets one of these per line. */
export interface MigrationProgress extends RuleProgress {
  date: string;
  commit?: string;
  /** The baseline file, as named on the command line. */
  baselineFile?: string;
  rules: Record<string, RuleProgress>;
}

export interface ProgressInput {
  ruleIds: readonly string[];
  findings: readonly Finding[];
  /** Findings the baseline holds (none without a baseline). */
  isBaselined: (finding: Finding) => boolean;
  baselinedByRule?: ReadonlyMap<string, number>;
  fixedByRule?: ReadonlyMap<string, number>;
  date: Date;
  commit?: string;
  baselineFile?: string;
}

const BAR_WIDTH = 24;
const empty = (): RuleProgress => ({ now: 0, new: 0, baseline: 0, fixed: 0, fixable: 0, review: 0 });

/** The time of a run: SOURCE_DATE_EPOCH when set (reproducible builds and tests), else now. */
export function runDate(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  return env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) ? new Date(epoch * 1000) : new Date();
}

export function migrationProgress(input: ProgressInput): MigrationProgress {
  const rules = new Map<string, RuleProgress>(input.ruleIds.map((id) => [id, empty()]));
  const of = (id: string) => rules.get(id) ?? rules.set(id, empty()).get(id)!;
  for (const finding of input.findings) {
    const rule = of(finding.ruleId);
    rule.now++;
    if (!input.isBaselined(finding)) rule.new++;
    if (finding.edits) rule.fixable++;
    else rule.review++;
  }
  for (const [id, count] of input.baselinedByRule ?? []) of(id).baseline += count;
  for (const [id, count] of input.fixedByRule ?? []) of(id).fixed += count;
  const sorted = [...rules.keys()].sort().map((id) => [id, rules.get(id)!] as const);
  const total = empty();
  for (const [, rule] of sorted) for (const key of Object.keys(total) as Array<keyof RuleProgress>) total[key] += rule[key];
  return {
    date: input.date.toISOString().replace(/\.\d{3}Z$/, "Z"),
    ...(input.commit ? { commit: input.commit } : {}),
    ...(input.baselineFile ? { baselineFile: input.baselineFile } : {}),
    ...total,
    rules: Object.fromEntries(sorted),
  };
}

/** █ fixed since the baseline, ▒ fixable now, ░ left for review; the share done. */
export function progressBar(rule: RuleProgress, width = BAR_WIDTH): string {
  const all = rule.fixed + rule.now;
  if (all === 0) return `${"█".repeat(width)} done`;
  const fixed = Math.round((rule.fixed / all) * width);
  const fixable = Math.round(((rule.fixed + rule.fixable) / all) * width) - fixed;
  const bar = "█".repeat(fixed) + "▒".repeat(fixable) + "░".repeat(width - fixed - fixable);
  return `${bar} ${Math.floor((rule.fixed / all) * 100)}%`;
}

const COLUMNS = ["now", "new", "baseline", "fixed", "review"] as const;
const HEADINGS: Record<(typeof COLUMNS)[number], string> = { now: "now", new: "new", baseline: "in baseline", fixed: "fixed", review: "left for review" };

/** A table in text with a bar per rule, for a terminal or a CI log. */
export function formatProgressText(progress: MigrationProgress): string {
  const rows = [...Object.entries(progress.rules), ["total", progress] as const];
  const nameWidth = Math.max(...rows.map(([id]) => id.length));
  const widths = COLUMNS.map((column) => HEADINGS[column].length);
  const line = (name: string, cells: readonly string[], bar: string) =>
    [name.padEnd(nameWidth), ...cells.map((cell, i) => cell.padStart(widths[i])), bar].join("  ").trimEnd();
  const lines = [
    line(
      "rule",
      COLUMNS.map((column) => HEADINGS[column]),
      "progress",
    ),
    ...rows.map(([id, rule]) =>
      line(
        id,
        COLUMNS.map((column) => String(rule[column])),
        progressBar(rule),
      ),
    ),
    "",
    `█ fixed since the baseline  ▒ fixable now (intercom-migrate fix)  ░ left for review${progress.baselineFile ? `  (baseline: ${progress.baselineFile})` : "  (no baseline)"}`,
  ];
  return lines.join("\n") + "\n";
}

/** The same table in Markdown, for a job's step summary or a pull-request comment. */
export function formatProgressMarkdown(progress: MigrationProgress): string {
  const row = (name: string, rule: RuleProgress) => `| ${name} | ${COLUMNS.map((column) => rule[column]).join(" | ")} | \`${progressBar(rule, 16)}\` |`;
  return [
    "| rule | " + COLUMNS.map((column) => HEADINGS[column]).join(" | ") + " | progress |",
    "|---|" + COLUMNS.map(() => "---:|").join("") + "---|",
    ...Object.entries(progress.rules).map(([id, rule]) => row(`\`${id}\``, rule)),
    row("**total**", progress),
    "",
    `█ fixed since the baseline · ▒ fixable now (\`intercom-migrate fix\`) · ░ left for review`,
    "",
  ].join("\n");
}

/** One line of the history file (JSON Lines): a dated record per run, to plot the burn-down. */
export function historyLine(progress: MigrationProgress): string {
  return JSON.stringify(progress) + "\n";
}

// Gradual adoption on the command line: --baseline and its updates, --changed-since, --history, and what each format shows of them.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Command as CommandType } from "commander";
import { commander, writeFileAtomic } from "../core/lazy.js";
import type { Finding } from "../core/types.js";
import { BaselineFileError, DEFAULT_BASELINE_FILE, formatBaselineFile, readBaselineFile, recordCount, type BaselineRecord } from "../baseline/baseline-file.js";
import { compareWithBaseline, type IdentifiedFinding } from "../baseline/compare.js";
import type { FindingIdentity } from "../baseline/fingerprint.js";
import { identifyReports, identitiesOf, judgeRun, recordsAfterRun, wasAnalysed, type RunCoverage } from "../baseline/judge-run.js";
import { githubBaselineAnnotations, githubBaselineSummary, staleReport, stylishBaselineFooter, type BaselineOutcome } from "../formats/baseline-text.js";
import { formatJsonWithBaseline } from "../formats/json-baseline.js";
import { formatProgressMarkdown, historyLine, migrationProgress, runDate, type MigrationProgress } from "../formats/progress.js";
import { withFingerprints } from "../formats/sarif-fingerprints.js";
import type { FileReport } from "../run/process-file.js";
import type { RunResult } from "../run/run.js";
import { ChangedSinceError, filesChangedSince, headCommit } from "../workspace/git-changes.js";

export interface AdoptionOptions {
  baseline?: string;
  updateBaseline?: boolean;
  pruneBaseline?: boolean;
  failOnStaleBaseline?: boolean;
  changedSince?: string;
  history?: string;
}

/** What the adoption needs of the command's other options. */
interface RunShape {
  format: string;
  shard?: { index: number; count: number };
}

const MACHINE_FORMATS = new Set(["json", "sarif", "github"]);

interface Io {
  stderr: (text: string) => void;
  cwd: string;
}

export function addAdoptionOptions(command: CommandType): CommandType {
  const { Option } = commander();
  return command
    .option("--baseline <file>", `fail only on findings this baseline file does not hold (by convention ${DEFAULT_BASELINE_FILE}, committed)`)
    .addOption(
      new Option(
        "--update-baseline",
        `write the baseline (--baseline, else ./${DEFAULT_BASELINE_FILE}) from what is found now: new findings added, fixed ones pruned`,
      ).conflicts("pruneBaseline"),
    )
    .option("--prune-baseline", "remove the baseline's entries fixed since it was written; add nothing")
    .option("--fail-on-stale-baseline", "exit 1 while the baseline holds entries fixed since (a baseline that only ever shrinks)")
    .option("--changed-since <git-ref>", "check only files changed since the ref (committed, staged, unstaged, untracked) and the files importing them")
    .option("--history <file>", "append a dated JSON line of per-rule progress to this file, to plot the burn-down");
}

/** The baseline a run reads (and may write). */
interface LoadedBaseline {
  file: string;
  /** As the command line named it, for messages. */
  name: string;
  records: BaselineRecord[];
}

/** A command's gradual-adoption work around one run: before it, what to check; after it, what counts and what the formats show. */
export class Adoption {
  private full: FileReport[] = [];
  private identities = new Map<Finding, FindingIdentity>();
  private outcome: BaselineOutcome | undefined;
  private progressCache: MigrationProgress | undefined;
  private ruleIds: string[] = [];
  private judgedByRule: { baselined: Map<string, number>; fixed: Map<string, number> } | undefined;

  private constructor(
    private readonly io: Io,
    private readonly options: AdoptionOptions & RunShape,
    private readonly roots: string[],
    readonly changedFiles: Set<string> | undefined,
    private readonly baseline: LoadedBaseline | undefined,
  ) {}

  /** Before the run: git asked for --changed-since, the baseline read. A number is the exit code of bad usage. */
  static prepare(io: Io, inputs: readonly string[], options: AdoptionOptions & RunShape): Adoption | number {
    const roots = (inputs.length > 0 ? inputs : ["."]).map((input) => path.resolve(io.cwd, input));
    try {
      if (options.failOnStaleBaseline && !options.baseline) throw new BaselineFileError("--fail-on-stale-baseline needs --baseline <file>");
      const changed = options.changedSince ? filesChangedSince(options.changedSince, io.cwd, roots) : undefined;
      return new Adoption(io, options, roots, changed, loadBaseline(io.cwd, options));
    } catch (error) {
      if (!(error instanceof BaselineFileError || error instanceof ChangedSinceError)) throw error;
      io.stderr(`intercom-migrate: ${error.message}\n`);
      return 2;
    }
  }

  /**
   * After the run: findings identified and judged against the baseline (written first with --update-baseline or
   * --prune-baseline), the history line appended. The run's reports keep only the findings that count — the new
   * ones — so every format and the exit code judge those; the formats that show the others get the full reports here.
   */
  finish(result: RunResult): void {
    this.full = result.reports;
    this.ruleIds = result.rules.map((rule) => rule.meta.id);
    if (this.baseline || this.options.format === "sarif") {
      const checked = identifyReports(this.full);
      this.identities = identitiesOf(checked);
      if (this.baseline) this.judge(this.baseline, checked, result);
    }
    // A run that could not look at every path it was given (one does not exist) is no point on the burn-down.
    if (result.problems.length === 0) this.appendHistory();
  }

  private judge(baseline: LoadedBaseline, checked: Map<string, IdentifiedFinding[]>, result: RunResult): void {
    const coverage: RunCoverage = { cwd: this.io.cwd, roots: this.roots, ruleIds: this.ruleIds, shard: this.options.shard, changedFiles: this.changedFiles };
    let judged = judgeRun(baseline.file, baseline.records, checked, coverage);
    const mode = this.options.updateBaseline ? "update" : this.options.pruneBaseline ? "prune" : undefined;
    // A run that could not look at every path it was given (one does not exist) must not rewrite the baseline.
    if (mode && result.problems.length === 0) {
      const records = recordsAfterRun(baseline.file, judged, checked, mode);
      this.write(
        baseline,
        records,
        judged.comparison.stale.reduce((sum, entry) => sum + entry.fixed, 0),
      );
      judged = { ...judged, records, comparison: compareWithBaseline(records, path.dirname(baseline.file), checked, judged.scope) };
    }
    const { comparison } = judged;
    this.outcome = { name: baseline.name, states: comparison.states, stale: comparison.stale, failOnStale: !!this.options.failOnStaleBaseline };
    const fixed = new Map<string, number>();
    for (const entry of comparison.stale) fixed.set(entry.ruleId, (fixed.get(entry.ruleId) ?? 0) + entry.fixed);
    this.judgedByRule = { baselined: comparison.baselinedByRule, fixed };
    result.reports = this.full.map((report) => {
      const counted = report.findings.filter((finding) => comparison.states.get(finding) !== "unchanged");
      return counted.length === report.findings.length ? report : { ...report, findings: counted };
    });
    // Stylish prints the stale entries with its findings; a machine format keeps stdout to itself, so they go to stderr.
    if (MACHINE_FORMATS.has(this.options.format)) this.io.stderr(staleReport(this.outcome, this.io.cwd).replace(/^(?=.)/, "intercom-migrate: "));
  }

  /** Written atomically, and only when it changes (a CI job can run --update-baseline and then `git diff --exit-code`). */
  private write(baseline: LoadedBaseline, records: BaselineRecord[], pruned: number): void {
    const text = formatBaselineFile(records);
    const files = new Set(records.map((record) => record.file)).size;
    const after = recordCount(records);
    const holds = `${after} finding${after === 1 ? "" : "s"} in ${files} file${files === 1 ? "" : "s"}`;
    if (existsSync(baseline.file) && readFileSync(baseline.file, "utf8") === text) {
      this.io.stderr(`intercom-migrate: ${baseline.name} is up to date: ${holds}\n`);
    } else {
      mkdirSync(path.dirname(baseline.file), { recursive: true });
      writeFileAtomic().sync(baseline.file, text);
      const added = after - recordCount(baseline.records) + pruned;
      this.io.stderr(`intercom-migrate: wrote ${baseline.name}: ${holds} (${added} added, ${pruned} fixed since and pruned)\n`);
    }
    baseline.records = records;
  }

  /** The formatted output: `base` formats the given reports as the format always has; the baseline adds its part. */
  format(format: string, base: (reports: FileReport[]) => string, shown: FileReport[]): string {
    const outcome = this.outcome;
    if (format === "sarif") return withFingerprints(base(this.full), this.full, this.identities, this.io.cwd, outcome) + "\n";
    if (!outcome) return base(shown);
    if (format === "json") return formatJsonWithBaseline(this.full, outcome) + "\n";
    if (format === "github") return base(shown) + githubBaselineAnnotations(outcome, this.io.cwd);
    return base(shown) + stylishBaselineFooter(outcome, this.io.cwd);
  }

  /** For $GITHUB_STEP_SUMMARY: "N new, M baselined, K fixed since the baseline" and the progress table (with a baseline). */
  stepSummary(): string {
    return this.outcome ? githubBaselineSummary(this.outcome, formatProgressMarkdown(this.progress())) : "";
  }

  /** 1 when --fail-on-stale-baseline meets entries fixed since the baseline, else 0. */
  exitCode(): number {
    if (!this.outcome?.failOnStale || this.outcome.stale.length === 0) return 0;
    this.io.stderr(
      `intercom-migrate: the baseline holds entries fixed since it was written (--fail-on-stale-baseline): run with --prune-baseline and commit ${this.outcome.name}\n`,
    );
    return 1;
  }

  /** Per rule: findings now, new, in the baseline, fixed since, fixable and left for review. */
  progress(): MigrationProgress {
    this.progressCache ??= migrationProgress({
      ruleIds: this.ruleIds,
      findings: this.full.filter(wasAnalysed).flatMap((report) => report.findings),
      isBaselined: (finding) => this.outcome?.states.get(finding) === "unchanged",
      baselinedByRule: this.judgedByRule?.baselined,
      fixedByRule: this.judgedByRule?.fixed,
      date: runDate(),
      commit: headCommit(this.io.cwd),
      baselineFile: this.baseline?.name,
    });
    return this.progressCache;
  }

  private appendHistory(): void {
    if (!this.options.history) return;
    const file = path.resolve(this.io.cwd, this.options.history);
    mkdirSync(path.dirname(file), { recursive: true });
    appendFileSync(file, historyLine(this.progress()));
  }
}

/** The baseline named (or, to write one, the default name); an error when it is named but missing and not being written. */
function loadBaseline(cwd: string, options: AdoptionOptions): LoadedBaseline | undefined {
  const writing = options.updateBaseline || options.pruneBaseline;
  if (!options.baseline && !writing) return undefined;
  const name = options.baseline ?? DEFAULT_BASELINE_FILE;
  const file = path.resolve(cwd, name);
  if (options.updateBaseline && !existsSync(file)) return { file, name, records: [] };
  return { file, name, records: readBaselineFile(file) };
}

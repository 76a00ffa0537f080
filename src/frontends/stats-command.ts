// `intercom-migrate stats`: migration progress per rule against the baseline, as a text table with bars, Markdown or JSON.
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Command as CommandType } from "commander";
import { commander } from "../core/lazy.js";
import { DEFAULT_BASELINE_FILE } from "../baseline/baseline-file.js";
import { formatProgressMarkdown, formatProgressText } from "../formats/progress.js";
import { run, type RunResult } from "../run/run.js";
import { DEFAULT_CACHE_FILE } from "../workspace/cache.js";
import { ConfigError } from "../workspace/config.js";
import { Adoption } from "./adoption.js";
import { collect } from "./cli-options.js";
import { runProgress, wantsProgress } from "./progress-bar.js";

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

const STATS_FORMATS = ["text", "markdown", "json"] as const;

interface StatsOptions {
  format: (typeof STATS_FORMATS)[number];
  outputFile?: string;
  baseline?: string;
  history?: string;
  rule: string[];
  ignoreRule: string[];
  config?: string;
  cache?: boolean;
  cacheLocation: string;
  project?: string;
  types?: boolean;
  tests?: boolean;
  progress?: boolean;
}

export function addStatsCommand(program: CommandType, io: Io, setExit: (code: number) => void): void {
  const { Option } = commander();
  program
    .command("stats")
    .description("migration progress per rule: findings now, new, in the baseline, fixed since it, left for review")
    .argument("[paths...]", "files or folders to check (default: the current folder)")
    .addOption(
      new Option("-f, --format <format>", "text (a table with bars), markdown (for a step summary or a PR comment) or json")
        .choices(STATS_FORMATS)
        .default("text"),
    )
    .option("-o, --output-file <file>", "write the table to a file instead of stdout")
    .option("--baseline <file>", `the baseline to measure against (default: ./${DEFAULT_BASELINE_FILE} when there is one)`)
    .option("--history <file>", "append this run's numbers as a dated JSON line, to plot the burn-down")
    .option("--rule <id>", "count only this rule (repeatable, or comma-separated)", collect, [])
    .option("--ignore-rule <id>", "do not count this rule (repeatable, or comma-separated)", collect, [])
    .option("-c, --config <file>", "configuration file")
    .option("--cache", "only check files that changed since the last run (content hashes)")
    .option("--cache-location <file>", "where the cache is kept", DEFAULT_CACHE_FILE)
    .option("-p, --project <tsconfig>", "type-aware mode with this tsconfig.json")
    .option("--no-types", "no type-aware mode, even with a tsconfig.json")
    .option("--no-tests", "leave test files out")
    .option("--no-progress", "no progress bar on stderr (there is none off a terminal or in CI anyway)")
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  $ intercom-migrate stats",
        '  $ intercom-migrate stats --format markdown >> "$GITHUB_STEP_SUMMARY"',
        "  $ intercom-migrate stats --history intercom-migrate-history.jsonl",
      ].join("\n"),
    )
    .action(async (inputs: string[], options: StatsOptions) => setExit(await statsCommand(io, inputs, options)));
}

/** Exit 0 with the table (progress is a report, not a gate); 2 on bad usage. */
async function statsCommand(io: Io, inputs: string[], options: StatsOptions): Promise<number> {
  const baseline = options.baseline ?? (existsSync(path.join(io.cwd, DEFAULT_BASELINE_FILE)) ? DEFAULT_BASELINE_FILE : undefined);
  const adoption = Adoption.prepare(io, inputs, { format: "stats", baseline, history: options.history });
  if (typeof adoption === "number") return adoption;
  let result: RunResult;
  const bar = wantsProgress(options.progress) && options.format !== "json" ? runProgress() : undefined;
  try {
    result = await run({
      paths: inputs.length > 0 ? inputs : ["."],
      cwd: io.cwd,
      mode: "check",
      rules: options.rule,
      ignoreRules: options.ignoreRule,
      configPath: options.config,
      cacheLocation: options.cache ? options.cacheLocation : undefined,
      types: options.types === false ? false : options.project,
      tests: options.tests === false ? false : undefined,
      onStart: bar?.start,
      onReport: bar?.tick,
    });
  } catch (error) {
    bar?.done();
    if (!(error instanceof ConfigError)) throw error;
    io.stderr(`intercom-migrate: ${error.message}\n`);
    return 2;
  }
  bar?.done();
  for (const problem of result.problems) io.stderr(`intercom-migrate: ${problem.path}: ${problem.message}\n`);
  if (result.problems.length > 0) return 2;
  adoption.finish(result);
  const progress = adoption.progress();
  const text =
    options.format === "json"
      ? JSON.stringify(progress, null, 2) + "\n"
      : options.format === "markdown"
        ? formatProgressMarkdown(progress)
        : formatProgressText(progress);
  if (options.outputFile) writeFileSync(path.resolve(io.cwd, options.outputFile), text);
  else io.stdout(text);
  return 0;
}

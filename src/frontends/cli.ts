// The command line: `check` and `fix`, over the engine. Exit codes: 0 clean, 1 error-level findings, 2 bad usage.
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Command as CommandType } from "commander";
import { commander, diff } from "../core/lazy.js";
import { DEFAULT_CACHE_FILE } from "../workspace/cache.js";
import { Adoption, addAdoptionOptions, type AdoptionOptions } from "./adoption.js";
import { addStatsCommand } from "./stats-command.js";
import { CONFIG_FILE, ConfigError, PACKAGE_KEY } from "../workspace/config.js";
import { formatGithub, githubStepSummary } from "../formats/github.js";
import { formatJson } from "../formats/json.js";
import { formatMarkdownReport } from "../formats/markdown-report.js";
import { formatSarif } from "../formats/sarif.js";
import { formatStylish } from "../formats/stylish.js";
import { DEFAULT_MAX_FILE_BYTES, errorCount, warningCount, type FileReport } from "../run/process-file.js";
import { DOCS_BASE_URL, PACKAGE_ROOT, packageVersion } from "../package-info.js";
import { DirtyTreeError, GitGuardError, run, type FixChooser, type RunResult } from "../run/run.js";
import { outputPathProblem } from "../workspace/output-path.js";
import { formatFixSummary } from "../formats/fix-summary.js";
import { formatRunSummary, formatTypesNote } from "../formats/run-summary.js";
import { plural } from "../formats/plural.js";
import { collect } from "./cli-options.js";
import { runProgress, wantsProgress } from "./progress-bar.js";
import { dryRunPatch } from "../formats/patch.js";
import { mergeRuntimeReport } from "../run/runtime-report.js";

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

const FORMATS = ["stylish", "json", "sarif", "github"] as const;
type Format = (typeof FORMATS)[number];

interface CommonOptions extends AdoptionOptions {
  format: Format;
  maxFileSize: number;
  rule: string[];
  ignoreRule: string[];
  maxWarnings?: number;
  config?: string;
  cache?: boolean;
  cacheLocation: string;
  shard?: { index: number; count: number };
  outputFile?: string;
  dryRun?: boolean;
  allowDirty?: boolean;
  interactive?: boolean;
  annotate?: boolean;
  report?: string;
  progress?: boolean;
  project?: string;
  types?: boolean;
  tests?: boolean;
  runtimeReport?: string;
  ignore?: boolean;
  followSymlinks?: boolean;
}

function megabytes(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new (commander().InvalidArgumentError)("expected a positive number of megabytes");
  return Math.round(parsed * 1024 * 1024);
}

function count(value: string): number {
  if (!/^\d+$/.test(value)) throw new (commander().InvalidArgumentError)("expected a whole number");
  return Number(value);
}

function shard(value: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || total < 1 || index < 1 || index > total)
    throw new (commander().InvalidArgumentError)('expected "<index>/<count>" with 1 <= index <= count, e.g. 2/4');
  return { index, count: total };
}

function addCommonOptions(command: CommandType): CommandType {
  return command
    .argument("[paths...]", "files or folders to check (default: the current folder)")
    .addOption(new (commander().Option)("-f, --format <format>", "output format").choices(FORMATS).default("stylish"))
    .option("-o, --output-file <file>", "write the formatted results to a file instead of stdout")
    .option("--rule <id>", "run only this rule (repeatable, or comma-separated)", collect, [])
    .option("--ignore-rule <id>", "do not run this rule (repeatable, or comma-separated)", collect, [])
    .option("--max-warnings <n>", "exit 1 when there are more warnings than this", count)
    .option("-c, --config <file>", `configuration file (default: ${CONFIG_FILE} or the "${PACKAGE_KEY}" key of package.json, searched upwards)`)
    .option("--cache", "only check files that changed since the last run (content hashes)")
    .option("--cache-location <file>", "where the cache is kept", DEFAULT_CACHE_FILE)
    .option("--shard <index/count>", "check one stable slice of the files, e.g. 2/4 in a CI matrix", shard)
    .option("-p, --project <tsconfig>", "type-aware mode with this tsconfig.json (default: ./tsconfig.json when present)")
    .option("--no-types", "no type-aware mode, even with a tsconfig.json")
    .option("--no-tests", "leave test files alone (*.test.*, *.spec.*, __tests__/, __mocks__/, test/, tests/) and test doubles unmigrated")
    .option("--no-ignore", "apply neither .gitignore files nor the configuration's ignores (dependency and build folders are still skipped when walking)")
    .option("--follow-symlinks", "follow symbolic links (otherwise each is reported and left alone); fix still writes only real files inside the paths given")
    .option("--no-progress", "no progress bar on stderr (there is none off a terminal or in CI anyway)")
    .addOption(
      new (commander().Option)("--max-file-size <megabytes>", "skip files larger than this").argParser(megabytes).default(DEFAULT_MAX_FILE_BYTES, "8"),
    );
}

async function runCommand(io: Io, mode: "check" | "fix", inputs: string[], options: CommonOptions): Promise<number> {
  const started = Date.now();
  // Every path the run writes its own output to is checked before any source file is touched.
  for (const [flag, file] of [
    ["-o", options.outputFile],
    ["--report", options.report],
  ] as const) {
    const problem = file === undefined ? undefined : outputPathProblem(io.cwd, file);
    if (problem) {
      io.stderr(`intercom-migrate: ${flag} ${file ?? ""}: ${problem}; nothing was checked or written\n`);
      return 2;
    }
  }
  // SIGINT / SIGTERM stop the run between two files (never inside a write); a second one stops it at once.
  const interruption = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (interruption.signal.aborted) process.exit(signal === "SIGINT" ? 130 : 143);
    interruption.abort(signal);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    return await runAndReport(io, mode, inputs, options, started, interruption.signal);
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

async function runAndReport(io: Io, mode: "check" | "fix", inputs: string[], options: CommonOptions, started: number, signal: AbortSignal): Promise<number> {
  let result: RunResult;
  // A progress bar for long runs: on a terminal only, never in CI, with --interactive or machine-readable output.
  const progress = wantsProgress(options.progress) && options.format === "stylish" && !options.interactive ? runProgress() : undefined;
  const adoption = Adoption.prepare(io, inputs, options);
  if (typeof adoption === "number") return adoption;
  let runtimeNotices: string[] = [];
  try {
    result = await run({
      paths: inputs.length > 0 ? inputs : ["."],
      cwd: io.cwd,
      mode,
      dryRun: options.dryRun,
      rules: options.rule,
      ignoreRules: options.ignoreRule,
      configPath: options.config,
      maxFileBytes: options.maxFileSize,
      cacheLocation: options.cache ? options.cacheLocation : undefined,
      shard: options.shard,
      changedFiles: adoption.changedFiles,
      types: options.types === false ? false : options.project,
      tests: options.tests === false ? false : undefined,
      allowDirty: options.allowDirty,
      annotate: options.annotate,
      choose: options.interactive ? interactiveChooser(io) : undefined,
      onStart: progress?.start,
      onReport: progress?.tick,
      noIgnore: options.ignore === false,
      followSymlinks: options.followSymlinks,
      signal,
    });
    if (options.runtimeReport) runtimeNotices = mergeRuntimeReport(result.reports, options.runtimeReport, { cwd: io.cwd, rules: result.rules });
    progress?.done();
  } catch (error) {
    progress?.done();
    if (error instanceof ConfigError || error instanceof DirtyTreeError || error instanceof GitGuardError) {
      io.stderr(`intercom-migrate: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  adoption.finish(result);
  const { reports, problems } = result;
  if (result.types.problem) io.stderr(`intercom-migrate: ${result.types.problem}\n`);
  for (const warning of result.warnings) io.stderr(`intercom-migrate: warning: ${warning}\n`);
  if (options.report)
    writeOutput(io.cwd, options.report, formatMarkdownReport(reports, result.rules, io.cwd, !!options.dryRun, { reportFile: options.report }));
  for (const problem of problems) io.stderr(`intercom-migrate: ${problem.path}: ${problem.message}\n`);
  for (const notice of runtimeNotices) io.stderr(`intercom-migrate: --runtime-report: ${notice}\n`);
  // The dry run's diff: on stdout for stylish, inside the JSON for json, on stderr for the other machine formats
  // (with a machine format, stdout holds only that format).
  if (mode === "fix" && options.dryRun && options.format !== "json") {
    for (const patch of reports.map((report) => dryRunPatch(report, io.cwd))) if (patch) (options.format === "stylish" ? io.stdout : io.stderr)(patch);
  }
  const formatted = adoption.format(options.format, (shown) => formatReports(options.format, shown, io, result), reports);
  if (options.outputFile) writeOutput(io.cwd, options.outputFile, formatted);
  else if (options.format !== "stylish" || mode === "check") io.stdout(formatted);
  if (mode === "fix") {
    const summary = formatFixSummary(reports, io.cwd, !!options.dryRun);
    (options.format === "stylish" && !options.dryRun && !options.outputFile ? io.stdout : io.stderr)(summary);
  }
  if (options.format === "github" && process.env.GITHUB_STEP_SUMMARY) {
    appendFileSync(process.env.GITHUB_STEP_SUMMARY, githubStepSummary(reports, io.cwd) + adoption.stepSummary());
  }
  // A run of a human format ends with a summary on stderr, so it never prints nothing while something was not
  // analysed (a run stopped by bad usage — a path that does not exist — ends with that message instead).
  if (options.format === "stylish" && problems.length === 0) {
    const elapsedMs = Date.now() - started;
    io.stderr(formatTypesNote(result.types, elapsedMs, io.cwd));
    const written = mode === "fix" ? reports.filter((report) => (options.dryRun ? report.output !== undefined : report.written)).length : undefined;
    io.stderr(formatRunSummary({ reports, elapsedMs, mode, written, dryRun: !!options.dryRun }, io.cwd));
  }
  if (result.interrupted) {
    io.stderr(interruptionSummary(reports, mode, !!options.dryRun, String(signal.reason), io.cwd));
    return signal.reason === "SIGTERM" ? 143 : 130;
  }
  if (problems.length > 0) return 2;
  // A rule or the core failed on a file: the tool did not do its job there, whatever else it found.
  if (reports.some((report) => (report.internalErrors?.length ?? 0) > 0)) return 2;
  if (reports.some((report) => errorCount(report) > 0)) return 1;
  const warnings = reports.reduce((sum, report) => sum + warningCount(report), 0);
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr(`intercom-migrate: ${plural(warnings, "warning")}, more than --max-warnings ${options.maxWarnings}\n`);
    return 1;
  }
  return adoption.exitCode();
}

/** Write the run's own output (-o, --report), creating missing folders (the path was checked before the run). */
function writeOutput(cwd: string, file: string, text: string): void {
  const absolute = path.resolve(cwd, file);
  mkdirSync(path.dirname(absolute), { recursive: true });
  writeFileSync(absolute, text);
}

/** What an interrupted run did: for fix, exactly which files were written before it stopped (the rest are untouched). */
function interruptionSummary(reports: readonly FileReport[], mode: "check" | "fix", dryRun: boolean, signal: string, cwd: string): string {
  const name = (report: FileReport) => path.relative(cwd, report.filePath) || report.filePath;
  if (mode === "check" || dryRun)
    return `intercom-migrate: interrupted by ${signal} after ${reports.length} file${reports.length === 1 ? "" : "s"}; nothing was written, and the results above are incomplete.\n`;
  const written = reports.filter((report) => report.written);
  const pending = reports.filter((report) => report.output !== undefined && !report.written);
  const lines = [
    `intercom-migrate: interrupted by ${signal}: wrote ${written.length} file${written.length === 1 ? "" : "s"} before stopping${written.length > 0 ? ":" : "."}`,
  ];
  for (const report of written) lines.push(`  written      ${name(report)}`);
  if (pending.length > 0)
    lines.push(
      `${pending.length} file${pending.length === 1 ? "" : "s"} with fixes ${pending.length === 1 ? "was" : "were"} not written and ${pending.length === 1 ? "is" : "are"} unchanged:`,
    );
  for (const report of pending) lines.push(`  not written  ${name(report)}`);
  lines.push("Each file is either fully fixed or untouched; run fix again to finish.");
  return lines.join("\n") + "\n";
}

/** --interactive: one question per fix, answers read line by line from stdin (a terminal or a pipe). */
function interactiveChooser(io: Io): FixChooser {
  const lines = createInterface({ input: process.stdin, terminal: false })[Symbol.asyncIterator]();
  let mode: "ask" | "all" | "quit" = "ask";
  return async ({ filePath, finding, before, after }) => {
    if (mode !== "ask") return mode === "all";
    const name = path.relative(io.cwd, filePath);
    const hunk = diff().createTwoFilesPatch(name, name, before, after, undefined, undefined, { context: 2 }).split("\n").slice(4).join("\n");
    io.stderr(`\n${name}:${finding.loc.start.line}:${finding.loc.start.column}  ${finding.ruleId}\n${finding.message}\n${hunk}`);
    for (;;) {
      io.stderr("Apply this fix? [y]es / [n]o / [a]ll / [q]uit: ");
      const next = await lines.next();
      const answer = next.done ? "q" : next.value.trim().toLowerCase();
      if (answer === "y" || answer === "yes") return true;
      if (answer === "n" || answer === "no") return false;
      if (answer === "a" || answer === "all") {
        mode = "all";
        return true;
      }
      if (answer === "q" || answer === "quit") {
        mode = "quit";
        return false;
      }
      io.stderr(`Please answer y, n, a or q.\n`);
    }
  };
}

function formatReports(format: Format, reports: FileReport[], io: Io, result: RunResult): string {
  switch (format) {
    case "json":
      return formatJson(reports, io.cwd) + "\n";
    case "sarif":
      return (
        formatSarif(reports, {
          cwd: io.cwd,
          rules: result.rules,
          version: packageVersion(),
          packageRoot: PACKAGE_ROOT,
          docsBaseUrl: DOCS_BASE_URL,
          warnings: result.warnings,
        }) + "\n"
      );
    case "github":
      return formatGithub(reports, io.cwd);
    default:
      return formatStylish(reports, io.cwd);
  }
}

export function buildProgram(io: Io, setExit: (code: number) => void): CommandType {
  const program = new (commander().Command)("intercom-migrate")
    .description("Find and migrate Intercom REST API 2.13 usages to 2.14 in JavaScript and TypeScript code.")
    .version(packageVersion(), "-v, --version")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  addAdoptionOptions(addCommonOptions(program.command("check").description("report 2.13 shapes; exit 1 while error-level findings remain")))
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  $ intercom-migrate check .",
        "  $ intercom-migrate check . --format sarif -o intercom.sarif",
        "  $ intercom-migrate check src --format github --max-warnings 0",
        "  $ intercom-migrate check . --cache --shard 2/4",
        "  $ intercom-migrate check . --baseline intercom-migrate-baseline.json --changed-since origin/main",
        "  $ intercom-migrate check . --runtime-report intercom-runtime.jsonl",
      ].join("\n"),
    )
    .option("--runtime-report <file.jsonl>", "merge what the runtime guard saw (INTERCOM_MIGRATE_RUNTIME_REPORT) into the results")
    .action(async (inputs: string[], options: CommonOptions) => setExit(await runCommand(io, "check", inputs, options)));
  addCommonOptions(program.command("fix").description("apply every safe fix in place, then list what is left for review"))
    .option("--dry-run", "print a unified diff of the fixes and write nothing")
    .option("--allow-dirty", "rewrite files even if they have uncommitted changes")
    .option("-i, --interactive", "show each fix and ask: yes / no / all / quit (answers are read from stdin, so a pipe works)")
    .option("--annotate", "put a `// intercom-migrate: <what to do>` comment above each leftover")
    .option("--report <file.md>", "write a Markdown migration report (for a pull request)")
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  $ intercom-migrate fix . --dry-run",
        "  $ intercom-migrate fix . --report MIGRATION.md",
        "  $ intercom-migrate fix src --interactive",
        "  $ intercom-migrate fix . --annotate --allow-dirty",
      ].join("\n"),
    )
    .action(async (inputs: string[], options: CommonOptions) => setExit(await runCommand(io, "fix", inputs, options)));
  addStatsCommand(program, io, setExit);
  program
    .command("lsp")
    .description("start the language server on stdio (diagnostics and quick fixes for JS/TS documents)")
    .option("--stdio", "talk over stdin/stdout (the default and only transport)")
    .option("--no-progress", "accepted for symmetry with the other commands: the server never draws progress")
    .action(async () => {
      // The language server and its dependency load only for this command.
      const { startLanguageServer } = await import("./lsp.js");
      startLanguageServer();
    });
  return program;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, (code) => (exitCode = code));
  if (argv.length <= 2) {
    program.outputHelp({ error: true });
    return 2;
  }
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof commander().CommanderError) {
      return error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help" ? 0 : 2;
    }
    io.stderr(`intercom-migrate: ${(error as Error).message}\n`);
    return 2;
  }
  return exitCode;
}

// The command line: `check` and `fix`, over the engine. Exit codes: 0 clean, 1 error-level findings, 2 bad usage.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { createTwoFilesPatch } from "diff";
import { RULES } from "../rules/index.js";
import { Engine } from "./engine.js";
import { discoverFiles } from "./files.js";
import { formatJson } from "./formats/json.js";
import { formatStylish } from "./formats/stylish.js";
import { DEFAULT_MAX_FILE_BYTES, errorCount, processFile, type FileReport } from "./run.js";
import { formatFixSummary } from "./summary.js";

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

const FORMATS = ["stylish", "json"] as const;
type Format = (typeof FORMATS)[number];

interface CommonOptions {
  format: Format;
  maxFileSize: number;
}

const packageVersion = (): string => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
  return (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version;
};

function megabytes(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError("expected a positive number of megabytes");
  return Math.round(parsed * 1024 * 1024);
}

function addCommonOptions(command: Command): Command {
  return command
    .argument("[paths...]", "files or folders to check (default: the current folder)")
    .addOption(new Option("-f, --format <format>", "output format").choices(FORMATS).default("stylish"))
    .addOption(new Option("--max-file-size <megabytes>", "skip files larger than this").argParser(megabytes).default(DEFAULT_MAX_FILE_BYTES, "8"));
}

async function runCommand(io: Io, mode: "check" | "fix", inputs: string[], options: CommonOptions & { dryRun?: boolean }): Promise<number> {
  const paths = inputs.length > 0 ? inputs : ["."];
  const discovery = await discoverFiles(paths, io.cwd);
  for (const problem of discovery.problems) io.stderr(`intercom-migrate: ${problem.path}: ${problem.message}\n`);
  const engine = new Engine({ rules: RULES });
  const reports: FileReport[] = [];
  for (const file of discovery.files) {
    reports.push(await processFile(engine, file, { mode, dryRun: options.dryRun, maxFileBytes: options.maxFileSize }));
  }
  if (mode === "fix" && options.dryRun) {
    for (const report of reports) {
      if (report.original === undefined || report.output === undefined) continue;
      const name = path.relative(io.cwd, report.filePath).split(path.sep).join("/");
      io.stdout(createTwoFilesPatch(`a/${name}`, `b/${name}`, report.original, report.output, undefined, undefined, { context: 3 }));
    }
  }
  if (options.format === "json") {
    io.stdout(formatJson(reports) + "\n");
    if (mode === "fix") io.stderr(formatFixSummary(reports, io.cwd, !!options.dryRun));
  } else if (mode === "fix") {
    (options.dryRun ? io.stderr : io.stdout)(formatFixSummary(reports, io.cwd, !!options.dryRun));
  } else {
    io.stdout(formatStylish(reports, io.cwd));
  }
  if (discovery.problems.length > 0) return 2;
  return reports.some((report) => errorCount(report) > 0) ? 1 : 0;
}

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command("intercom-migrate")
    .description("Find and migrate Intercom REST API 2.13 usages to 2.14 in JavaScript and TypeScript code.")
    .version(packageVersion(), "-v, --version")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  addCommonOptions(program.command("check").description("report 2.13 shapes; exit 1 while error-level findings remain")).action(
    async (inputs: string[], options: CommonOptions) => setExit(await runCommand(io, "check", inputs, options)),
  );
  addCommonOptions(program.command("fix").description("apply every safe fix in place, then list what is left for review"))
    .option("--dry-run", "print a unified diff of the fixes and write nothing")
    .action(async (inputs: string[], options: CommonOptions & { dryRun?: boolean }) => setExit(await runCommand(io, "fix", inputs, options)));
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
    await program.parseAsync(argv as string[]);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help" ? 0 : 2;
    }
    io.stderr(`intercom-migrate: ${(error as Error).message}\n`);
    return 2;
  }
  return exitCode;
}

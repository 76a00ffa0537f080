// A whole run over paths: configuration, rule selection, discovery, sharding, cache, per-file processing.

import { createRequire } from "node:module";
import { setImmediate as yieldToEvents } from "node:timers/promises";
import { statSync } from "node:fs";
import path from "node:path";
import { packageVersion } from "../package-info.js";
import type { TypesSource } from "../core/project.js";
import { ResultCache, hashRegularFile, hashText, resolveCacheLocation } from "../workspace/cache.js";
import { affectedFiles, affectedFilesOptions } from "../workspace/changed-files.js";
import { readRegularFile } from "../workspace/read.js";
import { installedSdkVersion, tsconfigChain } from "../workspace/tsconfig.js";
import { ConfigError, type Config } from "../workspace/config.js";
import { createEngine, type EngineRequest } from "../workspace/create-engine.js";
import { isTestFile } from "../requests/doubles.js";
import { discoverFiles, type DiscoveryProblem, type SkippedPath } from "../workspace/files.js";
import { settleElsewhere } from "./elsewhere.js";
import { CheckPool, POOL_THRESHOLD, checkWithPool, workerCount } from "./pool.js";
import { DEFAULT_MAX_FILE_BYTES, processFile, type FileReport, type FixChooser } from "./process-file.js";
import { DirtyTreeError, GitGuardError, markRefusedWrites, writeFixes } from "./write-fixes.js";
export { DirtyTreeError, GitGuardError };
import type { Rule } from "../core/types.js";
export type { FixChooser };

/** A run: the engine's request (configuration, rules, settings, tests, type-aware mode) and what to run it on. */
export interface RunRequest extends EngineRequest {
  paths: readonly string[];
  mode: "check" | "fix";
  dryRun?: boolean;
  maxFileBytes?: number;
  /** Path of the cache file, when caching. */
  cacheLocation?: string;
  /** 1-based shard index and shard count (`--shard 2/4`). */
  shard?: { index: number; count: number };
  /** `--changed-since`: the files changed since a git ref (absolute); only they and the files importing them are checked. */
  changedFiles?: ReadonlySet<string>;
  /** Let `fix` rewrite files that have uncommitted changes. */
  allowDirty?: boolean;
  /** `--interactive`: asked before each fix is applied. */
  choose?: FixChooser;
  /** `--annotate`: comment each leftover with what to do. */
  annotate?: boolean;
  /** Called once the files are known, before the first is checked: how many reports the run will make (progress). */
  onStart?: (total: number) => void;
  /** Called as each file is done (streaming output, progress). */
  onReport?: (report: FileReport) => void;
  /** Whether to keep every report in the result (off for streaming over huge trees). */
  keepReports?: boolean;
  /** `--no-ignore`: .gitignore files and the configuration's ignores do not apply. */
  noIgnore?: boolean;
  /** `--follow-symlinks`: follow symbolic links (fix still writes only real files inside the given roots). */
  followSymlinks?: boolean;
  /** Aborted on SIGINT / SIGTERM: the run stops between two files (never inside a write) and says what it did. */
  signal?: AbortSignal;
}

export interface RunResult {
  reports: FileReport[];
  problems: DiscoveryProblem[];
  config: Config;
  rules: Rule[];
  stats: { files: number; parsed: number; cached: number };
  /**
   * Type-aware mode: the tsconfig files it looked at, those whose type checker started, whether it was on by
   * default (each file's nearest tsconfig.json) or named, the time it took (ms), and why it could not start if it could not.
   */
  types: { configs: string[]; started: string[]; byDefault: boolean; ms: number; problem?: string };
  /** Problems of the run itself that did not stop it (a cache discarded, …), for stderr and the formats. */
  warnings: string[];
  /** The run was stopped (its signal aborted) before every file was checked or written: reports say what was done. */
  interrupted: boolean;
}

/** Everything besides a file's content and imports that decides its results: a cache made under other values is stale. */
function cacheKey(request: RunRequest, config: Config, rules: readonly Rule[], tests: boolean, typesSource: TypesSource | undefined): string {
  // With each file's nearest tsconfig, the one in the run's folder stands for them (a nested one changing is not seen).
  const typesConfig = typesSource === undefined ? undefined : typesSource === "nearest" ? path.join(request.cwd, "tsconfig.json") : typesSource.tsconfig;
  const types = typesConfig ? tsconfigChain(typesConfig) : undefined;
  return hashText(
    JSON.stringify([
      packageVersion(),
      rules.map((r) => `${r.meta.id}:${r.meta.severity}`),
      config.settings,
      [config.source ?? null, config.rules, config.tests],
      // Types: the tsconfig chain's content, the SDK whose types decide fixes, and the TypeScript that reads them.
      typesSource === "nearest" ? "nearest" : (typesConfig ?? null),
      types?.fingerprint ?? null,
      installedSdkVersion(request.cwd) ?? null,
      typesConfig ? typescriptVersion() : null,
      tests,
      // The size limit decides results too: a file skipped as too large must not stay skipped under a higher limit.
      request.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
      request.followSymlinks ?? false,
    ]),
  );
}

function typescriptVersion(): string | null {
  try {
    return (createRequire(import.meta.url)("typescript/package.json") as { version: string }).version;
  } catch {
    return null;
  }
}

/** A file's path for test-file patterns: relative to the run's folder, or to the config's folder, else as given. */
function projectPath(file: string, cwd: string, root: string): string {
  for (const base of [path.resolve(cwd), path.resolve(root)]) {
    const relative = path.relative(base, file);
    if (relative && !relative.startsWith("..") && !path.isAbsolute(relative)) return relative;
  }
  return file;
}

/** Stable assignment of a file to one of `count` shards, by its path relative to the run's folder. */
export function shardOf(relativePath: string, count: number): number {
  return (Number.parseInt(hashText(relativePath.split(path.sep).join("/")).slice(0, 8), 16) % count) + 1;
}

/** Whether a run names a folder (a file named on its own is never part of a check large enough for workers). */
function namesFolder(request: RunRequest): boolean {
  return request.paths.some((input) => {
    try {
      return statSync(path.resolve(request.cwd, input)).isDirectory();
    } catch {
      return false;
    }
  });
}

/** The engine's part of a run request, as plain data (workers build the same engine from it). */
function engineRequestOf(request: RunRequest): EngineRequest {
  const { cwd, configPath, rules, ignoreRules, settings, tests, types } = request;
  return { cwd, configPath, rules, ignoreRules, settings, tests, types };
}

export async function run(request: RunRequest): Promise<RunResult> {
  // Workers start early (see below): whatever ends the run, a failure too, stops them.
  const started: { pool?: CheckPool } = {};
  try {
    return await runWith(request, started);
  } finally {
    started.pool?.stop();
  }
}

async function runWith(request: RunRequest, started: { pool?: CheckPool }): Promise<RunResult> {
  const warnings: string[] = [];
  const { engine, config, rules, tests, typesConfig, request: engineRequest } = createEngine(engineRequestOf(request), warnings);
  // A check reads the tree as it is: imports are resolved once (fix rewrites files, and re-reads them).
  if (request.mode === "check") engine.project.assumeUnchangingFiles();
  // Checked before any file is read: a bad --cache-location fails the run now, not after the analysis.
  let cacheLocation: string | undefined;
  try {
    cacheLocation = request.cacheLocation ? resolveCacheLocation(request.cwd, request.cacheLocation) : undefined;
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  const options = {
    mode: request.mode,
    dryRun: request.dryRun,
    maxFileBytes: request.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    annotate: request.annotate,
    followSymlinks: request.followSymlinks,
  };
  // A check of a folder may be large enough to use every core (see below): its workers start now, and build their
  // engines while this thread walks the tree.
  const pooling = request.mode === "check" && !cacheLocation && !typesConfig;
  let pool =
    pooling && workerCount(POOL_THRESHOLD) > 0 && namesFolder(request) ? new CheckPool(workerCount(POOL_THRESHOLD), engineRequest, options) : undefined;
  started.pool = pool;
  const discovery = await discoverFiles(request.paths, request.cwd, {
    root: config.root,
    patterns: config.ignores,
    noIgnore: request.noIgnore,
    followSymlinks: request.followSymlinks,
  });
  let files = discovery.files;
  // --no-tests: test files are left alone (by their path in the project, so a checkout under /home/x/test/ is no test).
  if (!tests) files = files.filter((file) => !isTestFile(projectPath(file, request.cwd, config.root)));
  if (request.shard) {
    const { index, count } = request.shard;
    files = files.filter((file) => shardOf(path.relative(request.cwd, file), count) === index);
  }
  const cache = cacheLocation ? new ResultCache(cacheLocation, cacheKey(request, config, rules, tests, typesConfig)) : undefined;
  if (request.changedFiles) files = affectedFiles(files, request.changedFiles, affectedFilesOptions(engine, cache));
  const writing = request.mode === "fix" && !request.dryRun;
  // Type-aware mode's program holds the files this run checks (that pass the prefilter), not the whole tsconfig's.
  engine.project.plannedFiles = new Set(files.map((file) => path.resolve(file)));
  // Fixes are computed first and written last, so the dirty-tree guard and --interactive see the whole change.
  const reports: FileReport[] = [];
  request.onStart?.(discovery.skipped.length + files.length);
  // What the walk left out is reported like a file: every skipped path is counted and named in every format.
  for (const skipped of discovery.skipped) {
    const report = skippedReport(skipped);
    request.onReport?.(report);
    reports.push(report);
  }
  let cached = 0;
  const emit = (report: FileReport) => {
    request.onReport?.(report);
    if (request.keepReports !== false) reports.push(report);
  };
  // A large check uses every core: this thread reads and gates the files, and hands the ones with work to workers
  // (started before the walk) while they have room. A cache or fixes keep the single engine (they need its
  // bookkeeping), and so does type-aware mode (each thread would build its own TypeScript program, and pay for
  // reading the libraries and declarations again).
  if (pool && (workerCount(files.length) === 0 || request.signal?.aborted)) {
    pool.stop();
    pool = undefined;
  }
  let pooledParses = 0;
  if (pool) pooledParses = await checkWithPool(files, pool, engine, options, emit, request.signal);
  let yielded = Date.now();
  for (const file of pool ? [] : files) {
    // Now and then, let a signal handler run: an interrupted check or fix stops between files.
    if (Date.now() - yielded > 50) {
      await yieldToEvents();
      yielded = Date.now();
    }
    if (request.signal?.aborted) break;
    let report: FileReport | undefined;
    let hash: string | undefined;
    if (cache) {
      hash = hashRegularFile(file, options.maxFileBytes);
      const hit = hash ? cache.lookup(file, hash) : undefined;
      // A hit serves `check`, and `fix` too when there is nothing to fix in the file.
      if (hit && (request.mode === "check" || !hit.findings.some((f) => f.edits))) {
        report = { filePath: file, applied: [], written: false, ...hit };
        cached++;
      }
    }
    if (!report) {
      engine.project.startTracking();
      report = await processFile(engine, file, options);
      const deps = engine.project.stopTracking();
      if (cache && hash && (request.mode === "check" || !report.output)) cache.store(file, hash, deps, report);
    }
    if (report.findings.length > 0 && report.text === undefined && cache) {
      // Formats that print fixes need the text; a cache hit does not keep it.
      const read = readRegularFile(file, options.maxFileBytes);
      if (read.ok) report.text = read.bytes.toString("utf8");
    }
    if (!writing || report.output === undefined) request.onReport?.(report);
    if (request.keepReports !== false || (writing && report.output !== undefined)) reports.push(report);
  }
  if (request.keepReports !== false) await settleElsewhere(reports, engine, options);
  let interrupted = !!request.signal?.aborted;
  if (writing && !interrupted) {
    const phase = {
      engine,
      options,
      cwd: request.cwd,
      roots: discovery.roots,
      allowDirty: request.allowDirty,
      choose: request.choose,
      signal: request.signal,
      onReport: request.onReport,
      warnings,
    };
    interrupted = (await writeFixes(reports, phase)).interrupted;
  }
  if (request.mode === "fix" && request.dryRun) markRefusedWrites(reports, discovery.roots, options, engine);
  if (cache) {
    try {
      await cache.save();
    } catch (error) {
      cache.warnings.push(
        `the cache could not be saved to ${cacheLocation ?? ""} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); the next run starts without it`,
      );
    }
    for (const warning of cache.warnings) warnings.push(warning);
  }
  return {
    reports,
    problems: discovery.problems,
    config,
    rules,
    stats: { files: files.length, parsed: engine.project.parseCount + pooledParses, cached },
    types: {
      configs: engine.project.typesConfigs,
      started: engine.project.typesStarted,
      byDefault: typesConfig === "nearest",
      ms: engine.project.typesMs,
      problem: engine.project.typesProblem,
    },
    warnings,
    interrupted,
  };
}

function skippedReport(skipped: SkippedPath): FileReport {
  const report: FileReport = { filePath: skipped.path, findings: [], applied: [], written: false };
  if (skipped.level === "error") report.fatal = { message: skipped.message, line: 1, column: 1 };
  else report.notice = skipped.message;
  // An error (a FIFO named on the command line) counts once, as the fatal problem; the skip only says why.
  report.skipped = { reason: skipped.reason, level: skipped.level === "error" ? "note" : skipped.level };
  return report;
}

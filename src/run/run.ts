// A whole run over paths: configuration, rule selection, discovery, sharding, cache, per-file processing.
import { readFileSync } from "node:fs";
import { packageVersion } from "../package-info.js";
import path from "node:path";
import { ResultCache, hashText } from "../workspace/cache.js";
import { affectedFiles, affectedFilesOptions } from "../workspace/changed-files.js";
import type { Config } from "../workspace/config.js";
import { createEngine, type EngineRequest } from "../workspace/create-engine.js";
import { isTestFile } from "../requests/doubles.js";
import { discoverFiles, type DiscoveryProblem } from "../workspace/files.js";
import { dirtyFiles } from "../workspace/git.js";
import { settleElsewhere } from "./elsewhere.js";
import { checkInPool, poolSize } from "./pool.js";
import { DEFAULT_MAX_FILE_BYTES, processFile, writeFixedFile, type FileReport, type FixChooser } from "./process-file.js";
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
  /** Called as each file is done (streaming output, progress). */
  onReport?: (report: FileReport) => void;
  /** Whether to keep every report in the result (off for streaming over huge trees). */
  keepReports?: boolean;
}

export interface RunResult {
  reports: FileReport[];
  problems: DiscoveryProblem[];
  config: Config;
  rules: Rule[];
  stats: { files: number; parsed: number; cached: number };
  /** The tsconfig files type-aware mode used, and why it could not start for one if it could not. */
  types: { configs: string[]; problem?: string };
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

/** `fix` would rewrite files with uncommitted changes: the migration would mix with other work. */
export class DirtyTreeError extends Error {
  constructor(readonly files: string[]) {
    const shown = files.slice(0, 10).join(", ") + (files.length > 10 ? `, and ${files.length - 10} more` : "");
    super(
      `refusing to fix: ${files.length} file${files.length === 1 ? "" : "s"} to be rewritten ha${files.length === 1 ? "s" : "ve"} uncommitted changes (${shown}). ` +
        "Commit or stash them first, so the migration is a diff of its own you can review and revert, or pass --allow-dirty.",
    );
  }
}

/** The engine's part of a run request, as plain data (workers build the same engine from it). */
function engineRequestOf(request: RunRequest): EngineRequest {
  const { cwd, configPath, rules, ignoreRules, settings, tests, types } = request;
  return { cwd, configPath, rules, ignoreRules, settings, tests, types };
}

export async function run(request: RunRequest): Promise<RunResult> {
  const { engine, config, rules, settings, tests, typesConfig, request: engineRequest } = createEngine(engineRequestOf(request));
  const discovery = await discoverFiles(request.paths, request.cwd, { root: config.root, patterns: config.ignores });
  let files = discovery.files;
  // --no-tests: test files are left alone (by their path in the project, so a checkout under /home/x/test/ is no test).
  if (!tests) files = files.filter((file) => !isTestFile(projectPath(file, request.cwd, config.root)));
  if (request.shard) {
    const { index, count } = request.shard;
    files = files.filter((file) => shardOf(path.relative(request.cwd, file), count) === index);
  }
  const cache = request.cacheLocation
    ? new ResultCache(
        path.resolve(request.cwd, request.cacheLocation),
        // The size limit decides results too: a file skipped as too large must not stay skipped under a higher limit.
        JSON.stringify([
          packageVersion(),
          rules.map((r) => `${r.meta.id}:${r.meta.severity}`),
          settings,
          typesConfig ?? null,
          tests,
          request.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
        ]),
      )
    : undefined;
  if (request.changedFiles) files = affectedFiles(files, request.changedFiles, affectedFilesOptions(engine, cache));
  const writing = request.mode === "fix" && !request.dryRun;
  // Fixes are computed first and written last, so the dirty-tree guard and --interactive see the whole change.
  const options = { mode: request.mode, dryRun: request.dryRun, maxFileBytes: request.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, annotate: request.annotate };
  const reports: FileReport[] = [];
  let cached = 0;
  // Large checks spread over the cores (a cache or fixes keep the single engine: they need its bookkeeping).
  const workers = request.mode === "check" && !cache ? poolSize(files.length) : 0;
  let pooledParses = 0;
  if (workers > 1) {
    pooledParses = await checkInPool(files, workers, engineRequest, options, (_, report) => {
      request.onReport?.(report);
      if (request.keepReports !== false) reports.push(report);
    });
  }
  for (const file of workers > 1 ? [] : files) {
    let report: FileReport | undefined;
    let hash: string | undefined;
    if (cache) {
      try {
        hash = hashText(readFileSync(file));
      } catch {
        hash = undefined;
      }
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
      report.text = readFileSync(file, "utf8");
    }
    if (!writing || report.output === undefined) request.onReport?.(report);
    if (request.keepReports !== false || (writing && report.output !== undefined)) reports.push(report);
  }
  if (request.keepReports !== false) await settleElsewhere(reports, engine, options);
  if (writing) {
    const changing = reports.filter((report) => report.output !== undefined);
    if (!request.allowDirty) {
      const { dirty } = dirtyFiles(
        changing.map((report) => report.filePath),
        request.cwd,
      );
      if (dirty.length > 0) throw new DirtyTreeError(dirty);
    }
    for (const [index, report] of reports.entries()) {
      if (report.output === undefined) continue;
      if (request.choose) reports[index] = await processFile(engine, report.filePath, { ...options, choose: request.choose });
      await writeFixedFile(reports[index]);
      request.onReport?.(reports[index]);
    }
  }
  await cache?.save();
  return {
    reports,
    problems: discovery.problems,
    config,
    rules,
    stats: { files: files.length, parsed: engine.project.parseCount + pooledParses, cached },
    types: { configs: engine.project.typesConfigs, problem: engine.project.typesProblem },
  };
}

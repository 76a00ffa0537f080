// --cache: a content-hash cache of results, so an unchanged file (and unchanged imports) is not parsed again.
//
// The cache is trusted only as far as it can be checked: its key names everything besides file contents that
// decides results (tool version, rules, settings, configuration, tsconfig and installed SDK), its shape is
// validated entry by entry, and each entry carries a checksum of what it says. A cache that fails any check is
// discarded with a warning and rebuilt; it never makes a run crash or hide a finding it did not find.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "../core/lazy.js";
import type { FileReport } from "../run/process-file.js";
import { readRegularFile } from "./read.js";

export const DEFAULT_CACHE_FILE = ".intercom-migrate-cache";
const CACHE_FORMAT = 2;
/** A cache file larger than this is not read (and is replaced). */
const MAX_CACHE_BYTES = 512 * 1024 * 1024;
/** Imported modules larger than this are not hashed (they are not followed either). */
const MAX_DEPENDENCY_BYTES = 8 * 1024 * 1024;

type CachedReport = Pick<FileReport, "findings" | "fatal" | "notice" | "skipped">;

interface Entry {
  hash: string;
  /** Project modules the analysis read (imports followed), with their hashes: a change there invalidates the entry. */
  deps: Record<string, string>;
  report: CachedReport;
  /** Checksum of the key, the path and all of the above: an edited entry does not pass. */
  sum: string;
}

interface CacheData {
  format: number;
  key: string;
  entries: Record<string, Entry>;
}

export function hashText(text: string | Uint8Array): string {
  return createHash("sha1").update(text).digest("hex");
}

/** The hash of a regular file's content (never a FIFO or a device, never more than the limit), or undefined. */
export function hashRegularFile(filePath: string, maxBytes = MAX_DEPENDENCY_BYTES): string | undefined {
  const read = readRegularFile(filePath, maxBytes);
  return read.ok ? hashText(read.bytes) : undefined;
}

/**
 * Where the cache file is, for `--cache-location`: a folder (existing, or named with a trailing slash) holds
 * `.intercom-migrate-cache`. Checked before any file is read, so a bad location fails the run at once, not after
 * the analysis. Throws an Error whose message says what is wrong and what to do.
 */
export function resolveCacheLocation(cwd: string, location: string): string {
  const absolute = path.resolve(cwd, location);
  let file = absolute;
  if (/[\\/]$/.test(location) || isDirectory(absolute)) file = path.join(absolute, DEFAULT_CACHE_FILE);
  if (existsSync(file)) {
    const info = statSync(file);
    if (!info.isFile())
      throw new Error(`--cache-location ${location}: ${path.relative(cwd, file) || file} exists and is not a regular file; name a file or a folder`);
  }
  // The nearest folder that exists must be a folder (the rest is created when the cache is saved).
  let ancestor = path.dirname(file);
  while (!existsSync(ancestor) && path.dirname(ancestor) !== ancestor) ancestor = path.dirname(ancestor);
  if (!isDirectory(ancestor)) throw new Error(`--cache-location ${location}: ${ancestor} is a file, so the cache cannot be kept under it; name another place`);
  return file;
}

function isDirectory(target: string): boolean {
  try {
    return statSync(target).isDirectory();
  } catch {
    return false;
  }
}

const HASH = /^[0-9a-f]{40}$/;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isCount = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;
const isEdit = (value: unknown) => isObject(value) && isCount(value.start) && isCount(value.end) && typeof value.text === "string";
const isPosition = (value: unknown) => isObject(value) && isCount(value.line) && isCount(value.column);
const SKIP_REASONS = new Set(["too-large", "minified", "binary", "symlink", "ignored", "not-regular-file", "outside-roots", "unreadable"]);

/** What is wrong with a cached finding, or undefined when it has the shape the formats rely on. */
function findingProblem(value: unknown): string | undefined {
  if (!isObject(value)) return "a finding is not an object";
  if (typeof value.ruleId !== "string" || (value.severity !== "error" && value.severity !== "warning") || typeof value.message !== "string")
    return "a finding lacks its rule, severity or message";
  if (!isCount(value.start) || !isCount(value.end)) return "a finding's range is not two offsets";
  if (!isObject(value.loc) || !isPosition(value.loc.start) || !isPosition(value.loc.end)) return "a finding's location is not two positions";
  if (value.edits !== undefined && !(Array.isArray(value.edits) && value.edits.every(isEdit))) return "a finding's edits are malformed";
  if (value.action !== undefined && typeof value.action !== "string") return "a finding's action is not text";
  if (
    value.suggestions !== undefined &&
    !(
      Array.isArray(value.suggestions) &&
      value.suggestions.every((s) => isObject(s) && typeof s.message === "string" && Array.isArray(s.edits) && s.edits.every(isEdit))
    )
  ) {
    return "a finding's suggestions are malformed";
  }
  return undefined;
}

/** What is wrong with a cache entry, or undefined. */
function entryProblem(value: unknown): string | undefined {
  if (!isObject(value)) return "an entry is not an object";
  if (typeof value.hash !== "string" || !HASH.test(value.hash)) return "an entry's content hash is malformed";
  if (typeof value.sum !== "string" || !HASH.test(value.sum)) return "an entry has no checksum";
  if (!isObject(value.deps) || !Object.values(value.deps).every((hash) => typeof hash === "string" && HASH.test(hash)))
    return "an entry's dependencies are malformed";
  const report = value.report;
  if (!isObject(report) || !Array.isArray(report.findings)) return "an entry has no findings list";
  for (const finding of report.findings) {
    const problem = findingProblem(finding);
    if (problem) return problem;
  }
  if (report.fatal !== undefined && !(isObject(report.fatal) && typeof report.fatal.message === "string" && isPosition(report.fatal)))
    return "an entry's fatal problem is malformed";
  if (report.notice !== undefined && typeof report.notice !== "string") return "an entry's notice is not text";
  if (
    report.skipped !== undefined &&
    !(isObject(report.skipped) && SKIP_REASONS.has(report.skipped.reason as string) && (report.skipped.level === "note" || report.skipped.level === "warning"))
  ) {
    return "an entry's skip reason is malformed";
  }
  return undefined;
}

function checksum(key: string, filePath: string, entry: Omit<Entry, "sum">): string {
  return hashText([key, filePath, entry.hash, JSON.stringify(entry.deps), JSON.stringify(entry.report)].join("\0"));
}

export class ResultCache {
  private data: CacheData;
  private dirty = false;
  /** Problems with the cache (discarded, not saved), each said once on stderr and in SARIF. */
  readonly warnings: string[] = [];

  /** `key` names everything besides file contents that decides results: tool version, rules, settings, … */
  constructor(
    private readonly location: string,
    private readonly key: string,
  ) {
    this.data = { format: CACHE_FORMAT, key, entries: {} };
    const loaded = this.load();
    if (loaded && loaded.key === key) this.data = loaded;
    // A cache from another version or configuration is simply stale: it is replaced, without a warning.
    else if (loaded) this.dirty = true;
  }

  private load(): CacheData | undefined {
    if (!existsSync(this.location)) return undefined;
    const discard = (why: string): undefined => {
      this.warnings.push(`the cache ${this.location} ${why}; it was discarded and is being rebuilt`);
      this.dirty = true;
      return undefined;
    };
    const read = readRegularFile(this.location, MAX_CACHE_BYTES);
    if (!read.ok) {
      discard(read.kind === "too-large" ? `is too large (${read.problem})` : `could not be read (${read.problem})`);
      return;
    }
    let data: unknown;
    try {
      data = JSON.parse(read.bytes.toString("utf8"));
    } catch (error) {
      discard(`is not valid JSON (${(error as Error).message})`);
      return;
    }
    if (!isObject(data) || typeof data.key !== "string" || !isObject(data.entries)) {
      discard("is not an intercom-migrate cache");
      return;
    }
    // Another format (an older release's cache) is stale, not broken.
    if (data.format !== CACHE_FORMAT) return { format: -1, key: "", entries: {} };
    for (const entry of Object.values(data.entries)) {
      const problem = entryProblem(entry);
      if (problem) {
        discard(`does not have the shape of an intercom-migrate cache (${problem})`);
        return;
      }
    }
    return data as unknown as CacheData;
  }

  /** A stored report for this exact content, if none of the modules it read has changed since. */
  lookup(filePath: string, hash: string): CachedReport | undefined {
    const entry = Object.hasOwn(this.data.entries, filePath) ? this.data.entries[filePath] : undefined;
    if (!entry || entry.hash !== hash) return undefined;
    if (checksum(this.key, filePath, entry) !== entry.sum) {
      // Edited by hand or corrupted: nothing in it can be trusted any more.
      this.warnings.push(
        `the cache ${this.location} holds an entry that does not match its checksum (edited or corrupted); it was discarded and is being rebuilt`,
      );
      this.data = { format: CACHE_FORMAT, key: this.key, entries: {} };
      this.dirty = true;
      return undefined;
    }
    for (const [dep, depHash] of Object.entries(entry.deps)) if (hashRegularFile(dep) !== depHash) return undefined;
    return entry.report;
  }

  /** The project modules an analysis of this exact content read, whether or not they changed since (--changed-since). */
  dependenciesOf(filePath: string, hash: string): string[] | undefined {
    const entry = this.data.entries[filePath];
    return entry && entry.hash === hash ? Object.keys(entry.deps) : undefined;
  }

  store(filePath: string, hash: string, deps: readonly string[], report: FileReport): void {
    // Results of a run where the tool failed are not kept: the next run tries again.
    if ((report.internalErrors?.length ?? 0) > 0) return;
    const depHashes: Record<string, string> = {};
    for (const dep of deps) {
      if (dep === filePath) continue;
      const depHash = hashRegularFile(dep);
      if (depHash) depHashes[dep] = depHash;
    }
    // Through JSON once, so the checksum is of exactly what is saved and read back.
    const stored = JSON.parse(
      JSON.stringify({ findings: report.findings, fatal: report.fatal, notice: report.notice, skipped: report.skipped }),
    ) as CachedReport;
    const entry = { hash, deps: depHashes, report: stored };
    this.data.entries[filePath] = { ...entry, sum: checksum(this.key, filePath, entry) };
    this.dirty = true;
  }

  async save(): Promise<void> {
    if (!this.dirty) return;
    // --cache-location may name a folder that does not exist yet (a fresh CI workspace).
    mkdirSync(path.dirname(this.location), { recursive: true });
    await writeFileAtomic()(this.location, JSON.stringify(this.data));
  }
}

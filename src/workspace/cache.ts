// --cache: a content-hash cache of results, so an unchanged file (and unchanged imports) is not parsed again.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "../core/lazy.js";
import type { FileReport } from "../run/process-file.js";

export const DEFAULT_CACHE_FILE = ".intercom-migrate-cache";

interface Entry {
  hash: string;
  /** Project modules the analysis read (imports followed), with their hashes: a change there invalidates the entry. */
  deps: Record<string, string>;
  report: Pick<FileReport, "findings" | "fatal" | "notice">;
}

interface CacheData {
  key: string;
  entries: Record<string, Entry>;
}

export function hashText(text: string | Uint8Array): string {
  return createHash("sha1").update(text).digest("hex");
}

function hashFile(filePath: string): string | undefined {
  try {
    return hashText(readFileSync(filePath));
  } catch {
    return undefined;
  }
}

export class ResultCache {
  private data: CacheData;
  private dirty = false;

  /** `key` names everything besides file contents that decides results: tool version, rules, settings. */
  constructor(
    private readonly location: string,
    key: string,
  ) {
    let loaded: CacheData | undefined;
    try {
      loaded = JSON.parse(readFileSync(location, "utf8")) as CacheData;
    } catch {
      loaded = undefined;
    }
    this.data = loaded && loaded.key === key && typeof loaded.entries === "object" ? loaded : { key, entries: {} };
  }

  /** A stored report for this exact content, if none of the modules it read has changed since. */
  lookup(filePath: string, hash: string): Entry["report"] | undefined {
    const entry = this.data.entries[filePath];
    if (!entry || entry.hash !== hash) return undefined;
    for (const [dep, depHash] of Object.entries(entry.deps)) if (hashFile(dep) !== depHash) return undefined;
    return entry.report;
  }

  /** The project modules an analysis of this exact content read, whether or not they changed since (--changed-since). */
  dependenciesOf(filePath: string, hash: string): string[] | undefined {
    const entry = this.data.entries[filePath];
    return entry && entry.hash === hash ? Object.keys(entry.deps) : undefined;
  }

  store(filePath: string, hash: string, deps: readonly string[], report: FileReport): void {
    const depHashes: Record<string, string> = {};
    for (const dep of deps) {
      if (dep === filePath) continue;
      const depHash = hashFile(dep);
      if (depHash) depHashes[dep] = depHash;
    }
    this.data.entries[filePath] = { hash, deps: depHashes, report: { findings: report.findings, fatal: report.fatal, notice: report.notice } };
    this.dirty = true;
  }

  async save(): Promise<void> {
    if (!this.dirty) return;
    // --cache-location may name a folder that does not exist yet (a fresh CI workspace).
    mkdirSync(path.dirname(this.location), { recursive: true });
    await writeFileAtomic()(this.location, JSON.stringify(this.data));
  }
}

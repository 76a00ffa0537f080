// A worker pool for large checks: the files are spread over the cores, each worker runs its own engine.
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { RULES } from "../../rules/index.js";
import { Engine } from "../core/engine.js";
import type { FileReport, RunOptions } from "./process-file.js";
import type { Rule, Severity } from "../core/types.js";

/** What a worker needs to build the same engine as the main thread (plain data: it crosses threads). */
export interface EngineSetup {
  rules: Array<{ id: string; severity: Severity }>;
  settings: Record<string, unknown>;
  tests: boolean;
  typesConfig?: string;
}

export function engineSetup(rules: readonly Rule[], settings: Record<string, unknown>, tests: boolean, typesConfig: string | undefined): EngineSetup {
  return { rules: rules.map((rule) => ({ id: rule.meta.id, severity: rule.meta.severity })), settings, tests, typesConfig };
}

export function engineFromSetup(setup: EngineSetup): Engine {
  const rules = setup.rules.flatMap(({ id, severity }) => {
    const rule = RULES.find((r) => r.meta.id === id);
    if (!rule) return [];
    return [rule.meta.severity === severity ? rule : { ...rule, meta: { ...rule.meta, severity } }];
  });
  const engine = new Engine({ rules, settings: setup.settings, tests: setup.tests });
  engine.project.typesConfig = setup.typesConfig;
  return engine;
}

/** The compiled worker (when this module runs from sources, as in tests, the built one beside them in dist/). */
function workerScript(): string {
  const here = fileURLToPath(new URL("./pool-worker.js", import.meta.url));
  if (existsSync(here)) return here;
  return path.join(path.dirname(here), "..", "..", "dist", "src", "run", "pool-worker.js");
}

/** Below this many files a pool costs more (worker start-up, module loading) than it saves. */
export const POOL_THRESHOLD = 2000;

/**
 * Workers for a check of this many files: opt-in with INTERCOM_MIGRATE_WORKERS=<n> (or "auto" for one per
 * core). Off by default: on the 2-core benchmark machine the prefilter leaves so little work per file that the
 * pool's start-up and messages cost what the second core saves (bench/RESULTS.md).
 */
export function poolSize(files: number): number {
  const setting = process.env.INTERCOM_MIGRATE_WORKERS;
  if (!setting || files < POOL_THRESHOLD) return 0;
  const wanted = setting === "auto" ? availableParallelism() : Number(setting);
  return Number.isFinite(wanted) ? Math.max(0, Math.min(wanted, 8)) : 0;
}

export interface PoolMessage {
  index: number;
  report: FileReport;
  /** Files parsed by this worker so far. */
  parsed: number;
}

/**
 * Check files on `size` workers; reports come back in the files' order through `onReport` as they are ready.
 * Each worker takes every size-th file, so big and small folders spread evenly.
 */
export async function checkInPool(files: readonly string[], size: number, setup: EngineSetup, options: RunOptions, onReport: (index: number, report: FileReport) => void): Promise<number> {
  const ready = new Map<number, FileReport>();
  let next = 0;
  const parsedBy = new Array<number>(size).fill(0);
  const flush = () => {
    while (ready.has(next)) {
      onReport(next, ready.get(next)!);
      ready.delete(next);
      next++;
    }
  };
  await Promise.all(
    Array.from({ length: size }, (_, worker) => {
      const indexes = files.map((_, i) => i).filter((i) => i % size === worker);
      return new Promise<void>((resolve, reject) => {
        const thread = new Worker(workerScript(), {
          workerData: { files: indexes.map((i) => files[i]), indexes, setup, options },
          // Deeply nested files parse here too: the same large stack the deep-parse fallback uses.
          resourceLimits: { stackSizeMb: 64 },
        });
        thread.on("message", (message: PoolMessage) => {
          ready.set(message.index, message.report);
          parsedBy[worker] = message.parsed;
          flush();
        });
        thread.on("error", reject);
        thread.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`a check worker stopped with exit code ${code}`))));
      });
    }),
  );
  flush();
  return parsedBy.reduce((a, b) => a + b, 0);
}

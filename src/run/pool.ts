// A worker pool for large checks: the files are spread over the cores, each worker builds the same engine from the same request.
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { FileReport, RunOptions } from "./process-file.js";
import type { EngineRequest } from "../workspace/create-engine.js";

/** The compiled worker (when this module runs from sources, as in tests, the built one beside them in dist/). */
function workerScript(): string {
  const here = fileURLToPath(new URL("./pool-worker.js", import.meta.url));
  if (existsSync(here)) return here;
  return path.join(path.dirname(here), "..", "..", "dist", "src", "run", "pool-worker.js");
}

/** Below this many files a run reads every file on the main thread first only to analyse it there: no pool. */
export const POOL_THRESHOLD = 2000;
/**
 * Below this many files to analyse (those that pass the byte gate), workers cost more than they save: each starts
 * its own engine and parses the modules imports lead to again. Measured on the 2-core benchmark machine.
 */
export const CANDIDATE_THRESHOLD = 250;

/** Whether a check of this many files sorts them first, to spread the ones with work on workers (INTERCOM_MIGRATE_WORKERS=0: never). */
export function poolAllowed(files: number): boolean {
  return files >= POOL_THRESHOLD && process.env.INTERCOM_MIGRATE_WORKERS !== "0";
}

/**
 * Workers for the files of a check that passed the gate: INTERCOM_MIGRATE_WORKERS=<n> asks for n; unset (or
 * "auto"), one per core once there are CANDIDATE_THRESHOLD of them, none below (the main thread analyses them).
 */
export function poolSize(candidates: number): number {
  if (candidates === 0) return 0;
  const setting = process.env.INTERCOM_MIGRATE_WORKERS;
  const wanted = !setting || setting === "auto" ? (candidates >= CANDIDATE_THRESHOLD ? availableParallelism() : 0) : Number(setting);
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
export async function checkInPool(
  files: readonly string[],
  size: number,
  engineRequest: EngineRequest,
  options: RunOptions,
  onReport: (index: number, report: FileReport) => void,
): Promise<number> {
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
          workerData: { files: indexes.map((i) => files[i]), indexes, engineRequest, options },
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

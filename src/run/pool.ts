// Large checks on every core: the files are dealt out in shards, one per thread; the main thread checks one shard
// itself, each worker builds the same engine from the same request and checks another. Reports come back in order.
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { setImmediate as yieldToEvents } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { emptyReport, type FileReport, type RunOptions } from "./process-file.js";
import type { EngineRequest } from "../workspace/create-engine.js";

/** The compiled worker (when this module runs from sources, as in tests, the built one beside them in dist/). */
function workerScript(): string {
  const here = fileURLToPath(new URL("./pool-worker.js", import.meta.url));
  if (existsSync(here)) return here;
  return path.join(path.dirname(here), "..", "..", "dist", "src", "run", "pool-worker.js");
}

/**
 * Below this many files a check stays on the main thread: a worker's start (its own engine, and Babel once it
 * parses) costs more than half the reading and gating it would take over. Measured on the 2-core benchmark machine.
 */
export const POOL_THRESHOLD = 2000;

/**
 * How many threads check a run of this many files: INTERCOM_MIGRATE_WORKERS=<n> asks for n (0 or 1: the main
 * thread alone); unset (or "auto"), one per core once there are POOL_THRESHOLD files, else 1.
 */
export function shardCount(files: number): number {
  const setting = process.env.INTERCOM_MIGRATE_WORKERS;
  const wanted = !setting || setting === "auto" ? (files >= POOL_THRESHOLD ? availableParallelism() : 1) : Number(setting);
  return Number.isFinite(wanted) ? Math.max(1, Math.min(Math.floor(wanted), 8, files)) : 1;
}

/** What a worker sends: its reports so far, by position in the run's file list (null: the empty report). */
export interface PoolMessage {
  reports: Array<[index: number, report: FileReport | null]>;
  /** Files parsed by this worker so far. */
  parsed: number;
  /** Its last message: every file of its shard is reported. */
  done: boolean;
}

/** What a worker is sent: the files of its shard, and their positions in the run's file list. */
export interface ShardMessage {
  files: string[];
  indexes: number[];
}

/** The files of shard `shard` of `count`: every count-th file, so big and small folders spread evenly. */
export function shardIndexes(files: number, shard: number, count: number): number[] {
  const indexes: number[] = [];
  for (let i = shard; i < files; i += count) indexes.push(i);
  return indexes;
}

/** Whether a report says only "nothing here" (it travels between threads as null). */
export function isEmptyReport(report: FileReport): boolean {
  return report.findings.length === 0 && !report.written && report.applied.length === 0 && Object.keys(report).length === 4;
}

/** Workers started before their files are known (they build their engine meanwhile); see startWorkers. */
export interface Workers {
  readonly threads: readonly Worker[];
  /** Stop them (a run that turned out too small for them, or was interrupted). */
  readonly stop: () => void;
}

/**
 * Start `count` workers for a check, each building its engine from the request while the main thread walks the
 * tree; each waits for its files (see checkInShards).
 */
export function startWorkers(count: number, engineRequest: EngineRequest, options: RunOptions): Workers {
  const threads = Array.from(
    { length: count },
    () =>
      new Worker(workerScript(), {
        workerData: { engineRequest, options },
        // Deeply nested files parse here too: the same large stack the deep-parse fallback uses.
        resourceLimits: { stackSizeMb: 64 },
      }),
  );
  // Until they are given files they do not keep the process alive: a run that fails before that still ends.
  for (const thread of threads) thread.unref();
  return { threads, stop: () => threads.forEach((thread) => void thread.terminate()) };
}

/**
 * Check `files` on the main thread and the workers: shard 0 here, with `checkHere`, shard i + 1 on worker i.
 * `onReport` gets every report in the files' order, as soon as the ones before it are in. Returns the files the
 * workers parsed.
 */
export async function checkInShards(
  files: readonly string[],
  workers: Workers,
  checkHere: (file: string) => Promise<FileReport>,
  onReport: (index: number, report: FileReport) => void,
  signal?: AbortSignal,
): Promise<number> {
  const count = workers.threads.length + 1;
  const ready = new Map<number, FileReport>();
  let next = 0;
  const flush = () => {
    for (let report = ready.get(next); report; report = ready.get(next)) {
      onReport(next, report);
      ready.delete(next);
      next++;
    }
  };
  const parsedBy = new Array<number>(count).fill(0);
  const done = workers.threads.map((thread, i) => {
    const indexes = shardIndexes(files.length, i + 1, count);
    thread.ref();
    thread.postMessage({ files: indexes.map((index) => files[index]), indexes } satisfies ShardMessage);
    return new Promise<void>((resolve, reject) => {
      thread.on("message", (message: PoolMessage) => {
        for (const [index, report] of message.reports) ready.set(index, report ?? emptyReport(files[index]));
        parsedBy[i + 1] = message.parsed;
        if (message.done) resolve();
        flush();
      });
      thread.on("error", reject);
      thread.on("exit", (code) => (signal?.aborted ? resolve() : reject(new Error(`a check worker stopped early (exit code ${code})`))));
    });
  });
  signal?.addEventListener("abort", workers.stop, { once: true });
  try {
    // The main thread's shard, letting the workers' messages in now and then.
    let yielded = Date.now();
    for (const index of shardIndexes(files.length, 0, count)) {
      if (Date.now() - yielded > 20) {
        await yieldToEvents();
        yielded = Date.now();
      }
      if (signal?.aborted) break;
      ready.set(index, await checkHere(files[index]));
      flush();
    }
    await Promise.all(done);
    flush();
  } finally {
    signal?.removeEventListener("abort", workers.stop);
    workers.stop();
  }
  return parsedBy.reduce((a, b) => a + b, 0);
}

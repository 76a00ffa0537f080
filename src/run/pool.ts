// Large checks on every core: the main thread reads and gates every file (most hold nothing any rule looks for)
// and hands the files with work to workers as it finds them, analysing the ones they have no room for itself. Each
// worker builds the same engine from the same request, started before the walk. Reports come back in order.
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setImmediate as yieldToEvents } from "node:timers/promises";
import { Worker } from "node:worker_threads";
import type { Engine } from "../core/engine.js";
import { emptyReport, isIrrelevant, processFile, type FileReport, type RunOptions } from "./process-file.js";
import type { EngineRequest } from "../workspace/create-engine.js";

/** The compiled worker (when this module runs from sources, as in tests, the built one beside them in dist/). */
function workerScript(): string {
  const here = fileURLToPath(new URL("./pool-worker.js", import.meta.url));
  if (existsSync(here)) return here;
  return path.join(path.dirname(here), "..", "..", "dist", "src", "run", "pool-worker.js");
}

/**
 * Below this many files a check stays on the main thread: few of them can have work, and a worker's start (its own
 * engine, Babel warmed up again) costs CPU that nothing pays back.
 */
export const POOL_THRESHOLD = 2000;

/**
 * Files a worker is given before it has answered for them: enough to keep it busy between messages, few enough
 * that the main thread takes the rest while it is busy (the work spreads by itself).
 */
const IN_FLIGHT = 8;

/**
 * How many workers help a check of this many files: INTERCOM_MIGRATE_WORKERS=<n> asks for n threads in all (0 or
 * 1: the main thread alone); unset (or "auto"), one per other core once there are POOL_THRESHOLD files.
 */
export function workerCount(files: number): number {
  const setting = process.env.INTERCOM_MIGRATE_WORKERS;
  const threads = !setting || setting === "auto" ? (files >= POOL_THRESHOLD ? availableParallelism() : 1) : Number(setting);
  return Number.isFinite(threads) ? Math.max(0, Math.min(Math.floor(threads), 8) - 1) : 0;
}

/** What the main thread sends a worker: files to check, with their positions in the run. */
export interface ToWorker {
  files: Array<[index: number, file: string]>;
}

/** What a worker sends back: a report (null: the empty one), and how many files it has parsed so far. */
export interface FromWorker {
  index: number;
  report: FileReport | null;
  parsed: number;
}

/** Whether a report says only "nothing here" (it travels between threads as null). */
export function isEmptyReport(report: FileReport): boolean {
  return report.findings.length === 0 && !report.written && report.applied.length === 0 && Object.keys(report).length === 4;
}

interface Helper {
  thread: Worker;
  /** Files sent to it. */
  sent: number;
  /** Files it has finished, counted by the worker itself in shared memory: read without waiting for its messages. */
  finished: Int32Array;
  /** Reports received from it. */
  received: number;
  parsed: number;
}

/** Files a worker has not finished yet (its own count: the main thread may be too busy to read its messages). */
function inFlight(helper: Helper): number {
  return helper.sent - Atomics.load(helper.finished, 0);
}

/**
 * Workers for a check, started before its files are known (each builds its engine while the main thread walks the
 * tree). `offer` hands a file to a worker with room for it; reports arrive through `listen`'s callback.
 */
export class CheckPool {
  private readonly helpers: Helper[];
  private onReport: (index: number, report: FileReport | null) => void = () => {};
  /** Waiting for the last reports (see settle). */
  private waiting: { resolve: () => void; reject: (error: Error) => void } | undefined;
  private failure: Error | undefined;

  constructor(count: number, engineRequest: EngineRequest, options: RunOptions) {
    this.helpers = Array.from({ length: count }, () => {
      const finished = new Int32Array(new SharedArrayBuffer(4));
      const thread = new Worker(workerScript(), {
        workerData: { engineRequest, options, finished },
        // Deeply nested files parse here too: the same large stack the deep-parse fallback uses.
        resourceLimits: { stackSizeMb: 64 },
      });
      // Idle, it does not keep the process alive: a run that fails or turns out small still ends.
      thread.unref();
      const helper: Helper = { thread, sent: 0, finished, received: 0, parsed: 0 };
      thread.on("message", (message: FromWorker) => {
        helper.received++;
        helper.parsed = message.parsed;
        if (helper.received === helper.sent) thread.unref();
        this.onReport(message.index, message.report);
        if (!this.busy) this.waiting?.resolve();
      });
      const fail = (error: Error) => {
        if (helper.received === helper.sent) return;
        this.failure ??= error;
        this.waiting?.reject(error);
      };
      thread.on("error", fail);
      thread.on("exit", (code) => fail(new Error(`a check worker stopped with exit code ${code} before it was done`)));
      return helper;
    });
  }

  /** Files the workers have parsed. */
  get parsed(): number {
    return this.helpers.reduce((sum, helper) => sum + helper.parsed, 0);
  }

  /** Where the workers' reports go (a report of null is the file's empty report). */
  listen(onReport: (index: number, report: FileReport | null) => void): void {
    this.onReport = onReport;
  }

  /** The least busy worker, when one has room for another file. */
  private roomy(): Helper | undefined {
    let chosen: Helper | undefined;
    let least = IN_FLIGHT;
    for (const helper of this.helpers) {
      const busy = inFlight(helper);
      if (busy < least) [chosen, least] = [helper, busy];
    }
    return chosen;
  }

  /** Whether a worker has room for another file. */
  get hasRoom(): boolean {
    if (this.failure) throw this.failure;
    return this.roomy() !== undefined;
  }

  /** Hand a file to the least busy worker (see hasRoom). */
  offer(index: number, file: string): void {
    const chosen = this.roomy();
    if (!chosen) throw new Error("no check worker has room for another file");
    if (chosen.sent++ === chosen.received) chosen.thread.ref();
    chosen.thread.postMessage({ files: [[index, file]] } satisfies ToWorker);
  }

  /** Whether reports are still owed (sent files whose reports have not been read). */
  private get busy(): boolean {
    return this.helpers.some((helper) => helper.received < helper.sent);
  }

  /** Every report in (or the first worker failure). */
  settle(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  /** Stop the workers (whatever they were doing: an interrupted check). */
  stop(): void {
    for (const helper of this.helpers) void helper.thread.terminate();
  }
}

/**
 * Check `files` with the pool's help, in order: while a worker has room, each file is gated here and a file with work goes to a worker;
 * otherwise it is checked here. `onReport` gets the reports in the files' order. Returns the files the
 * workers parsed.
 */
export async function checkWithPool(
  files: readonly string[],
  pool: CheckPool,
  engine: Engine,
  options: RunOptions,
  onReport: (report: FileReport) => void,
  signal?: AbortSignal,
): Promise<number> {
  const ready = new Map<number, FileReport>();
  let next = 0;
  const flush = () => {
    for (let report = ready.get(next); report; report = ready.get(next)) {
      onReport(report);
      ready.delete(next);
      next++;
    }
  };
  pool.listen((index, report) => {
    ready.set(index, report ?? emptyReport(files[index]));
    flush();
  });
  try {
    let yielded = Date.now();
    for (let i = 0; i < files.length; i++) {
      // Now and then, let the workers' reports in (and a signal handler run).
      if (Date.now() - yielded > 10) {
        await yieldToEvents();
        yielded = Date.now();
      }
      if (signal?.aborted) break;
      // With no worker free, the file is checked here, read once (processFile gates it itself); else it is gated
      // here, and a file with work goes to a worker.
      if (!pool.hasRoom) ready.set(i, await processFile(engine, files[i], options));
      else if (isIrrelevant(engine, files[i], options)) ready.set(i, emptyReport(files[i]));
      else pool.offer(i, files[i]);
      flush();
    }
    if (!signal?.aborted) await pool.settle();
  } finally {
    pool.stop();
  }
  flush();
  return pool.parsed;
}

// One worker of a sharded check: the same engine as the main thread (built from the same request, while the main
// thread walks the tree), then the files of its shard; its reports go back in batches (an empty report as null), so
// thousands of files with nothing in them cost a few messages.
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { createEngine, type EngineRequest } from "../workspace/create-engine.js";
import { isEmptyReport, type PoolMessage, type ShardMessage } from "./pool.js";
import { processFile, type RunOptions } from "./process-file.js";

const { engineRequest, options } = workerData as { engineRequest: EngineRequest; options: RunOptions };
const { engine } = createEngine(engineRequest);
// The pool only checks: the tree does not change under it (see run()).
engine.project.assumeUnchangingFiles();

parentPort!.once("message", ({ files, indexes }: ShardMessage) => void checkShard(files, indexes));

async function checkShard(files: string[], indexes: number[]): Promise<void> {
  // Type-aware mode's program would hold this worker's files (that pass the prefilter), as the main thread's holds the run's.
  engine.project.plannedFiles = new Set(files.map((file) => path.resolve(file)));
  let batch: PoolMessage["reports"] = [];
  let sent = Date.now();
  const send = (done: boolean) => {
    parentPort!.postMessage({ reports: batch, parsed: engine.project.parseCount, done } satisfies PoolMessage);
    batch = [];
    sent = Date.now();
  };
  for (let i = 0; i < files.length; i++) {
    const report = await processFile(engine, files[i], options);
    const empty = isEmptyReport(report);
    batch.push([indexes[i], empty ? null : report]);
    // A report with something in it goes at once (the output streams); empty ones wait for company.
    if (!empty || batch.length >= 256 || Date.now() - sent > 50) send(false);
  }
  send(true);
}

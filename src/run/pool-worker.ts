// One worker of a sharded check: the same engine as the main thread (built from the same request); its reports go
// back in batches (an empty report as null), so thousands of files with nothing in them cost a few messages.
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { createEngine, type EngineRequest } from "../workspace/create-engine.js";
import { isEmptyReport, type PoolMessage } from "./pool.js";
import { processFile, type RunOptions } from "./process-file.js";

const { files, indexes, engineRequest, options } = workerData as { files: string[]; indexes: number[]; engineRequest: EngineRequest; options: RunOptions };
const { engine } = createEngine(engineRequest);
// Type-aware mode's program holds this worker's files (that pass the prefilter), as the main thread's holds the run's.
engine.project.plannedFiles = new Set(files.map((file) => path.resolve(file)));
// The pool only checks: the tree does not change under it (see run()).
engine.project.assumeUnchangingFiles();
let batch: PoolMessage["reports"] = [];
let sent = Date.now();
const send = () => {
  parentPort!.postMessage({ reports: batch, parsed: engine.project.parseCount } satisfies PoolMessage);
  batch = [];
  sent = Date.now();
};
for (let i = 0; i < files.length; i++) {
  const report = await processFile(engine, files[i], options);
  const empty = isEmptyReport(report);
  batch.push([indexes[i], empty ? null : report]);
  // A report with something in it goes at once (the output streams); empty ones wait for company.
  if (!empty || batch.length >= 256 || Date.now() - sent > 50) send();
}
send();

// One worker of the check pool: the same engine as the main thread (built from the same request), one message per file.
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { createEngine, type EngineRequest } from "../workspace/create-engine.js";
import type { PoolMessage } from "./pool.js";
import { processFile, type RunOptions } from "./process-file.js";

const { files, indexes, engineRequest, options } = workerData as { files: string[]; indexes: number[]; engineRequest: EngineRequest; options: RunOptions };
const { engine } = createEngine(engineRequest);
// Type-aware mode's program holds this worker's files (that pass the prefilter), as the main thread's holds the run's.
engine.project.plannedFiles = new Set(files.map((file) => path.resolve(file)));
// The pool only checks: the tree does not change under it (see run()).
engine.project.assumeUnchangingFiles();
for (let i = 0; i < files.length; i++) {
  const report = await processFile(engine, files[i], options);
  const message: PoolMessage = { index: indexes[i], report, parsed: engine.project.parseCount };
  parentPort!.postMessage(message);
}

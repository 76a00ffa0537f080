// One worker of a check's pool: the same engine as the main thread (built from the same request, while the main
// thread walks the tree), then the files it is handed, one report back for each (an empty report as null).
import { parentPort, workerData } from "node:worker_threads";
import { createEngine, type EngineRequest } from "../workspace/create-engine.js";
import { isEmptyReport, type FromWorker, type ToWorker } from "./pool.js";
import { processFile, type RunOptions } from "./process-file.js";

const { engineRequest, options, finished } = workerData as { engineRequest: EngineRequest; options: RunOptions; finished: Int32Array };
const { engine } = createEngine(engineRequest);
// The pool only checks: the tree does not change under it (see run()).
engine.project.assumeUnchangingFiles();

let queue = Promise.resolve();
parentPort!.on("message", (message: ToWorker) => {
  queue = queue.then(async () => {
    for (const [index, file] of message.files) {
      const report = await processFile(engine, file, options);
      // Counted before the report is sent: the main thread reads this to know the worker has room again.
      Atomics.add(finished, 0, 1);
      parentPort!.postMessage({ index, report: isEmptyReport(report) ? null : report, parsed: engine.project.parseCount } satisfies FromWorker);
    }
  });
});

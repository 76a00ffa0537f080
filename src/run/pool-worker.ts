// One worker of the check pool: its own engine over its share of the files, one message per file.
import { parentPort, workerData } from "node:worker_threads";
import { engineFromSetup, type EngineSetup, type PoolMessage } from "./pool.js";
import { processFile, type RunOptions } from "./process-file.js";

const { files, indexes, setup, options } = workerData as { files: string[]; indexes: number[]; setup: EngineSetup; options: RunOptions };
const engine = engineFromSetup(setup);
for (let i = 0; i < files.length; i++) {
  const report = await processFile(engine, files[i], options);
  const message: PoolMessage = { index: indexes[i], report, parsed: engine.project.parseCount };
  parentPort!.postMessage(message);
}

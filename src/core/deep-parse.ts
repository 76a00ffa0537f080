// Parsing files nested too deeply for the main thread's stack: the same parse, in a worker with a large stack.
import { MessageChannel, Worker, receiveMessageOnPort } from "node:worker_threads";
import type { File } from "@babel/types";

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { parse } = require(workerData.parser);
const { port, text, options, signal } = workerData;
let result;
try {
  // A string crosses back cheaply and JSON.parse is not recursive, unlike structured clone of a deep tree.
  result = { ok: true, json: JSON.stringify(parse(text, options)) };
} catch (error) {
  result = { ok: false, message: String(error && error.message), loc: error && error.loc ? { line: error.loc.line, column: error.loc.column } : undefined, overflow: error instanceof RangeError };
}
port.postMessage(result);
Atomics.store(signal, 0, 1);
Atomics.notify(signal, 0);
`;

export type DeepParseResult = { ok: true; ast: File } | { ok: false; message: string; loc?: { line: number; column: number }; overflow: boolean };
type WorkerAnswer = { ok: true; json: string } | Extract<DeepParseResult, { ok: false }>;

/** Parse synchronously on a thread with a 512 MB stack (blocks until the worker answers). */
export function parseOnLargeStack(parserPath: string, text: string, options: object): DeepParseResult {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { parser: parserPath, port: port2, text, options, signal },
    transferList: [port2],
    resourceLimits: { stackSizeMb: 512 },
  });
  try {
    Atomics.wait(signal, 0, 0, 60_000);
    const answer = receiveMessageOnPort(port1)?.message as WorkerAnswer | undefined;
    if (!answer) return { ok: false, message: "the parser did not answer", overflow: true };
    return answer.ok ? { ok: true, ast: JSON.parse(answer.json) as File } : answer;
  } finally {
    port1.close();
    void worker.terminate();
  }
}

// Parsing files nested too deeply for the main thread's stack: the same parse, in a worker with a large stack.
import { MessageChannel, Worker, receiveMessageOnPort } from "node:worker_threads";
import type { File } from "@babel/types";

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { parse } = require(workerData.parser);
const { port, text, options, signal } = workerData;

// The tree as a flat table of shallow objects whose object-valued properties are { r: index } references, built
// with an explicit stack: JSON.stringify is quadratic on deep nesting (10 s at 20k levels), and structured clone
// of the tree itself would recurse as deep as the tree. Like JSON, undefined properties are dropped.
function flatten(root) {
  const table = [null];
  const ids = new Map([[root, 0]]);
  const stack = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    const isArray = Array.isArray(value);
    const copy = isArray ? new Array(value.length) : {};
    for (const key of Object.keys(value)) {
      const child = value[key];
      if (child !== null && typeof child === "object") {
        let id = ids.get(child);
        if (id === undefined) {
          id = table.length;
          table.push(null);
          ids.set(child, id);
          stack.push(child);
        }
        copy[key] = { r: id };
      } else if (child === undefined) {
        if (isArray) copy[key] = null;
      } else {
        copy[key] = child;
      }
    }
    table[ids.get(value)] = copy;
  }
  return table;
}

let result;
try {
  result = { ok: true, table: flatten(parse(text, options)) };
} catch (error) {
  result = { ok: false, message: String(error && error.message), loc: error && error.loc ? { line: error.loc.line, column: error.loc.column } : undefined, overflow: error instanceof RangeError };
}
port.postMessage(result);
Atomics.store(signal, 0, 1);
Atomics.notify(signal, 0);
`;

/** The tree back from its flat table (see flatten in the worker), without recursion. */
function unflatten(table: ReadonlyArray<Record<string, unknown> | unknown[]>): File {
  const objects = table.map((entry) => (Array.isArray(entry) ? new Array<unknown>(entry.length) : {})) as Array<Record<string, unknown>>;
  table.forEach((entry, index) => {
    const target = objects[index];
    for (const key of Object.keys(entry)) {
      const value = (entry as Record<string, unknown>)[key];
      target[key] = value !== null && typeof value === "object" ? objects[(value as { r: number }).r] : value;
    }
  });
  return objects[0] as unknown as File;
}

export type DeepParseResult = { ok: true; ast: File } | { ok: false; message: string; loc?: { line: number; column: number }; overflow: boolean };
type WorkerAnswer = { ok: true; table: Array<Record<string, unknown> | unknown[]> } | Extract<DeepParseResult, { ok: false }>;

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
    return answer.ok ? { ok: true, ast: unflatten(answer.table) } : answer;
  } finally {
    port1.close();
    void worker.terminate();
  }
}

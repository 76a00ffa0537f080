// Parsing files nested too deeply for the main thread's stack: the same parse, in a worker with a large stack.
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from "node:worker_threads";
import type { File } from "@babel/types";

const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { parse } = require(workerData.parser);
const { port, signal } = workerData;

// The tree as a flat table of shallow objects whose object-valued properties are { r: index } references, built
// with an explicit stack: JSON.stringify is quadratic on deep nesting (10 s at 20k levels), and structured clone
// of the tree itself would recurse as deep as the tree. Like JSON, undefined properties are dropped. Nodes leave
// their \`loc\` behind (three objects each, and nothing reads them but comments' lines, which keep theirs).
function flatten(root) {
  const table = [null];
  const ids = new Map([[root, 0]]);
  const stack = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    const isArray = Array.isArray(value);
    const copy = isArray ? new Array(value.length) : {};
    const dropLoc = !isArray && typeof value.type === "string" && value.type !== "CommentBlock" && value.type !== "CommentLine";
    for (const key of Object.keys(value)) {
      if (dropLoc && key === "loc") continue;
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

// One parse per message, for as long as the process lives (the thread and the parser start once).
port.on("message", ({ text, options }) => {
  let result;
  try {
    result = { ok: true, table: flatten(parse(text, options)) };
  } catch (error) {
    result = { ok: false, message: String(error && error.message), loc: error && error.loc ? { line: error.loc.line, column: error.loc.column } : undefined, overflow: error instanceof RangeError };
  }
  port.postMessage(result);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
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

interface DeepParser {
  parserPath: string;
  worker: Worker;
  port: MessagePort;
  signal: Int32Array;
}

/** The large-stack thread, started on the first deep file and kept (unreferenced: it never holds the process). */
let deepParser: DeepParser | undefined;

function startDeepParser(parserPath: string): DeepParser {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { parser: parserPath, port: port2, signal },
    transferList: [port2],
    // A large young generation: fewer collections, each of which scans the whole (deep) stack.
    resourceLimits: { stackSizeMb: 512, maxYoungGenerationSizeMb: 64 },
  });
  worker.unref();
  port1.unref();
  const parser = { parserPath, worker, port: port1, signal };
  worker.on("exit", () => {
    if (deepParser === parser) deepParser = undefined;
  });
  return parser;
}

/** Parse synchronously on a thread with a 512 MB stack (blocks until the worker answers). */
export function parseOnLargeStack(parserPath: string, text: string, options: object): DeepParseResult {
  if (!deepParser || deepParser.parserPath !== parserPath) deepParser = startDeepParser(parserPath);
  const parser = deepParser;
  Atomics.store(parser.signal, 0, 0);
  parser.port.postMessage({ text, options });
  Atomics.wait(parser.signal, 0, 0, 60_000);
  const answer = receiveMessageOnPort(parser.port)?.message as WorkerAnswer | undefined;
  if (!answer) {
    // No answer in a minute (or the thread died): start a fresh one next time.
    deepParser = undefined;
    parser.port.close();
    void parser.worker.terminate();
    return { ok: false, message: "the parser did not answer", overflow: true };
  }
  return answer.ok ? { ok: true, ast: unflatten(answer.table) } : answer;
}

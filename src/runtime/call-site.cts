// Where the application made a request: the first stack frame outside the guard, Node and HTTP client packages,
// mapped through the file's source map when it has one (a stack Node or a test runner already mapped stays as is).
import { readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface SourceLocation {
  file: string;
  /** 1-based, as in a stack trace and in the static findings. */
  line: number;
  column: number;
}

/** Packages that carry a request on the application's behalf: their frames are never the call site. */
const TRANSPORT = /[\\/]node_modules[\\/](?:axios|follow-redirects|undici|node-fetch|intercom-client|got|ky|superagent)[\\/]/;

const FRAME = /^\s*at (?:.*? \()?(?:async )?((?:file:\/\/|\/|[a-zA-Z]:\\).*?):(\d+):(\d+)\)?$/;

/** The stack at the call, with room for a client's own frames (the text is only built when a finding needs it). */
export function captureStack(): Error {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 40;
  const stack = new Error("intercom-migrate call site");
  Error.stackTraceLimit = limit;
  return stack;
}

function frames(stack: string): SourceLocation[] {
  const found: SourceLocation[] = [];
  for (const line of stack.split("\n")) {
    const match = FRAME.exec(line);
    if (!match) continue;
    const file = match[1].startsWith("file://") ? fileURLToPath(match[1]) : match[1];
    found.push({ file, line: Number(match[2]), column: Number(match[3]) });
  }
  return found;
}

/** The application's frame: outside this folder and node_modules; failing that, in a package that is not an HTTP client. */
export function callSite(stack: Error | undefined, ownDir = __dirname): SourceLocation | undefined {
  const candidates = frames(stack?.stack ?? "").filter((frame) => !frame.file.startsWith(ownDir + path.sep) && !TRANSPORT.test(frame.file));
  const site = candidates.find((frame) => !/[\\/]node_modules[\\/]/.test(frame.file)) ?? candidates[0];
  return site && originalLocation(site);
}

const maps = new Map<string, { map: SourceMap; dir: string; root: string } | null>();

function sourceMapOf(file: string): { map: SourceMap; dir: string; root: string } | null {
  if (maps.has(file)) return maps.get(file)!;
  let found: { map: SourceMap; dir: string; root: string } | null = null;
  try {
    const text = readFileSync(file, "utf8");
    const url = [...text.matchAll(/\/[/*][#@]\s*sourceMappingURL=([^\s*]+)/g)].pop()?.[1];
    if (url) {
      const inline = /^data:application\/json[^,]*?(;base64)?,(.*)$/.exec(url);
      const mapFile = inline ? file : path.resolve(path.dirname(file), decodeURIComponent(url));
      const json = inline ? (inline[1] ? Buffer.from(inline[2], "base64").toString("utf8") : decodeURIComponent(inline[2])) : readFileSync(mapFile, "utf8");
      const payload = JSON.parse(json) as ConstructorParameters<typeof SourceMap>[0] & { sourceRoot?: string };
      found = { map: new SourceMap(payload), dir: path.dirname(mapFile), root: payload.sourceRoot ?? "" };
    }
  } catch {
    found = null;
  }
  maps.set(file, found);
  return found;
}

/** The location in the original source, when the file has a source map that covers it. */
export function originalLocation(site: SourceLocation): SourceLocation {
  const source = sourceMapOf(site.file);
  if (!source) return site;
  const entry = source.map.findEntry(site.line - 1, site.column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
  if (!entry.originalSource || entry.originalLine === undefined || entry.originalColumn === undefined) return site;
  const original = entry.originalSource;
  let file: string;
  if (original.startsWith("file://")) file = fileURLToPath(original);
  else if (/^[a-z][a-z\d+.-]*:/i.test(original) && !/^[a-zA-Z]:\\/.test(original))
    return site; // webpack://, http:// …: not a file here
  else file = path.resolve(source.dir, source.root, original);
  return { file, line: entry.originalLine + 1, column: entry.originalColumn + 1 };
}

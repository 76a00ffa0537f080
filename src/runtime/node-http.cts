// The node:http / node:https side of the zero-code mode: a request to an Intercom host is inspected when it ends (its
// body is known then). Report mode copies what is written and passes it on; upgrade and strict modes hold a JSON body
// (up to a bound) until `end()` to send it, its 2.14 form, or nothing. Other hosts get the original request untouched.
import type { ClientRequest, RequestOptions } from "node:http";
import { captureStack } from "./call-site.cjs";
import type { Guard } from "./guard.cjs";
import { MAX_BODY_CHARS } from "./inspect.cjs";

export type RequestFunction = (...args: unknown[]) => ClientRequest;

type Callback = (error?: Error | null) => void;

/** The URL a `request(url?, options?, callback?)` call goes to (options override the URL's parts, as in Node). */
export function requestUrl(defaultProtocol: string, args: readonly unknown[]): string | undefined {
  const first = args[0];
  const second = args[1] as RequestOptions | undefined;
  const overrides = typeof second === "object" && second !== null && ["protocol", "hostname", "host", "port", "path"].some((key) => key in second);
  // The common case, a URL string as it is: nothing to parse.
  if (typeof first === "string" && !overrides) return first;
  const base = typeof first === "string" || first instanceof URL ? new URL(String(first)) : undefined;
  const options = (base ? args[1] : first) as RequestOptions | undefined;
  const given = typeof options === "object" && options !== null ? options : {};
  const protocol = given.protocol ?? base?.protocol ?? defaultProtocol;
  const hostname = given.hostname ?? given.host ?? base?.hostname ?? "localhost";
  const host = hostname.includes(":") && !hostname.startsWith("[") ? `[${hostname}]` : hostname;
  const port = given.port ?? (base && !given.hostname && !given.host ? base.port : "");
  const path = given.path ?? (base ? base.pathname + base.search : "/");
  return `${protocol}//${host}${port ? `:${port}` : ""}${path}`;
}

function asBuffer(chunk: unknown, encoding: unknown): Buffer | undefined {
  if (typeof chunk === "string") return Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
  return chunk instanceof Uint8Array ? Buffer.from(chunk) : undefined;
}

/** Split `(chunk?, encoding?, callback?)` as write() and end() take them. */
function writeArguments(args: readonly unknown[]): { chunk?: unknown; encoding?: unknown; callback?: Callback } {
  const last = args.length - 1;
  const callback = typeof args[last] === "function" ? (args[last] as Callback) : undefined;
  return { chunk: callback && last === 0 ? undefined : args[0], encoding: callback && last === 1 ? undefined : args[1], callback };
}

/** Watch one request to Intercom: its writes, then the verdict at `end()`. */
export function watchRequest(request: ClientRequest, url: string, guard: Guard, stack: Error): void {
  const write = request.write.bind(request) as (...args: unknown[]) => boolean;
  const end = request.end.bind(request) as (...args: unknown[]) => ClientRequest;
  const holding = guard.mode !== "report";
  const chunks: Buffer[] = [];
  const callbacks: Callback[] = [];
  let size = 0;
  let watching = true;

  /** Stop watching: what was held goes out as written, and writes pass straight through from now on. */
  const release = () => {
    watching = false;
    if (holding) chunks.forEach((chunk, i) => write(chunk, callbacks[i]));
    chunks.length = 0;
  };

  const keep = (chunk: unknown, encoding: unknown, callback: Callback | undefined): boolean => {
    const contentType = String(request.getHeader("content-type") ?? "json");
    const buffer = asBuffer(chunk, encoding);
    if (!buffer || size + buffer.length > MAX_BODY_CHARS || !contentType.includes("json")) return false;
    chunks.push(buffer);
    callbacks.push(callback ?? (() => {}));
    size += buffer.length;
    return true;
  };

  request.write = ((...args: unknown[]) => {
    if (!watching) return write(...args);
    try {
      const { chunk, encoding, callback } = writeArguments(args);
      if (keep(chunk, encoding, callback)) return holding ? true : write(...args);
    } catch (error) {
      guard.failed(error);
    }
    release();
    return write(...args);
  }) as ClientRequest["write"];

  request.end = ((...args: unknown[]) => {
    if (!watching) return end(...args);
    const { chunk, encoding, callback } = writeArguments(args);
    let kept = false;
    try {
      kept = chunk === undefined || keep(chunk, encoding, undefined);
    } catch (error) {
      guard.failed(error);
    }
    if (!kept) {
      release();
      return end(...args);
    }
    watching = false;
    const body = Buffer.concat(chunks).toString("utf8");
    const verdict = (() => {
      try {
        return guard.review({ method: request.method, url, headers: request.getHeaders() as Record<string, string>, body }, () => stack);
      } catch (error) {
        guard.failed(error);
        return { send: "original" as const };
      }
    })();
    if (verdict.send === "nothing") {
      request.destroy(verdict.error);
      return request;
    }
    if (verdict.send === "upgraded" && !request.headersSent) {
      const { upgrade } = verdict;
      for (const [name, value] of Object.entries(upgrade.headers)) request.setHeader(name, value);
      if (upgrade.body) {
        if (request.hasHeader("content-length")) request.setHeader("content-length", Buffer.byteLength(upgrade.body.text));
        const held = callbacks.splice(0);
        return end(upgrade.body.text, () => {
          held.forEach((done) => done());
          callback?.();
        });
      }
    }
    if (!holding) return end(...args);
    chunks.forEach((held, i) => write(held, callbacks[i]));
    return callback ? end(callback) : end();
  }) as ClientRequest["end"];
}

/** `request` of node:http or node:https, guarded: the original's request, watched when it goes to Intercom. */
export function guardedRequest(original: RequestFunction, defaultProtocol: "http:" | "https:", guard: Guard): RequestFunction {
  return function request(this: unknown, ...args: unknown[]) {
    const clientRequest = Reflect.apply(original, this, args);
    try {
      const url = requestUrl(defaultProtocol, args);
      if (url !== undefined && guard.isIntercom(url)) watchRequest(clientRequest, url, guard, captureStack());
    } catch (error) {
      guard.failed(error);
    }
    return clientRequest;
  };
}

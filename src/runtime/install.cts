// The process-wide guard: global fetch and node:http(s) request/get patched for Intercom hosts only (the zero-code
// mode behind `--import intercom-migrate/runtime/register`), and the strict test hook for vitest and jest setup files.
import http from "node:http";
import https from "node:https";
import { syncBuiltinESMExports } from "node:module";
import { ORIGINAL, guardFetch, originalOf, type FetchFunction } from "./fetch.cjs";
import { RuntimeGuardError, createGuard, type GuardOptions } from "./guard.cjs";
import { guardedRequest, type RequestFunction } from "./node-http.cjs";
import { runtimeState } from "./reporter.cjs";

type HttpModule = { request: RequestFunction; get: RequestFunction };

/** Patch `module.request` and `module.get` (Node's `get` calls its own `request`, so both are needed). */
function patchModule(module: HttpModule, protocol: "http:" | "https:", options: GuardOptions): () => void {
  const original = { request: originalOf(module.request), get: originalOf(module.get) };
  const guard = createGuard(options);
  const request = Object.assign(guardedRequest(original.request, protocol, guard), { [ORIGINAL]: original.request });
  const get = Object.assign(
    function get(this: unknown, ...args: unknown[]) {
      const clientRequest = Reflect.apply(request, this, args);
      clientRequest.end();
      return clientRequest;
    },
    { [ORIGINAL]: original.get },
  );
  Object.assign(module, { request, get });
  return () => Object.assign(module, original);
}

/**
 * Guard every request of this process to Intercom: global `fetch`, and `request` / `get` of node:http and node:https
 * (axios's Node adapter, got, node-fetch and most other clients go through them). Installing again replaces the
 * earlier guard. Returns a function that restores the originals.
 */
export function installGuard(options: GuardOptions = {}): () => void {
  const restore: Array<() => void> = [];
  if (typeof globalThis.fetch === "function") {
    const original = originalOf(globalThis.fetch);
    globalThis.fetch = guardFetch(original as FetchFunction, options) as unknown as typeof fetch;
    restore.push(() => (globalThis.fetch = original));
  }
  restore.push(patchModule(http as unknown as HttpModule, "http:", options), patchModule(https as unknown as HttpModule, "https:", options));
  // `import { request } from "node:https"` reads the module's ESM view: bring it up to date.
  syncBuiltinESMExports();
  return () => {
    restore.forEach((undo) => undo());
    syncBuiltinESMExports();
  };
}

/** The requests strict mode stopped since the last call (the test hook's question). */
export function takeViolations(): RuntimeGuardError[] {
  return runtimeState()
    .violations.splice(0)
    .map((violation) => new RuntimeGuardError(violation.operation, violation.findings, violation.site));
}

/**
 * For a test setup file: the guard in strict mode, and an `afterEach` that fails the test that sent a 2.13 shape —
 * even when the application caught the error the request threw.
 *
 *     import { afterEach } from "vitest"; // jest: the global afterEach
 *     import { installStrictGuard } from "intercom-migrate/runtime";
 *     installStrictGuard({ afterEach });
 */
export function installStrictGuard(options: GuardOptions & { afterEach: (hook: () => void) => void }): () => void {
  const { afterEach, ...guardOptions } = options;
  const uninstall = installGuard({ ...guardOptions, mode: "strict" });
  takeViolations();
  afterEach(() => {
    const [first, ...more] = takeViolations();
    if (!first) return;
    first.message += more.length > 0 ? `\n(and ${more.length} more request${more.length === 1 ? "" : "s"} with 2.13 shapes)` : "";
    throw first;
  });
  return uninstall;
}

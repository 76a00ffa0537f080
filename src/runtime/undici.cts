// An undici interceptor that inspects requests to Intercom (and upgrades or stops them, by mode), and guardUndici to
// compose it onto a dispatcher: `guardUndici(new Agent())`, or `setGlobalDispatcher(guardUndici(getGlobalDispatcher()))`.
import { captureStack } from "./call-site.cjs";
import { upgradedHeaders } from "./fetch.cjs";
import { createGuard, type GuardOptions } from "./guard.cjs";
import type { HeaderInput } from "./inspect.cjs";

/** What the interceptor reads of undici's dispatch options. */
export interface DispatchOptionsLike {
  origin?: string | URL;
  path: string;
  method: string;
  headers?: unknown;
  body?: unknown;
}

export type Dispatch<O extends DispatchOptionsLike, H> = (options: O, handler: H) => boolean;

/** undici's headers as pairs: a flat `[name, value, name, value]` array, pairs, or an object. */
function headerInput(headers: unknown): HeaderInput | undefined {
  if (Array.isArray(headers) && headers.every((item) => typeof item === "string")) {
    const pairs: Array<[string, string]> = [];
    for (let i = 0; i + 1 < headers.length; i += 2) pairs.push([headers[i], headers[i + 1]]);
    return pairs;
  }
  return typeof headers === "object" && headers !== null ? (headers as HeaderInput) : undefined;
}

function urlOf(options: DispatchOptionsLike): string | undefined {
  if (options.origin === undefined) return undefined;
  const origin = typeof options.origin === "string" ? options.origin.replace(/\/+$/, "") : options.origin.origin;
  return origin + options.path;
}

/** The interceptor, for `dispatcher.compose(undiciInterceptor())`. */
export function undiciInterceptor(options: GuardOptions = {}) {
  const guard = createGuard(options);
  return <O extends DispatchOptionsLike, H>(dispatch: Dispatch<O, H>): Dispatch<O, H> =>
    (dispatchOptions, handler) => {
      const url = urlOf(dispatchOptions);
      if (url === undefined || !guard.isIntercom(url)) return dispatch(dispatchOptions, handler);
      let send = dispatchOptions;
      try {
        const headers = headerInput(dispatchOptions.headers);
        const verdict = guard.review({ method: dispatchOptions.method, url, headers, body: dispatchOptions.body }, captureStack);
        if (verdict.send === "nothing") throw verdict.error;
        if (verdict.send === "upgraded") {
          const { upgrade } = verdict;
          const body = upgrade.body && (typeof dispatchOptions.body === "string" ? upgrade.body.text : Buffer.from(upgrade.body.text));
          send = { ...dispatchOptions, headers: upgradedHeaders(headers, upgrade), ...(body !== undefined ? { body } : {}) };
        }
      } catch (error) {
        guard.failed(error);
      }
      return dispatch(send, handler);
    };
}

/** A dispatcher (Agent, Pool, Client, the global one) with the guard composed on. */
export function guardUndici<R>(dispatcher: { compose(interceptor: ReturnType<typeof undiciInterceptor>): R }, options: GuardOptions = {}): R {
  return dispatcher.compose(undiciInterceptor(options));
}

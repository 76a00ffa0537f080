// guardFetch: a fetch that inspects requests to Intercom (and upgrades or stops them, by mode) and hands every other
// request straight on; guardIntercomClient: intercom-client 7.x built on it, through its own `fetch` option.
import { AsyncLocalStorage } from "node:async_hooks";
import { captureStack } from "./call-site.cjs";
import { createGuard, type Guard, type GuardOptions } from "./guard.cjs";
import { headerEntries, type HeaderInput, type RequestUpgrade } from "./inspect.cjs";

/** Any fetch: the global one, undici's, node-fetch (its parameters are only passed through). */
export type FetchFunction = (input: never, init?: never) => Promise<unknown>;

interface RequestLike {
  url: string;
  method?: string;
  headers?: HeaderInput;
  body?: unknown;
}

interface InitLike {
  method?: string;
  headers?: HeaderInput;
  body?: unknown;
}

/** The original of a guarded function, so guarding twice replaces the first guard instead of stacking. */
export const ORIGINAL = Symbol.for("intercom-migrate.runtime.original");

export function originalOf<F extends object>(fn: F): F {
  return (fn as { [ORIGINAL]?: F })[ORIGINAL] ?? fn;
}

function urlOf(input: unknown): string | undefined {
  if (typeof input === "string") return input;
  if (input instanceof URL) return input.href;
  return typeof input === "object" && input !== null && typeof (input as RequestLike).url === "string" ? (input as RequestLike).url : undefined;
}

/** Headers with the upgrade's values set (by name, in any case), without a Content-Length a new body would contradict. */
export function upgradedHeaders(headers: HeaderInput | null | undefined, upgrade: RequestUpgrade): Record<string, string> {
  const changed = new Map(Object.entries(upgrade.headers).map(([name, value]) => [name.toLowerCase(), [name, value]]));
  const result: Record<string, string> = {};
  for (const [name, value] of headerEntries(headers)) {
    const lower = name.toLowerCase();
    if (upgrade.body && lower === "content-length") continue;
    const replacement = changed.get(lower);
    if (replacement) changed.delete(lower);
    result[replacement?.[0] ?? name] = replacement?.[1] ?? value;
  }
  for (const [name, value] of changed.values()) result[name] = value;
  return result;
}

/** The call stacks of SDK method calls in flight (see guardIntercomClient): the place a request was asked for. */
let sdkCalls: AsyncLocalStorage<Error> | undefined;

/** The arguments to send: the originals, or the 2.14 request; throws what strict mode stops. */
function reviewFetch(guard: Guard, url: string, input: unknown, init: InitLike | undefined): [unknown, InitLike | undefined] {
  const request = typeof input === "object" && input !== null && !(input instanceof URL) ? (input as RequestLike) : undefined;
  const headers = init?.headers ?? request?.headers;
  const body = init && "body" in init ? init.body : request?.body;
  const verdict = guard.review({ method: init?.method ?? request?.method, url, headers, body }, () => sdkCalls?.getStore() ?? captureStack());
  if (verdict.send === "nothing") throw verdict.error;
  if (verdict.send === "original") return [input, init];
  const { upgrade } = verdict;
  return [input, { ...init, headers: upgradedHeaders(headers, upgrade), ...(upgrade.body ? { body: upgrade.body.text } : {}) }];
}

/** A fetch that guards requests to Intercom. Guarding an already guarded fetch replaces that guard. */
export function guardFetch<F extends FetchFunction>(fetchImpl: F, options: GuardOptions = {}): F {
  const original = originalOf(fetchImpl) as unknown as (input: unknown, init?: unknown) => Promise<unknown>;
  const guard = createGuard(options);
  const guarded = (input: unknown, init?: InitLike) => {
    const url = urlOf(input);
    if (url === undefined || !guard.isIntercom(url)) return original(input, init);
    let send: [unknown, InitLike | undefined] = [input, init];
    try {
      send = reviewFetch(guard, url, input, init);
    } catch (error) {
      try {
        guard.failed(error);
      } catch (stopped) {
        return Promise.reject(stopped instanceof Error ? stopped : new Error(String(stopped)));
      }
    }
    return original(send[0], send[1]);
  };
  return Object.assign(guarded, { [ORIGINAL]: original }) as unknown as F;
}

/** An object whose methods run with the caller's stack at hand (intercom-client's own code loses it on the way to fetch). */
function traced<T extends object>(target: T, proxies: WeakMap<object, object>): T {
  const known = proxies.get(target);
  if (known) return known as T;
  const proxy = new Proxy(target, {
    get(object, key) {
      const value: unknown = Reflect.get(object, key, object);
      if (typeof value === "function") {
        return (...args: unknown[]) => (sdkCalls ??= new AsyncLocalStorage()).run(captureStack(), () => Reflect.apply(value, object, args) as unknown);
      }
      const isClient = typeof value === "object" && value !== null && !(value instanceof Promise) && Object.getPrototypeOf(value) !== Object.prototype;
      return isClient ? traced(value, proxies) : value;
    },
  });
  proxies.set(target, proxy);
  return proxy;
}

/**
 * intercom-client 7.x, guarded: `guardIntercomClient(IntercomClient, { token })` builds the client with a guarded
 * `fetch` (the option its types expose) and returns it with each call's location kept for the report.
 */
export function guardIntercomClient<O, C extends object>(Client: new (options: O) => C, options: NoInfer<O>, guardOptions: GuardOptions = {}): C {
  const fetchImpl = (options as { fetch?: FetchFunction } | undefined)?.fetch ?? globalThis.fetch;
  return traced(new Client({ ...options, fetch: guardFetch(fetchImpl, guardOptions) }), new WeakMap());
}

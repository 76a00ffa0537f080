// guardAxios: an axios request interceptor that inspects requests to Intercom (and upgrades or stops them, by mode).
// It runs synchronously, so the stack still holds the application's call.
import { captureStack } from "./call-site.cjs";
import { createGuard, type GuardOptions } from "./guard.cjs";
import { headerEntries, type HeaderInput } from "./inspect.cjs";

/** What the interceptor reads and writes of axios's request config. */
export interface AxiosConfigLike {
  url?: string;
  baseURL?: string;
  allowAbsoluteUrls?: boolean;
  method?: string;
  headers?: unknown;
  data?: unknown;
}

/** What guardAxios needs of an axios instance (or the default `axios`). */
export interface AxiosLike {
  interceptors: { request: { use: (...args: never[]) => number } };
}

type UseInterceptor = (
  onFulfilled: (config: AxiosConfigLike) => AxiosConfigLike,
  onRejected: (error: unknown) => never,
  options: { synchronous: boolean },
) => number;

interface AxiosHeadersLike {
  set(name: string, value: string): unknown;
  toJSON(): Record<string, unknown>;
}

const isAxiosHeaders = (headers: unknown): headers is AxiosHeadersLike =>
  typeof headers === "object" &&
  headers !== null &&
  typeof (headers as AxiosHeadersLike).set === "function" &&
  typeof (headers as AxiosHeadersLike).toJSON === "function";

/** The URL axios will request: `url` when absolute (and allowed), else `baseURL` joined with it (axios's buildFullPath). */
export function axiosUrl(config: AxiosConfigLike): string {
  const url = config.url ?? "";
  if (!config.baseURL || (/^([a-z][a-z\d+\-.]*:)?\/\//i.test(url) && config.allowAbsoluteUrls !== false)) return url;
  return url ? `${config.baseURL.replace(/\/?\/$/, "")}/${url.replace(/^\/+/, "")}` : config.baseURL;
}

function headersOf(config: AxiosConfigLike): HeaderInput | undefined {
  const headers = config.headers;
  if (isAxiosHeaders(headers)) return headers.toJSON() as Record<string, string>;
  return typeof headers === "object" && headers !== null ? (headers as Record<string, string>) : undefined;
}

/** Set a header by name in any case (AxiosHeaders does that itself; a plain object keeps the name it had). */
function setHeader(config: AxiosConfigLike, name: string, value: string): void {
  if (isAxiosHeaders(config.headers)) {
    config.headers.set(name, value);
    return;
  }
  const headers = { ...((config.headers as Record<string, unknown> | undefined) ?? {}) };
  const existing = headerEntries(headers as HeaderInput).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[0];
  headers[existing ?? name] = value;
  config.headers = headers;
}

/** The upgraded body in the form the application gave it: text, bytes, or an object axios serialises. */
function sameForm(data: unknown, body: { json: unknown; text: string }): unknown {
  if (typeof data === "string") return body.text;
  return data instanceof Uint8Array || data instanceof ArrayBuffer ? Buffer.from(body.text) : body.json;
}

/** Add the guard to an axios instance (or the default `axios`), and return it. */
export function guardAxios<A extends AxiosLike>(instance: A, options: GuardOptions = {}): A {
  const guard = createGuard(options);
  const onRequest = (config: AxiosConfigLike): AxiosConfigLike => {
    const url = axiosUrl(config);
    if (!guard.isIntercom(url)) return config;
    try {
      const verdict = guard.review({ method: config.method, url, headers: headersOf(config), body: config.data }, captureStack);
      if (verdict.send === "nothing") throw verdict.error;
      if (verdict.send === "upgraded") {
        const { upgrade } = verdict;
        for (const [name, value] of Object.entries(upgrade.headers)) setHeader(config, name, value);
        if (upgrade.body) config.data = sameForm(config.data, upgrade.body);
      }
    } catch (error) {
      guard.failed(error);
    }
    return config;
  };
  // A synchronous interceptor that throws does not stop axios by itself: its onRejected has to throw again.
  const use = instance.interceptors.request.use as unknown as UseInterceptor;
  const rethrow = (error: unknown): never => {
    throw error;
  };
  use.call(instance.interceptors.request, onRequest, rethrow, { synchronous: true });
  return instance;
}

// Intercom's API host in a URL, and the request path after it.
import { HOLE } from "../core/values.js";

const INTERCOM_HOST = /^https?:\/\/api(?:\.eu|\.au)?\.intercom\.io(?::\d+)?(?=[/?#]|$)/i;

/** The path of an Intercom API URL, or undefined when the URL is not (known to be) Intercom's. */
export function intercomPath(url: string): string | undefined {
  const host = INTERCOM_HOST.exec(url);
  if (!host) return undefined;
  let rest = url.slice(host[0].length);
  rest = rest.replace(/[?#].*$/s, "");
  if (rest.startsWith(HOLE)) return undefined; // the path itself is unknown
  const segments = rest
    .split("/")
    .filter(Boolean)
    .map((segment) => (segment.includes(HOLE) ? "{}" : segment));
  return "/" + segments.join("/");
}

export function isIntercomUrl(url: string): boolean {
  return INTERCOM_HOST.test(url);
}

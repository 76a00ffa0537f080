// One outgoing Intercom request, inspected: what it sends that API 2.14 changed (findings under the static rules'
// ids) and, when every error-level change can be made, the 2.14 request to send instead. Pure: no I/O but the index.
import {
  RULE_SEVERITY,
  isJsonObject,
  upgradeBody,
  versionPin,
  type BodyFinding,
  type ChangedOperation,
  type Json,
  type RuleId,
  type Severity,
  type UpgradeSettings,
} from "./payload-upgrades.cjs";
import { nearest, operationFor, unknownProperties } from "./request-index.cjs";

/** Header values as fetch, axios, undici and node:http carry them. */
export type HeaderInput =
  | Readonly<Record<string, string | number | readonly string[] | null | undefined>>
  | Iterable<readonly [string, string]>
  | { forEach(callback: (value: string, name: string) => void): void };

export interface OutgoingRequest {
  method?: string;
  url: string;
  headers?: HeaderInput | null;
  /** A JSON text, a plain object or array (as axios holds it), bytes of JSON, or anything else (left unread). */
  body?: unknown;
}

export interface RuntimeFinding extends BodyFinding {
  severity: Severity;
}

export interface Inspection {
  method: string;
  /** The 2.14 operation, e.g. `PUT /tickets/{ticket_id}`; the method and path when no 2.14 operation fits. */
  operation: string;
  findings: RuntimeFinding[];
  /** The 2.14 request, when something changes and every error-level finding could be upgraded. */
  upgrade?: RequestUpgrade;
}

export interface RequestUpgrade {
  /** Headers to set (the version pin, under the name the request used). */
  headers: Record<string, string>;
  /** The new body, when it changed: as JSON and as its text. */
  body?: { json: Json; text: string };
}

const VERSION_HEADER = "intercom-version";
/** Larger bodies are not read: the guard's cost stays bounded (an import, say, is no 2.13 shape). */
export const MAX_BODY_CHARS = 1 << 20;

const CHANGED_OPERATIONS: Array<[string, RegExp, ChangedOperation]> = [
  ["PUT", /^\/tickets\/[^/]+$/, "tickets.update"],
  ["POST", /^\/messages$/, "messages.create"],
  ["POST", /^\/news\/news_items$/, "news.items.create"],
  ["PUT", /^\/news\/news_items\/[^/]+$/, "news.items.update"],
];

/** A body the guard can read: a JSON object or array (parsed), none at all, or something it leaves alone. */
export type ReadBody = { kind: "json"; value: Json } | { kind: "none" } | { kind: "unread" };

const looksLikeJson = (text: string) => /^\s*[[{]/.test(text) && text.length <= MAX_BODY_CHARS;

function parseJson(text: string): ReadBody {
  if (!looksLikeJson(text)) return { kind: "unread" };
  try {
    return { kind: "json", value: JSON.parse(text) as Json };
  } catch {
    return { kind: "unread" };
  }
}

/** A header value written as it goes on the wire (numbers and booleans as text; anything else as JSON). */
const headerText = (value: unknown): string =>
  typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : JSON.stringify(value);

const isPlain = (value: object) => Array.isArray(value) || [Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null);

/** Reads a body without consuming it: streams, FormData, Blobs, URLSearchParams and non-JSON are left unread. */
export function readBody(body: unknown): ReadBody {
  if (body === undefined || body === null) return { kind: "none" };
  if (typeof body === "string") return body === "" ? { kind: "none" } : parseJson(body);
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) {
    const bytes = body instanceof Uint8Array ? body : new Uint8Array(body);
    if (bytes.length > MAX_BODY_CHARS || (bytes.length > 0 && bytes[0] !== 0x7b && bytes[0] !== 0x5b && bytes[0] > 0x20)) return { kind: "unread" };
    return bytes.length === 0 ? { kind: "none" } : parseJson(new TextDecoder().decode(bytes));
  }
  // A plain object or array is sent as its JSON (axios, the SDK's request objects): what JSON.stringify makes of it.
  if (typeof body === "object" && isPlain(body)) {
    const text = JSON.stringify(body);
    return text === undefined ? { kind: "none" } : parseJson(text);
  }
  return { kind: "unread" };
}

/** Header entries as `[name, value]`, whatever the container. */
export function headerEntries(headers: HeaderInput | null | undefined): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  if (!headers) return entries;
  if (typeof (headers as { forEach?: unknown }).forEach === "function" && !Array.isArray(headers)) {
    (headers as { forEach(callback: (value: string, name: string) => void): void }).forEach((value, name) => entries.push([name, value]));
  } else if (Symbol.iterator in headers) {
    for (const [name, value] of headers as Iterable<readonly [string, string]>) entries.push([name, value]);
  } else {
    for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
      if (value !== undefined && value !== null) entries.push([name, Array.isArray(value) ? value.join(", ") : headerText(value)]);
    }
  }
  return entries;
}

const withSeverity = (finding: BodyFinding): RuntimeFinding => ({ ...finding, severity: RULE_SEVERITY[finding.ruleId] });

function finding(ruleId: RuleId, message: string, upgradable: boolean): RuntimeFinding {
  return withSeverity({ ruleId, message, upgradable });
}

function pathnameOf(url: string): string {
  const pathname = new URL(url).pathname;
  return pathname.length > 1 && pathname.endsWith("/") ? pathname.slice(0, -1) : pathname;
}

const showPath = (path: readonly string[]) => path.map((part, i) => (part === "*" ? "[]" : (i > 0 ? "." : "") + part)).join("");

/** request-schema: body properties 2.14 does not know (those a dedicated rule judges, and the description's own examples, aside). */
function schemaFindings(method: string, pathname: string, body: Json): RuntimeFinding[] {
  const operation = operationFor(method, pathname);
  if (!operation?.body) return [];
  const covered = (path: string[]) =>
    (operation.method === "PUT" && operation.path === "/tickets/{ticket_id}" && path.join(".") === "assignment") ||
    (operation.examplesContradict ?? []).some((item) => item.unknown && item.path.join("\u0000") === path.join("\u0000"));
  return unknownProperties(body, operation.body)
    .filter((unknown) => !covered(unknown.path))
    .map((unknown) => {
      const name = unknown.path[unknown.path.length - 1];
      const where = unknown.path.length === 1 ? "the request body" : `\`${showPath(unknown.path.slice(0, -1))}\``;
      const suggestion = nearest(name, unknown.known);
      const hint = suggestion ? ` (did you mean \`${suggestion}\`?)` : "";
      return finding("request-schema", `\`${name}\` is not a property of ${where} in API 2.14${hint}.`, false);
    });
}

/** What a request sends that 2.14 changed, and the request to send instead when it can be upgraded whole. */
export function inspectRequest(request: OutgoingRequest, settings: UpgradeSettings = {}): Inspection {
  const method = (request.method ?? "GET").toUpperCase();
  const pathname = pathnameOf(request.url);
  const operation = operationFor(method, pathname);
  const inspection: Inspection = { method, operation: `${method} ${operation?.path ?? pathname}`, findings: [] };
  const body = method === "GET" || method === "HEAD" ? ({ kind: "none" } as const) : readBody(request.body);
  let upgraded: Json | undefined;
  if (body.kind === "json") {
    const changed = CHANGED_OPERATIONS.find(([verb, path]) => verb === method && path.test(pathname))?.[2];
    if (changed && isJsonObject(body.value)) {
      const result = upgradeBody(changed, body.value, settings);
      inspection.findings.push(...result.findings.map(withSeverity));
      if (result.body !== body.value) upgraded = result.body;
    }
    inspection.findings.push(...schemaFindings(method, pathname, body.value));
  }
  const version = headerEntries(request.headers).find(([name]) => name.toLowerCase() === VERSION_HEADER);
  const pin = version ? versionPin(version[1]) : undefined;
  if (pin?.kind === "2.13")
    inspection.findings.push(finding("intercom-version-header", "The request pins `Intercom-Version: 2.13`; API 2.14 is the version being migrated to.", true));
  if (pin?.kind === "older") {
    inspection.findings.push(
      finding(
        "intercom-version-header",
        `The request pins \`Intercom-Version: ${pin.version}\`, older than 2.13: more changed since than this guard checks.`,
        false,
      ),
    );
  }
  // The 2.14 shape goes out only whole: with every error-level finding upgraded, the body seen, and a 2.14 pin.
  const blocked = pin?.kind === "older" || body.kind === "unread" || inspection.findings.some((f) => f.severity === "error" && !f.upgradable);
  if (blocked || (upgraded === undefined && pin?.kind !== "2.13")) return inspection;
  inspection.upgrade = {
    headers: pin?.kind === "2.13" || pin === undefined ? { [version?.[0] ?? "Intercom-Version"]: "2.14" } : {},
    ...(upgraded !== undefined ? { body: { json: upgraded, text: JSON.stringify(upgraded) } } : {}),
  };
  return inspection;
}

// Requests described as data, and calls to clients the table does not know, recognised by what they carry: an
// Intercom URL, a method and a body under a key any client would use (`{ url, method, body | data | json | payload }`).
import type { CallExpression, Node, ObjectExpression } from "@babel/types";
import { returnedExpressions } from "../core/function-returns.js";
import { isFunctionNode, propertyKeyName } from "../core/scope.js";
import { dottedName } from "../core/syntax.js";
import { HOLE, isMember, joinUrl, memberName, payloadValue, unwrapExpression, type Env, type Ref, type Resolver } from "../core/values.js";
import { httpRequest } from "./http-calls.js";
import type { IntercomRequest } from "./intercom-request.js";
import { isIntercomUrl } from "./intercom-url.js";

/** Keys that hold the URL, the method, the body and a base URL in a request's options or description. */
export const URL_KEYS = ["url", "uri"] as const;
export const METHOD_KEYS = ["method"] as const;
export const BODY_KEYS = ["body", "data", "json", "payload"] as const;
export const BASE_KEYS = ["baseURL", "baseUrl", "prefixUrl"] as const;

const HTTP_METHOD = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/;

/** How a request was recognised when no client in the table made it: by a call's arguments, or as a description. */
export type Recognition = "arguments" | "description";

/** The request an options object (or a description) names: its URL, method and body, read where each is a value or a function giving one. */
export interface Described {
  url: string;
  method: string;
  bodyRef: Ref | undefined;
}

/** A value, or what the function it is gives back (`url: (params) => …`, `body: (params) => ({ … })`): the first returned expression. */
export function givenValue(resolver: Resolver, ref: Ref): Ref | undefined {
  const value = resolver.resolveValue(ref);
  const node = value.kind === "node" ? unwrapExpression(value.ref.node) : undefined;
  if (!node || !isFunctionNode(node) || value.kind !== "node") return ref;
  const env: Env = { fn: node, args: [], parent: value.ref.env, depth: (value.ref.env?.depth ?? 0) + 1 };
  const [returned] = returnedExpressions(node);
  return returned ? { file: value.ref.file, node: returned, env } : undefined;
}

/** A URL written for a template engine (`https://api.intercom.io/tickets/{{bundle.inputData.id}}`, n8n's `=/tickets/…`): its unknown parts. */
export function templateUrl(text: string): string {
  return text.replace(/^=(?=\/|https?:)/, "").replace(/\{\{[^}]*\}\}/g, HOLE);
}

/**
 * What an options object describes, when it names a method and a body and its URL (its own, `urlArgument`, joined
 * to its base or `base`) is known: else undefined.
 */
export function describedBy(resolver: Resolver, options: Ref, urlArgument?: Ref, base?: string): Described | undefined {
  const payload = resolver.followPayload(options);
  const option = (keys: readonly string[]) => keys.map((key) => payloadValue(payload, key)).find((found) => found !== undefined);
  // The keys first (cheap), then the values.
  const methodRef = option(METHOD_KEYS);
  const bodyOption = methodRef ? option(BODY_KEYS) : undefined;
  if (!methodRef || !bodyOption) return undefined;
  const method = resolver.evalString(methodRef).toUpperCase();
  if (!HTTP_METHOD.test(method)) return undefined;
  const urlOption = option(URL_KEYS);
  const urlRef = urlOption ? givenValue(resolver, urlOption) : urlArgument;
  if (!urlRef) return undefined;
  let url = templateUrl(resolver.evalString(urlRef));
  const ownBase = option(BASE_KEYS);
  const baseText = ownBase ? resolver.evalString(ownBase) : base;
  if (baseText !== undefined && !/^https?:\/\//i.test(url)) url = joinUrl(baseText, url);
  return { url, method, bodyRef: givenValue(resolver, bodyOption) };
}

/** The request these parts make, marked with how it was recognised. */
export function describedRequest(resolver: Resolver, described: Described, callRef: Ref, client: string, by: Recognition): IntercomRequest | undefined {
  const request = httpRequest({ client, callRef, method: described.method, url: described.url, bodyRef: described.bodyRef, headers: [] }, resolver);
  return request ? { ...request, recognisedBy: by } : undefined;
}

/**
 * A call to a function no table knows, recognised by its arguments: one options object with a method and a body,
 * and an Intercom URL in it or in another argument (`z.request({ url, method, body })`, `send(url, { method, data })`).
 */
export function requestByArguments(resolver: Resolver, callRef: Ref & { node: CallExpression }): IntercomRequest | undefined {
  if (!mayBeClient(resolver, callRef)) return undefined;
  const args = callRef.node.arguments.map((arg) => ({ ...callRef, node: arg }));
  const candidates = args.filter((arg) => mayBeOptions(arg.node));
  if (candidates.length === 0) return undefined;
  // The URL argument is looked for only once an options object names a method and a body.
  let urlArgument: Ref | undefined | null = null;
  const urlOf = () => (urlArgument ??= args.find((arg) => unwrapExpression(arg.node).type !== "ObjectExpression" && isIntercomUrl(resolver.evalString(arg))));
  for (const options of candidates) {
    if (!mayDescribe(resolver, options)) continue;
    const url = urlOf();
    if (options === url) continue;
    // A configuration beside the options may give the base: `request(OpenAPI, { method, url, body })` (openapi-typescript-codegen).
    const described = describedBy(
      resolver,
      options,
      url,
      configuredBase(
        resolver,
        args.filter((arg) => arg !== options),
      ),
    );
    if (!described || !isIntercomUrl(described.url)) continue;
    return describedRequest(resolver, described, callRef, calleeName(callRef.node), "arguments");
  }
  return undefined;
}

/** Keys of a client configuration object that give its base URL. */
const CONFIG_BASE_KEYS = [...BASE_KEYS, "BASE", "basePath"];

/** The base URL a configuration argument gives (`{ BASE: "https://api.intercom.io" }`), if one does. */
function configuredBase(resolver: Resolver, args: Ref[]): string | undefined {
  for (const arg of args) {
    const value = resolver.resolveValue(arg);
    const node = value.kind === "node" ? unwrapExpression(value.ref.node) : undefined;
    if (node?.type !== "ObjectExpression" || value.kind !== "node") continue;
    const payload = resolver.followPayload(value.ref);
    const base = CONFIG_BASE_KEYS.map((key) => payloadValue(payload, key)).find((found) => found !== undefined);
    if (base) return resolver.evalString(base);
  }
  return undefined;
}

/** Is an argument an object literal (or a name for one) written with a method and a body key (or a spread that may give them)? A cheap test. */
function mayDescribe(resolver: Resolver, arg: Ref): boolean {
  const value = resolver.resolveValue(arg);
  const node = value.kind === "node" ? unwrapExpression(value.ref.node) : undefined;
  if (node?.type !== "ObjectExpression") return false;
  const keys = new Set(
    node.properties.map((property) =>
      property.type === "SpreadElement"
        ? "..."
        : property.type === "ObjectProperty" || property.type === "ObjectMethod"
          ? propertyKeyName(property.key)
          : undefined,
    ),
  );
  const has = (names: readonly string[]) => keys.has("...") || names.some((name) => keys.has(name));
  return has(METHOD_KEYS) && has(BODY_KEYS);
}

/** What logs, asserts, copies or stores a value rather than sending it: `logger.info(request)`, `expect(x).toEqual(request)`. */
const NOT_SENDING =
  /^(?:log|info|debug|warn|warning|error|trace|fatal|verbose|silly|notice|expect|assert|toEqual|toStrictEqual|toMatchObject|toBe|toMatchSnapshot|deepEqual|strictEqual|deepStrictEqual|equal|stringify|keys|values|entries|freeze|assign|clone|cloneDeep|structuredClone|set|setItem|has|includes|push)$/;

/**
 * May this callee be an HTTP client the tables do not know? Not a built-in (`Object.keys`, `console.log`,
 * `JSON.stringify`), nor a function named for logging, asserting or copying.
 */
function mayBeClient(resolver: Resolver, callRef: Ref & { node: CallExpression }): boolean {
  const callee = unwrapExpression(callRef.node.callee);
  const name = callee.type === "Identifier" ? callee.name : isMember(callee) ? memberName(callee) : undefined;
  if (name !== undefined && NOT_SENDING.test(name)) return false;
  const value = resolver.resolveValue({ ...callRef, node: callee });
  return !(value.kind === "external" && value.module === "<global>");
}

/** An argument that may be an options object: an object literal, or a name or member that may hold one. */
export function mayBeOptions(node: Node): boolean {
  const inner = unwrapExpression(node);
  return inner.type === "ObjectExpression" || inner.type === "Identifier" || inner.type === "MemberExpression";
}

function calleeName(call: CallExpression): string {
  return dottedName(unwrapExpression(call.callee)) ?? "an HTTP client";
}

/** Is this object literal a request description (`{ url, method, body }`), by its keys alone (a cheap first test)? */
export function looksLikeDescription(object: ObjectExpression): boolean {
  let url = false;
  let method = false;
  let body = false;
  for (const property of object.properties) {
    if (property.type === "SpreadElement" || property.computed || property.key.type !== "Identifier") continue;
    const key = property.key.name;
    url ||= (URL_KEYS as readonly string[]).includes(key);
    method ||= (METHOD_KEYS as readonly string[]).includes(key);
    body ||= (BODY_KEYS as readonly string[]).includes(key);
  }
  return url && method && body;
}

// Test doubles of Intercom requests: what a test expects the code to send (nock interceptors, msw handlers that
// assert the body, mocked HTTP clients and SDK stand-ins asserted with `toHaveBeenCalledWith`), the assertions and
// matchers on the pinned API version, and mocked API responses. Jest and vitest alike (chai and node:assert for
// plain equality). The rules see a double as a request of its endpoint, so they find and fix it as they would the
// code it checks; findings inside one say so in their message.
import type { CallExpression, Function as FunctionNode, Identifier, Node, ObjectExpression } from "@babel/types";
import { endpointForSdkMethod, matchBodyEndpoint, matchEndpoint } from "../intercom-api/endpoints.js";
import { SDK_CLASSES, intercomPath, isIntercomUrl, returnedExpressions, type HttpCallee, type IntercomRequest, type RequestFinder } from "./requests.js";
import { isFunctionNode, isReference, propertyKeyName, resolveBinding, type Binding } from "../core/scope.js";
import type { SourceFile } from "../core/source.js";
import { HOLE, isMember, joinUrl, memberName, payloadValue, unwrapExpression, type Ref, type Resolver } from "../core/values.js";

export type DoubleKind = "nock" | "msw" | "mock-adapter" | "assertion" | "spy";

/** `Intercom-Version`, any case. */
export const VERSION_HEADER = /^intercom-version$/i;
/** Constants that name the pin itself: `INTERCOM_VERSION`, `intercomApiVersion`. */
export const PIN_NAME = /^intercom_?(api_?)?version$/i;

/** A comparison of the pinned API version with a value in a test: `expect(INTERCOM_VERSION).toBe("2.13")`. */
export interface VersionPin {
  /** The value the pin is compared with (a literal, or a name for one). */
  value: Ref;
  /** The other side: the pin, a header read, or something only named like a version. */
  subject: Ref;
  /** False when the subject is only named like a version: the tool cannot tell it is Intercom's. */
  certain: boolean;
  at: Ref;
  /** In words, for messages: "a nock header matcher". */
  description: string;
}

/** A place in a file that belongs to a test double, with the words a finding there adds to its message. */
export interface DoubleRegion {
  start: number;
  end: number;
  kind: "request" | "pin" | "response";
  note: string;
}

type StandIn = { kind: "http"; callee: HttpCallee; name: string } | { kind: "sdk"; methodPath: string };

interface Comparison {
  call: CallExpression;
  actual: Ref;
  expected: Ref;
  /** `toMatchObject`: the expected value names part of the actual one. */
  partial: boolean;
  matcher: string;
}

interface MswHandler {
  call: CallExpression;
  method: string | undefined;
  path: string;
  resolver: FunctionNode;
}

/** `*.test.*`, `*.spec.*`, and files under `__tests__/`, `__mocks__/`, `test/`, `tests/` (a path relative to the project). */
export function isTestFile(relativePath: string): boolean {
  const posix = relativePath.replace(/\\/g, "/");
  return /\.(test|spec)\.[cm]?[jt]sx?$/i.test(posix) || /(^|\/)(__tests__|__mocks__|tests?)\//.test(posix);
}

/** Where the test runners' globals come from (unbound names are globals). */
const RUNNER_MODULES = new Set(["<global>", "vitest", "@jest/globals", "bun:test"]);
const ASSERT_MODULES = new Set(["assert", "node:assert", "assert/strict", "node:assert/strict"]);
const CALLED_WITH = new Set([
  "toHaveBeenCalledWith",
  "toHaveBeenLastCalledWith",
  "toHaveBeenNthCalledWith",
  "toHaveBeenCalledExactlyOnceWith",
  "toBeCalledWith",
  "lastCalledWith",
  "nthCalledWith",
]);
const NTH_CALLED_WITH = new Set(["toHaveBeenNthCalledWith", "nthCalledWith"]);
/** Equality matchers (jest/vitest, chai) and the one that compares a part. */
const EQUALITY = new Set(["toBe", "toEqual", "toStrictEqual", "toMatchObject", "equal", "equals", "eq", "eql", "eqls"]);
const ASSERT_EQUALITY = new Set(["equal", "strictEqual", "deepEqual", "deepStrictEqual", "equals"]);
/** Words of an assertion chain between `expect(x)` and the matcher (`.not`, chai's `.to.deep`). */
const CHAIN_WORDS = new Set(["not", "to", "be", "been", "is", "that", "which", "and", "has", "have", "with", "deep", "strict"]);
/** Methods of a mock function that return the mock itself. */
const MOCK_CHAIN = new Set([
  "mockResolvedValue",
  "mockResolvedValueOnce",
  "mockRejectedValue",
  "mockRejectedValueOnce",
  "mockReturnValue",
  "mockReturnValueOnce",
  "mockImplementation",
  "mockImplementationOnce",
  "mockName",
  "mockReturnThis",
  "mockClear",
  "mockReset",
]);
const MOCK_RETURNS = new Set(["mockResolvedValue", "mockResolvedValueOnce", "mockReturnValue", "mockReturnValueOnce"]);
const MOCK_IMPLEMENTATIONS = new Set(["mockImplementation", "mockImplementationOnce"]);
const MODULE_MOCKS = new Set(["mock", "doMock", "unstable_mockModule"]);
const NOCK_VERBS = new Set(["get", "post", "put", "patch", "delete", "head", "options"]);
/** nock scope and interceptor methods that return a scope or an interceptor of the same `nock(base)`. */
const NOCK_CHAIN = new Set([
  ...NOCK_VERBS,
  "intercept",
  "matchHeader",
  "persist",
  "defaultReplyHeaders",
  "replyContentLength",
  "replyDate",
  "filteringPath",
  "filteringRequestBody",
  "reply",
  "replyWithError",
  "replyWithFile",
  "query",
  "times",
  "once",
  "twice",
  "thrice",
  "delay",
  "delayBody",
  "delayConnection",
  "basicAuth",
  "optionally",
]);
const MSW_VERBS = new Set(["get", "post", "put", "patch", "delete", "head", "options", "all"]);

function rangeOf(nodes: readonly Node[]): { start: number; end: number } | undefined {
  if (nodes.length === 0) return undefined;
  return { start: nodes.reduce((min, n) => Math.min(min, n.start!), Infinity), end: nodes.reduce((max, n) => Math.max(max, n.end!), -Infinity) };
}

function isStringLike(node: Node): boolean {
  return node.type === "StringLiteral" || node.type === "TemplateLiteral";
}

export class DoubleFinder {
  private readonly requestCache = new WeakMap<SourceFile, IntercomRequest[]>();
  private readonly pinCache = new WeakMap<SourceFile, VersionPin[]>();
  private readonly regionCache = new WeakMap<SourceFile, DoubleRegion[]>();
  private readonly installedCache = new WeakMap<SourceFile, Map<Node, StandIn>>();
  private readonly comparisonCache = new WeakMap<SourceFile, Comparison[]>();
  private readonly handlerCache = new WeakMap<SourceFile, MswHandler[]>();
  private readonly intercomCache = new WeakMap<SourceFile, boolean>();
  private readonly responseCache = new WeakMap<SourceFile, DoubleRegion[]>();
  private readonly regionIndex = new WeakMap<DoubleRegion[], { sorted: DoubleRegion[]; longest: number }>();

  constructor(
    private readonly finder: RequestFinder,
    private readonly resolver: Resolver,
  ) {}

  // -------------------------------------------------------------------------------------------------------
  // Requests

  /** The test doubles of Intercom requests in a file, as requests of their endpoints. */
  requests(file: SourceFile): IntercomRequest[] {
    let found = this.requestCache.get(file);
    if (!found) {
      found = [];
      // Cheap text tests first: most files hold no test double at all.
      const text = file.text;
      if (text.includes("nock")) for (const request of this.nockRequests(file)) found.push(request);
      if (text.includes("msw")) for (const request of this.mswRequests(file)) found.push(request);
      if (text.includes("axios-mock-adapter")) for (const request of this.adapterRequests(file)) found.push(request);
      if (/CalledWith|\.mock\.(calls|lastCall)/.test(text)) for (const request of this.assertedRequests(file)) found.push(request);
      this.requestCache.set(file, found);
    }
    return found;
  }

  /** `nock(base).put(path, body)`, `.intercept(path, method, body)`: the body the interceptor expects. */
  private nockRequests(file: SourceFile): IntercomRequest[] {
    const found: IntercomRequest[] = [];
    for (const call of file.nodesOfType("CallExpression")) {
      const callee = unwrapExpression(call.callee);
      if (!isMember(callee)) continue;
      const verb = memberName(callee);
      if (verb === undefined || (!NOCK_VERBS.has(verb) && verb !== "intercept")) continue;
      const base = this.nockBase({ file, node: callee.object });
      if (!base) continue;
      const args = call.arguments.map((arg) => ({ file, node: arg }));
      const pathArg = args[0];
      // A regular expression or a function matches paths; only a string names one.
      if (!pathArg || !(isStringLike(unwrapExpression(pathArg.node)) || ["Identifier", "MemberExpression", "BinaryExpression"].includes(unwrapExpression(pathArg.node).type))) continue;
      let method = verb.toUpperCase();
      let body = args[1];
      if (verb === "intercept") {
        if (!args[1]) continue;
        const text = this.resolver.evalString(args[1]);
        if (text.includes(HOLE)) continue;
        method = text.toUpperCase();
        body = args[2];
      }
      const baseText = this.resolver.evalString(base);
      const pathText = this.resolver.evalString(pathArg);
      if (!isIntercomUrl(baseText) || pathText.replace(/^\/+/, "").startsWith(HOLE)) continue;
      const path = intercomPath(joinUrl(baseText, pathText));
      if (path === undefined) continue;
      // A function or a regular expression matches bodies; only a value spells one out.
      const bodyNode = body ? unwrapExpression(body.node) : undefined;
      const payloadRef = bodyNode && !isFunctionNode(bodyNode) && bodyNode.type !== "RegExpLiteral" ? body : undefined;
      found.push(this.httpDouble(file, call, "nock", "nock", "a nock interceptor's expected request body", method, path, payloadRef));
    }
    return found;
  }

  /** A mocked raw-HTTP request that names its method, path and expected body. */
  private httpDouble(
    file: SourceFile,
    call: CallExpression,
    client: string,
    double: IntercomRequest["double"],
    description: string,
    method: string | undefined,
    path: string,
    payloadRef: Ref | undefined,
  ): IntercomRequest {
    return {
      via: "http",
      client,
      double,
      doubleDescription: description,
      call: { file, node: call },
      method,
      path,
      endpoint: matchEndpoint(method, path),
      payloadRef,
      payload: payloadRef ? this.resolver.followPayload(payloadRef) : undefined,
      headers: [],
    };
  }

  /** axios-mock-adapter: `new MockAdapter(api).onPut(url, body)` expects that body (the URL joins the instance's baseURL). */
  private adapterRequests(file: SourceFile): IntercomRequest[] {
    const found: IntercomRequest[] = [];
    for (const call of file.nodesOfType("CallExpression")) {
      const callee = unwrapExpression(call.callee);
      if (!isMember(callee)) continue;
      const handler = /^on(Get|Post|Put|Patch|Delete)$/.exec(memberName(callee) ?? "");
      if (!handler) continue;
      const base = this.adapterBase({ file, node: callee.object });
      if (base === undefined) continue;
      const [urlArg, bodyArg] = call.arguments;
      if (!urlArg || urlArg.type === "SpreadElement" || unwrapExpression(urlArg).type === "RegExpLiteral") continue;
      const urlText = this.resolver.evalString({ file, node: urlArg });
      if (urlText.replace(/^\/+/, "").startsWith(HOLE)) continue;
      const path = intercomPath(/^https?:\/\//i.test(urlText) ? urlText : joinUrl(base, urlText));
      if (path === undefined) continue;
      const method = handler[1].toUpperCase();
      // onGet's second argument is `{ params }`; the others' is the body the request must carry.
      const payloadRef = method !== "GET" && method !== "DELETE" && bodyArg && bodyArg.type !== "SpreadElement" && !isFunctionNode(unwrapExpression(bodyArg)) ? { file, node: bodyArg } : undefined;
      found.push(this.httpDouble(file, call, "axios", "mock-adapter", "an axios-mock-adapter handler's expected request body", method, path, payloadRef));
    }
    return found;
  }

  /** The base URL of the axios instance a `new MockAdapter(instance)` mocks ("" for axios itself), through chains and variables. */
  private adapterBase(ref: Ref, depth = 0): string | undefined {
    if (depth > 12) return undefined;
    const node = unwrapExpression(ref.node);
    if (node.type === "NewExpression") {
      if (!this.isExternal({ ...ref, node: node.callee }, "axios-mock-adapter", [[], ["default"]])) return undefined;
      const instance = node.arguments[0];
      if (!instance || instance.type === "SpreadElement") return undefined;
      const callee = this.finder.httpCallee({ ...ref, node: instance });
      if (callee?.library !== "axios") return undefined;
      const baseRef = callee.instanceConfig ? payloadValue(this.resolver.followPayload(callee.instanceConfig), "baseURL") : undefined;
      return baseRef ? this.resolver.evalString(baseRef) : "";
    }
    // `mock.onPut(…).reply(…).onPost(…)`: handlers chain back to the adapter.
    if (node.type === "CallExpression" && isMember(node.callee) && /^(on[A-Z]\w*|reply\w*|pass\w*|network\w*|timeout\w*|abort\w*)$/.test(memberName(node.callee) ?? "")) {
      return this.adapterBase({ ...ref, node: node.callee.object }, depth + 1);
    }
    if (node.type === "Identifier") {
      const value = this.resolver.resolveValue({ ...ref, node });
      if (value.kind === "node" && value.ref.node !== node) return this.adapterBase(value.ref, depth + 1);
    }
    return undefined;
  }

  /** The `nock(base)` argument a scope or interceptor expression comes from, through chains and variables. */
  private nockBase(ref: Ref, depth = 0): Ref | undefined {
    if (depth > 16) return undefined;
    const node = unwrapExpression(ref.node);
    if (node.type === "CallExpression") {
      const callee = unwrapExpression(node.callee);
      if (this.isExternal({ ...ref, node: callee }, "nock", [[], ["default"]])) {
        return node.arguments[0] && node.arguments[0].type !== "SpreadElement" ? { ...ref, node: node.arguments[0] } : undefined;
      }
      if (isMember(callee) && NOCK_CHAIN.has(memberName(callee) ?? "")) return this.nockBase({ ...ref, node: callee.object }, depth + 1);
      return undefined;
    }
    if (node.type === "Identifier") {
      const value = this.resolver.resolveValue({ ...ref, node });
      if (value.kind === "node" && value.ref.node !== node) return this.nockBase(value.ref, depth + 1);
    }
    return undefined;
  }

  /** Does the expression resolve to this package's export (`paths`: accepted export paths)? */
  private isExternal(ref: Ref, module: string, paths: ReadonlyArray<readonly string[]>): boolean {
    const value = this.resolver.resolveValue(ref);
    return value.kind === "external" && value.module === module && paths.some((path) => path.join(".") === value.path.join("."));
  }

  /** msw handlers for Intercom URLs (`http.put(url, resolver)`, v1 `rest.put`). */
  private mswHandlers(file: SourceFile): MswHandler[] {
    let handlers = this.handlerCache.get(file);
    if (handlers) return handlers;
    handlers = [];
    for (const call of file.nodesOfType("CallExpression")) {
      const callee = unwrapExpression(call.callee);
      if (!isMember(callee)) continue;
      const verb = memberName(callee);
      if (verb === undefined || !MSW_VERBS.has(verb)) continue;
      if (!this.isExternal({ file, node: callee.object }, "msw", [["http"], ["rest"]])) continue;
      const [urlArg, resolverArg] = call.arguments;
      if (!urlArg || !resolverArg || urlArg.type === "SpreadElement" || resolverArg.type === "SpreadElement") continue;
      // Path parameters (`:id`) and wildcards are parts the URL does not know.
      const url = this.resolver
        .evalString({ file, node: urlArg })
        .replace(/\/:[A-Za-z_$][\w$]*/g, "/" + HOLE)
        .replace(/\*/g, HOLE);
      if (!isIntercomUrl(url)) continue;
      const path = intercomPath(url);
      if (path === undefined) continue;
      const target = this.resolver.functionOf({ file, node: resolverArg });
      const resolverNode = isFunctionNode(unwrapExpression(resolverArg)) ? (unwrapExpression(resolverArg) as FunctionNode) : target?.file === file ? target.fn : undefined;
      if (!resolverNode) continue;
      handlers.push({ call, method: verb === "all" ? undefined : verb.toUpperCase(), path, resolver: resolverNode });
    }
    this.handlerCache.set(file, handlers);
    return handlers;
  }

  /** msw handlers that assert the request body: `expect(await request.json()).toEqual({...})`, also through a variable. */
  private mswRequests(file: SourceFile): IntercomRequest[] {
    const found: IntercomRequest[] = [];
    const handlers = this.mswHandlers(file);
    if (handlers.length === 0) return found;
    const comparisons = this.comparisons(file);
    for (const handler of handlers) {
      const { reads, holders } = this.bodyReads(file, handler.resolver);
      if (reads.size === 0) continue;
      for (const comparison of comparisons) {
        const actual = unwrapExpression(comparison.actual.node);
        const held = actual.type === "Identifier" && holders.has(resolveBinding(file, actual) as Binding);
        if (!reads.has(actual) && !held) continue;
        const payload = this.resolver.followPayload(comparison.expected);
        if (comparison.partial) {
          payload.opaque = true;
          payload.partial = true;
        }
        const endpoint = handler.method ? matchEndpoint(handler.method, handler.path) : matchBodyEndpoint(handler.path);
        found.push({
          via: "http",
          client: "msw",
          double: "msw",
          doubleDescription: "an msw handler's assertion on the request body",
          call: { file, node: comparison.call },
          method: handler.method ?? endpoint?.method,
          path: handler.path,
          endpoint,
          payloadRef: comparison.expected,
          payload,
          headers: [],
        });
      }
    }
    return found;
  }

  /** Reads of the request body in an msw resolver, and the variables that keep it. */
  private bodyReads(file: SourceFile, resolver: FunctionNode): { reads: Set<Node>; holders: Set<Binding> } {
    const reads = new Set<Node>();
    const holders = new Set<Binding>();
    const isRequest = (node: Node): boolean => {
      let inner = unwrapExpression(node);
      // `request.clone().json()`
      if (inner.type === "CallExpression" && isMember(inner.callee) && memberName(inner.callee) === "clone") inner = unwrapExpression(inner.callee.object);
      // `info.request`
      if (isMember(inner) && memberName(inner) === "request") {
        const object = unwrapExpression(inner.object);
        const binding = object.type === "Identifier" ? resolveBinding(file, object) : undefined;
        return binding?.kind === "param" && binding.fn === resolver && binding.index === 0 && binding.path.length === 0;
      }
      if (inner.type !== "Identifier") return false;
      const binding = resolveBinding(file, inner);
      if (binding?.kind !== "param" || binding.fn !== resolver || binding.index !== 0) return false;
      // v2: `({ request })`; v1: `(req, res, ctx)`.
      return (binding.path.length === 1 && binding.path[0] === "request") || binding.path.length === 0;
    };
    const bodyCall = (node: Node, method: string): boolean => {
      const inner = unwrapExpression(node);
      const call = inner.type === "AwaitExpression" ? unwrapExpression(inner.argument) : inner;
      return call.type === "CallExpression" && call.arguments.length === 0 && isMember(call.callee) && memberName(call.callee) === method && isRequest(call.callee.object);
    };
    for (const node of file.nodesOfType("AwaitExpression", "CallExpression", "MemberExpression")) {
      if (node.start! < resolver.start! || node.end! > resolver.end!) continue;
      let read = false;
      if (node.type === "AwaitExpression") read = bodyCall(node, "json");
      else if (node.type === "CallExpression") {
        // JSON.parse(await request.text())
        const callee = node.callee;
        read = isMember(callee) && callee.object.type === "Identifier" && callee.object.name === "JSON" && memberName(callee) === "parse" && !!node.arguments[0] && bodyCall(node.arguments[0], "text");
      } else {
        // v1: `req.body` is the parsed body.
        const object = unwrapExpression(node.object);
        const binding = object.type === "Identifier" ? resolveBinding(file, object) : undefined;
        read = memberName(node) === "body" && binding?.kind === "param" && binding.fn === resolver && binding.index === 0 && binding.path.length === 0;
      }
      if (!read) continue;
      reads.add(node);
      let holder: Node = node;
      let parent = file.parent(holder);
      while (parent && (parent.type === "ParenthesizedExpression" || parent.type === "TSAsExpression")) parent = file.parent((holder = parent));
      if (parent?.type === "VariableDeclarator" && parent.init === holder && parent.id.type === "Identifier") {
        const binding = resolveBinding(file, parent.id);
        if (binding) holders.add(binding);
      } else if (parent?.type === "AssignmentExpression" && parent.right === holder && parent.left.type === "Identifier") {
        const binding = resolveBinding(file, parent.left);
        if (binding) holders.add(binding);
      }
    }
    return { reads, holders };
  }

  /**
   * Mocks asserted with the call they expect: `expect(fetch).toHaveBeenCalledWith(url, init)`, an SDK stand-in
   * `expect(update).toHaveBeenCalledWith(request)`, and `expect(update.mock.calls[0][0]).toEqual(request)`.
   */
  private assertedRequests(file: SourceFile): IntercomRequest[] {
    const found: IntercomRequest[] = [];
    for (const call of file.nodesOfType("CallExpression")) {
      const expectation = this.expectation(file, call);
      if (!expectation || expectation.negated || !CALLED_WITH.has(expectation.matcher)) continue;
      const args = expectation.args.slice(NTH_CALLED_WITH.has(expectation.matcher) ? 1 : 0);
      if (args.some((arg) => arg.node.type === "SpreadElement")) continue;
      const standIn = this.standIn(expectation.subject);
      if (!standIn) continue;
      const matcher = expectation.matcher;
      if (standIn.kind === "http") {
        const subject = this.nameOf(this.withoutMockWrappers(expectation.subject.node));
        const mocked = subject && subject !== standIn.name ? `\`${subject}\`, a mocked \`${standIn.name}\`` : `mocked \`${standIn.name}\``;
        const description = `a \`${matcher}\` assertion on ${mocked}`;
        const request = this.finder.httpRequest({ file, node: call }, args, standIn.callee, { kind: "assertion", description });
        if (request) found.push(request);
      } else {
        found.push(this.sdkDouble(file, call, standIn.methodPath, args[0], args[1], `a \`${matcher}\` assertion on a stand-in for \`${standIn.methodPath}\``));
      }
    }
    // `expect(update.mock.calls[0][0]).toEqual(request)`, `mock.lastCall[0]`: the request an SDK stand-in received.
    for (const comparison of this.comparisons(file)) {
      const received = this.receivedArgument(comparison.actual);
      if (!received || received.index !== 0) continue;
      const standIn = this.standIn(received.mock);
      if (standIn?.kind !== "sdk") continue;
      const request = this.sdkDouble(file, comparison.call, standIn.methodPath, comparison.expected, undefined, `an assertion on what a stand-in for \`${standIn.methodPath}\` received`);
      if (comparison.partial && request.payload) {
        request.payload.opaque = true;
        request.payload.partial = true;
      }
      found.push(request);
    }
    return found;
  }

  private sdkDouble(file: SourceFile, call: CallExpression, methodPath: string, payloadRef: Ref | undefined, options: Ref | undefined, description: string): IntercomRequest {
    const endpoint = endpointForSdkMethod(methodPath);
    return {
      via: "sdk",
      client: "intercom-client",
      double: "spy",
      doubleDescription: description,
      call: { file, node: call },
      method: endpoint?.method,
      path: endpoint?.path,
      endpoint,
      payloadRef,
      payload: payloadRef ? this.resolver.followPayload(payloadRef) : undefined,
      headers: options ? [options] : [],
    };
  }

  /** `m.mock.calls[i][n]`, `m.mock.lastCall[n]`: the mock and the argument index. */
  private receivedArgument(ref: Ref): { mock: Ref; index: number } | undefined {
    const node = unwrapExpression(ref.node);
    if (!isMember(node) || !node.computed || node.property.type !== "NumericLiteral") return undefined;
    const index = node.property.value;
    let calls = unwrapExpression(node.object);
    if (isMember(calls) && calls.computed && calls.property.type === "NumericLiteral") calls = unwrapExpression(calls.object);
    else if (!(isMember(calls) && memberName(calls) === "lastCall")) return undefined;
    if (!isMember(calls) || !["calls", "lastCall"].includes(memberName(calls) ?? "")) return undefined;
    const mock = unwrapExpression(calls.object);
    if (!isMember(mock) || memberName(mock) !== "mock") return undefined;
    return { mock: { ...ref, node: mock.object }, index };
  }

  // -------------------------------------------------------------------------------------------------------
  // Assertions

  /** `vi`, `jest`, `expect`, `assert`: a test runner's or an assertion library's global or import. */
  private testApi(ref: Ref): string | undefined {
    const node = unwrapExpression(ref.node);
    if (node.type !== "Identifier") return undefined;
    const value = this.resolver.resolveValue({ ...ref, node });
    if (value.kind !== "external") return undefined;
    const { module, path } = value;
    if ((RUNNER_MODULES.has(module) || module === "chai") && path.length === 1 && ["expect", "vi", "jest", "assert"].includes(path[0])) return path[0];
    if (module === "expect" && path.length <= 1 && (path.length === 0 || path[0] === "default" || path[0] === "expect")) return "expect";
    if (ASSERT_MODULES.has(module) && (path.length === 0 || (path.length === 1 && (path[0] === "strict" || path[0] === "default")))) return "assert";
    return undefined;
  }

  /** `expect(subject)[.not…].matcher(args)`. */
  private expectation(file: SourceFile, call: CallExpression): { subject: Ref; matcher: string; args: Ref[]; negated: boolean } | undefined {
    const callee = unwrapExpression(call.callee);
    if (!isMember(callee)) return undefined;
    const matcher = memberName(callee);
    if (matcher === undefined) return undefined;
    let object = unwrapExpression(callee.object);
    let negated = false;
    while (isMember(object)) {
      const word = memberName(object);
      if (word === undefined || !CHAIN_WORDS.has(word)) return undefined;
      if (word === "not") negated = !negated;
      object = unwrapExpression(object.object);
    }
    if (object.type !== "CallExpression" || !object.arguments[0] || object.arguments[0].type === "SpreadElement") return undefined;
    let expectCallee = unwrapExpression(object.callee);
    if (isMember(expectCallee) && memberName(expectCallee) === "soft") expectCallee = unwrapExpression(expectCallee.object);
    if (this.testApi({ file, node: expectCallee }) !== "expect") return undefined;
    return { subject: { file, node: object.arguments[0] }, matcher, args: call.arguments.map((arg) => ({ file, node: arg })), negated };
  }

  /** Equality assertions: `expect(a).toEqual(b)` (and the other equality matchers), `assert.equal(a, b)`. */
  private comparisons(file: SourceFile): Comparison[] {
    let found = this.comparisonCache.get(file);
    if (found) return found;
    found = [];
    for (const call of file.nodesOfType("CallExpression")) {
      const expectation = this.expectation(file, call);
      if (expectation) {
        if (!expectation.negated && EQUALITY.has(expectation.matcher) && expectation.args[0] && expectation.args[0].node.type !== "SpreadElement") {
          found.push({ call, actual: expectation.subject, expected: expectation.args[0], partial: expectation.matcher === "toMatchObject", matcher: expectation.matcher });
        }
        continue;
      }
      const callee = unwrapExpression(call.callee);
      if (!isMember(callee) || !ASSERT_EQUALITY.has(memberName(callee) ?? "")) continue;
      if (this.testApi({ file, node: callee.object }) !== "assert") continue;
      const [actual, expected] = call.arguments;
      if (!actual || !expected || actual.type === "SpreadElement" || expected.type === "SpreadElement") continue;
      found.push({ call, actual: { file, node: actual }, expected: { file, node: expected }, partial: false, matcher: `assert.${memberName(callee)}` });
    }
    this.comparisonCache.set(file, found);
    return found;
  }

  // -------------------------------------------------------------------------------------------------------
  // Stand-ins: what a mock stands for

  /** What a mocked function in an assertion stands for: an HTTP client function, or an SDK method. */
  private standIn(ref: Ref, depth = 0): StandIn | undefined {
    if (depth > 8) return undefined;
    const node = this.withoutMockWrappers(ref.node);
    const inner = { ...ref, node };
    // The SDK method itself (after `vi.spyOn(client.tickets, "update")` the member is the spy), or a mocked module's export.
    const methodPath = isMember(node) ? this.finder.sdkMethodPath(inner) : undefined;
    if (methodPath) return { kind: "sdk", methodPath };
    const callee = this.finder.httpCallee(inner);
    if (callee) return { kind: "http", callee, name: this.nameOf(node) ?? callee.library };
    const origin = this.mockOrigin(inner);
    if (origin) {
      const spied = this.spyTarget(origin);
      if (spied) return spied;
      const installed = this.installed(origin.file).get(origin.node);
      if (installed) return installed;
    }
    // A mock named for fetch (`fetchMock`, `mockFetch`, `fetchSpy`; any name with "fetch" when it is a mock made
    // here), asserted with an Intercom URL (the caller checks the URL).
    const named = node.type === "Identifier" && (origin ? /fetch/i.test(node.name) : /^(mock(ed)?_?)?fetch(_?(mock|spy|stub|fn))?$/i.test(node.name));
    if (named) return { kind: "http", callee: { library: "fetch" }, name: "fetch" };
    return undefined;
  }

  private nameOf(node: Node): string | undefined {
    if (node.type === "Identifier") return node.name;
    if (isMember(node)) {
      const object = this.nameOf(unwrapExpression(node.object));
      const name = memberName(node);
      return object && name ? `${object}.${name}` : name;
    }
    return undefined;
  }

  /** Strip `vi.mocked(x)`, `jest.mocked(x)`, casts (`x as jest.Mock`) and parentheses. */
  private withoutMockWrappers(node: Node): Node {
    let current = unwrapExpression(node);
    for (let i = 0; i < 8; i++) {
      if (current.type === "CallExpression" && current.arguments.length >= 1 && current.arguments[0].type !== "SpreadElement") {
        const callee = unwrapExpression(current.callee);
        const wrapper = isMember(callee) ? memberName(callee) : callee.type === "Identifier" ? callee.name : undefined;
        if (wrapper === "mocked") {
          current = unwrapExpression(current.arguments[0]);
          continue;
        }
      }
      break;
    }
    return current;
  }

  /** The call that made a mock (`vi.fn()`, `jest.spyOn(o, "m")`), through variables, `vi.hoisted` and mock method chains. */
  private mockOrigin(ref: Ref, depth = 0): Ref | undefined {
    if (depth > 12) return undefined;
    const node = this.withoutMockWrappers(ref.node);
    if (node.type === "CallExpression") {
      const callee = unwrapExpression(node.callee);
      if (isMember(callee)) {
        const name = memberName(callee);
        const api = this.testApi({ ...ref, node: callee.object });
        if ((api === "vi" || api === "jest") && (name === "fn" || name === "spyOn")) return { ...ref, node };
        if (name && MOCK_CHAIN.has(name)) return this.mockOrigin({ ...ref, node: callee.object }, depth + 1);
      }
      return undefined;
    }
    if (node.type === "Identifier" || isMember(node)) {
      const value = this.resolver.resolveValue({ ...ref, node });
      if (value.kind === "node" && value.ref.node !== node) return this.mockOrigin(value.ref, depth + 1);
    }
    return undefined;
  }

  /** `vi.spyOn(client.tickets, "update")`, `jest.spyOn(globalThis, "fetch")`: the spied method. */
  private spyTarget(origin: Ref): StandIn | undefined {
    const call = origin.node as CallExpression;
    if (!isMember(call.callee) || memberName(call.callee) !== "spyOn") return undefined;
    const [object, name] = call.arguments;
    if (!object || !name || object.type === "SpreadElement" || name.type !== "StringLiteral") return undefined;
    const objectRef = { ...origin, node: object };
    const methodPath = this.finder.sdkMethodPath(objectRef, [name.value]);
    if (methodPath) return { kind: "sdk", methodPath };
    const callee = this.finder.httpMember(objectRef, name.value);
    return callee ? { kind: "http", callee, name: name.value } : undefined;
  }

  /**
   * Mocks installed where the code will find them, by the call that made each: `vi.stubGlobal("fetch", m)`,
   * `global.fetch = m`, and methods of fake SDK clients (`IntercomClient: vi.fn(() => ({ tickets: { update: m } }))`
   * in a module mock, `{ tickets: { update: m } } as unknown as IntercomClient`, a module mock of the project's
   * own client module).
   */
  private installed(file: SourceFile): Map<Node, StandIn> {
    let map = this.installedCache.get(file);
    if (map) return map;
    map = new Map();
    this.installedCache.set(file, map);
    const fetch: StandIn = { kind: "http", callee: { library: "fetch" }, name: "fetch" };
    const install = (value: Node, standIn: StandIn) => {
      const origin = this.mockOrigin({ file, node: value });
      if (origin && !map!.has(origin.node)) map!.set(origin.node, standIn);
    };
    for (const call of file.nodesOfType("CallExpression")) {
      const callee = unwrapExpression(call.callee);
      if (!isMember(callee) || memberName(callee) !== "stubGlobal" || this.testApi({ file, node: callee.object }) !== "vi") continue;
      const [name, value] = call.arguments;
      if (name?.type === "StringLiteral" && name.value === "fetch" && value && value.type !== "SpreadElement") install(value, fetch);
    }
    for (const assignment of file.nodesOfType("AssignmentExpression")) {
      const left = assignment.left;
      if (assignment.operator !== "=" || !isMember(left) || memberName(left) !== "fetch") continue;
      const object = unwrapExpression(left.object);
      if (object.type === "Identifier" && ["global", "globalThis", "window", "self"].includes(object.name) && !resolveBinding(file, object)) install(assignment.right, fetch);
    }
    for (const property of file.nodesOfType("ObjectProperty")) {
      const value = unwrapExpression(property.value);
      if (value.type !== "Identifier" && value.type !== "CallExpression" && !isMember(value)) continue;
      const methodPath = this.sdkSlot(file, property);
      if (methodPath) install(property.value, { kind: "sdk", methodPath });
    }
    return map;
  }

  /** The SDK method path a property of a fake client stands at (`{ tickets: { update: <here> } }`), if it is one. */
  private sdkSlot(file: SourceFile, property: Node & { type: "ObjectProperty" }): string | undefined {
    const keys: string[] = [];
    let current: Node = property;
    let root: ObjectExpression | undefined;
    for (let depth = 0; depth < 5; depth++) {
      if (current.type !== "ObjectProperty") return undefined;
      const key = current.computed ? (current.key.type === "StringLiteral" ? current.key.value : undefined) : propertyKeyName(current.key);
      if (key === undefined) return undefined;
      keys.unshift(key);
      const object = file.parent(current);
      if (object?.type !== "ObjectExpression") return undefined;
      root = object;
      let holder: Node | undefined = file.parent(object);
      let wrapped: Node = object;
      while (holder && (holder.type === "ParenthesizedExpression" || holder.type === "TSAsExpression" || holder.type === "TSSatisfiesExpression")) holder = file.parent((wrapped = holder));
      // A field of a fake client class: `class { tickets = { update: mockUpdate } }`.
      if (holder?.type === "ClassProperty" && holder.value === wrapped && !holder.computed) {
        const field = propertyKeyName(holder.key);
        const body = file.parent(holder);
        const klass = body ? file.parent(body) : undefined;
        if (field === undefined || !klass || (klass.type !== "ClassExpression" && klass.type !== "ClassDeclaration")) return undefined;
        const methodPath = [field, ...keys].join(".");
        return keys.length >= 1 && keys.length <= 2 && endpointForSdkMethod(methodPath) && this.isClientClassMock(file, klass) ? methodPath : undefined;
      }
      if (holder?.type !== "ObjectProperty" || holder.value !== wrapped) break;
      current = holder;
    }
    if (!root || keys.length < 2) return undefined;
    // A fake client: the method path is every key.
    if ((keys.length === 2 || keys.length === 3) && endpointForSdkMethod(keys.join(".")) && this.isFakeClient(file, root)) return keys.join(".");
    // A module mock of the project's module that exports the client: `vi.mock("./intercom", () => ({ intercom: { tickets: { update } } }))`.
    const [exported, ...rest] = keys;
    if ((rest.length === 2 || rest.length === 3) && endpointForSdkMethod(rest.join("."))) {
      const module = this.mockedModule(file, root);
      if (module?.startsWith(".")) {
        const target = this.resolver.project.resolveImport(file.path, module);
        const value = target ? this.resolver.exportValue(target, exported, 0) : undefined;
        if (value?.kind === "node" && this.finder.isSdkClient(value.ref)) return rest.join(".");
      }
    }
    return undefined;
  }

  /** The outermost expression an object literal is written as (with its parentheses and casts). */
  private written(file: SourceFile, node: Node): Node {
    let current = node;
    let parent = file.parent(current);
    while (parent && ["ParenthesizedExpression", "TSAsExpression", "TSSatisfiesExpression", "TSNonNullExpression", "TSTypeAssertion"].includes(parent.type)) {
      current = parent;
      parent = file.parent(current);
    }
    return current;
  }

  /** Is this object literal a fake SDK client? Typed as one, or made by a mocked client class. */
  private isFakeClient(file: SourceFile, object: ObjectExpression): boolean {
    const written = this.written(file, object);
    if (this.finder.isSdkClient({ file, node: written })) return true;
    const parent = file.parent(written);
    if (parent?.type === "VariableDeclarator" && parent.init === written && parent.id.type === "Identifier") {
      const binding = resolveBinding(file, parent.id);
      if (!binding) return false;
      if (this.finder.isSdkClient({ file, node: parent.id })) return true;
      return this.referencesOf(file, binding).some((reference) => this.isMadeByClientMock(file, this.written(file, reference)));
    }
    return this.isMadeByClientMock(file, written);
  }

  /** Is this expression what a mocked client class makes: returned by its implementation, or given to `mockReturnValue`? */
  private isMadeByClientMock(file: SourceFile, node: Node): boolean {
    const parent = file.parent(node);
    // `mockReturnValue(client)`
    if (parent?.type === "CallExpression" && parent.arguments[0] === node && isMember(parent.callee) && ["mockReturnValue", "mockReturnValueOnce"].includes(memberName(parent.callee) ?? "")) {
      return this.isClientClassMock(file, parent.callee.object);
    }
    // Returned by a function: `() => ({ … })`, `function () { return { … } }`.
    let fn: Node | undefined;
    if (parent && isFunctionNode(parent) && parent.body === node) fn = parent;
    else if (parent?.type === "ReturnStatement") fn = [...file.ancestors(parent)].find((ancestor) => isFunctionNode(ancestor));
    if (!fn) return false;
    const fnParent = file.parent(fn);
    if (fnParent?.type === "CallExpression" && fnParent.arguments[0] === fn) {
      const callee = unwrapExpression(fnParent.callee);
      if (isMember(callee) && MOCK_IMPLEMENTATIONS.has(memberName(callee) ?? "")) return this.isClientClassMock(file, callee.object) || this.isClientClassMock(file, fnParent);
      if (isMember(callee) && memberName(callee) === "fn" && ["vi", "jest"].includes(this.testApi({ file, node: callee.object }) ?? "")) return this.isClientClassMock(file, fnParent);
      return false;
    }
    // A plain constructor function as the mocked class: `IntercomClient: function () { return { … } }`.
    return this.isClientClassMock(file, fn);
  }

  /** Does this expression stand for the SDK's client class: the (auto-mocked) import, or the class a module mock provides? */
  private isClientClassMock(file: SourceFile, node: Node, depth = 0): boolean {
    if (depth > 6) return false;
    const inner = this.withoutMockWrappers(node);
    if (this.finder.isSdkClass({ file, node: inner })) return true;
    // The mock as written may continue in a chain: `vi.fn().mockImplementation(…)` is the property's value.
    let current: Node = node;
    let parent = file.parent(current);
    while (parent && (isMember(parent) || parent.type === "CallExpression" || parent.type === "ParenthesizedExpression" || parent.type === "TSAsExpression")) {
      if (isMember(parent) && !(parent.object === current && MOCK_CHAIN.has(memberName(parent) ?? ""))) break;
      if (parent.type === "CallExpression" && parent.callee !== current) break;
      current = parent;
      parent = file.parent(current);
    }
    if (parent?.type === "ObjectProperty" && parent.value === current && SDK_CLASSES.has(propertyKeyName(parent.key) ?? "")) {
      const object = file.parent(parent);
      return object?.type === "ObjectExpression" && this.mockedModule(file, object) === "intercom-client";
    }
    let id: Identifier | undefined;
    if (parent?.type === "VariableDeclarator" && parent.init === current && parent.id.type === "Identifier") id = parent.id;
    if ((node.type === "ClassDeclaration" || node.type === "FunctionDeclaration") && node.id) id = node.id;
    if (id) {
      const binding = resolveBinding(file, id);
      return !!binding && this.referencesOf(file, binding).some((reference) => this.isClientClassMock(file, reference, depth + 1));
    }
    return false;
  }


  /** The module whose mock factory returns this object: `vi.mock("intercom-client", () => ({ … }))`. */
  private mockedModule(file: SourceFile, object: ObjectExpression): string | undefined {
    const written = this.written(file, object);
    const parent = file.parent(written);
    let fn: Node | undefined;
    if (parent && isFunctionNode(parent) && parent.body === written) fn = parent;
    else if (parent?.type === "ReturnStatement") fn = [...file.ancestors(parent)].find((ancestor) => isFunctionNode(ancestor));
    if (!fn) return undefined;
    const call = file.parent(fn);
    if (call?.type !== "CallExpression" || call.arguments[1] !== fn) return undefined;
    const callee = unwrapExpression(call.callee);
    if (!isMember(callee) || !MODULE_MOCKS.has(memberName(callee) ?? "") || !["vi", "jest"].includes(this.testApi({ file, node: callee.object }) ?? "")) return undefined;
    const specifier = call.arguments[0];
    return specifier?.type === "StringLiteral" ? specifier.value : undefined;
  }

  private referencesOf(file: SourceFile, binding: Binding): Identifier[] {
    return file.identifiersNamed(binding.id.name).filter((identifier) => identifier !== binding.id && isReference(file, identifier) && resolveBinding(file, identifier) === binding);
  }

  // -------------------------------------------------------------------------------------------------------
  // The version pin in tests

  /**
   * Comparisons of the pinned version in this file: `expect(INTERCOM_VERSION).toBe("2.13")`, `assert.equal(…)`,
   * `expect(headers.get("Intercom-Version")).toBe(…)`, `toHaveProperty("Intercom-Version", …)`, nock's
   * `.matchHeader("Intercom-Version", …)`, and an msw handler's `request.headers.get("Intercom-Version") !== …`.
   */
  versionPins(file: SourceFile): VersionPin[] {
    let pins = this.pinCache.get(file);
    if (pins) return pins;
    pins = [];
    this.pinCache.set(file, pins);
    if (!/version/i.test(file.text)) return pins;
    const text = file.text;
    if (!/expect|assert|matchHeader|msw/.test(text)) return pins;
    for (const comparison of this.comparisons(file)) {
      for (const [subject, value] of [
        [comparison.actual, comparison.expected],
        [comparison.expected, comparison.actual],
      ]) {
        const link = this.pinSubject(file, subject);
        if (!link) continue;
        const article = /^[aeiou]/i.test(comparison.matcher) ? "an" : "a";
        pins.push({ subject, value, certain: link === "certain", at: { file, node: comparison.call }, description: `${article} \`${comparison.matcher}\` assertion on the pinned API version` });
        break;
      }
    }
    for (const call of file.nodesOfType("CallExpression")) {
      const callee = unwrapExpression(call.callee);
      // nock(base, { reqheaders: { "Intercom-Version": "2.13" } })
      const options = call.arguments[1];
      if (options?.type === "ObjectExpression" && this.isExternal({ file, node: callee }, "nock", [[], ["default"]])) {
        const reqheaders = options.properties.find((p) => p.type === "ObjectProperty" && propertyKeyName(p.key) === "reqheaders");
        const headers = reqheaders?.type === "ObjectProperty" ? unwrapExpression(reqheaders.value) : undefined;
        for (const property of headers?.type === "ObjectExpression" ? headers.properties : []) {
          if (property.type !== "ObjectProperty" || !VERSION_HEADER.test((property.computed ? undefined : propertyKeyName(property.key)) ?? "")) continue;
          pins.push({ subject: { file, node: property.key }, value: { file, node: property.value }, certain: true, at: { file, node: property }, description: "a nock header matcher for the pinned API version" });
        }
      }
      if (!isMember(callee)) continue;
      const name = memberName(callee);
      const [header, value] = call.arguments;
      if (!header || !value || value.type === "SpreadElement") continue;
      const names = header.type === "ArrayExpression" ? header.elements : [header];
      const last = names[names.length - 1];
      const namesHeader = last?.type === "StringLiteral" && VERSION_HEADER.test(last.value);
      if (!namesHeader) continue;
      if (name === "matchHeader" || (name === "toHaveProperty" && this.expectation(file, call))) {
        const description = name === "matchHeader" ? "a nock header matcher for the pinned API version" : "a `toHaveProperty` assertion on the pinned API version";
        pins.push({ subject: { file, node: header }, value: { file, node: value }, certain: true, at: { file, node: call }, description });
      }
    }
    for (const handler of this.mswHandlers(file)) {
      for (const binary of file.nodesOfType("BinaryExpression")) {
        if (binary.start! < handler.resolver.start! || binary.end! > handler.resolver.end! || !["===", "!==", "==", "!="].includes(binary.operator)) continue;
        for (const [subject, value] of [
          [binary.left, binary.right],
          [binary.right, binary.left],
        ]) {
          if (this.pinSubject(file, { file, node: subject }) !== "certain") continue;
          pins.push({ subject: { file, node: subject }, value: { file, node: value }, certain: true, at: { file, node: binary }, description: "an msw handler's check of the version header" });
          break;
        }
      }
    }
    return pins;
  }

  /** Is this the pinned version ("certain"), or only named like a version in a file about Intercom ("uncertain")? */
  private pinSubject(file: SourceFile, ref: Ref): "certain" | "uncertain" | undefined {
    const node = unwrapExpression(ref.node);
    const byName = (name: string | undefined): "certain" | "uncertain" | undefined =>
      name === undefined ? undefined : PIN_NAME.test(name) || VERSION_HEADER.test(name) ? "certain" : /version/i.test(name) && this.mentionsIntercom(file) ? "uncertain" : undefined;
    if (node.type === "Identifier") {
      const binding = resolveBinding(file, node);
      if (binding?.kind === "import" && PIN_NAME.test(binding.imported)) return "certain";
      if (binding?.kind === "variable" && binding.declarator.id.type === "Identifier" && PIN_NAME.test(binding.declarator.id.name)) return "certain";
      return byName(node.name);
    }
    if (isMember(node)) return byName(memberName(node));
    // headers.get("Intercom-Version"), req.header(…), res.getHeader(…)
    if ((node.type === "CallExpression" || node.type === "OptionalCallExpression") && isMember(node.callee)) {
      const [header] = node.arguments;
      if (["get", "header", "getHeader", "get?"].includes(memberName(node.callee) ?? "") && header?.type === "StringLiteral" && VERSION_HEADER.test(header.value)) return "certain";
    }
    return undefined;
  }

  /** Does the code (not only a comment) name Intercom: an import, a name, a string? */
  private mentionsIntercom(file: SourceFile): boolean {
    let known = this.intercomCache.get(file);
    if (known === undefined) {
      known =
        /intercom/i.test(file.text) &&
        (file.nodesOfType("StringLiteral").some((literal) => /intercom/i.test(literal.value)) ||
          file.nodesOfType("TemplateElement").some((element) => /intercom/i.test(element.value.raw)) ||
          file.nodesOfType("Identifier").some((identifier) => /intercom/i.test(identifier.name)));
      this.intercomCache.set(file, known);
    }
    return known;
  }

  // -------------------------------------------------------------------------------------------------------
  // Mocked responses

  /** Mocked API responses: a nock `.reply(…)`, what an msw handler returns, a mock's resolved or returned value. */
  private responses(file: SourceFile): DoubleRegion[] {
    let found = this.responseCache.get(file);
    if (found) return found;
    found = [];
    this.responseCache.set(file, found);
    let identifiers: Identifier[] | undefined; // in source order, fetched once
    const add = (nodes: readonly Node[], what: string) => {
      const range = rangeOf(nodes);
      if (!range) return;
      const note = `In a test double (${what}): API 2.14 no longer answers this way, so the mock no longer describes the API.`;
      found!.push({ ...range, kind: "response", note });
      // A body built in a variable of this file (`new Response(JSON.stringify(body))`) is part of the response too.
      identifiers ??= file.nodesOfType("Identifier");
      let low = 0;
      let high = identifiers.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (identifiers[mid].start! < range.start) low = mid + 1;
        else high = mid;
      }
      for (let i = low; i < identifiers.length && identifiers[i].start! < range.end; i++) {
        const identifier = identifiers[i];
        if (identifier.end! > range.end || !isReference(file, identifier)) continue;
        const value = this.resolver.resolveValue({ file, node: identifier });
        const node = value.kind === "node" && value.ref.file === file ? unwrapExpression(value.ref.node) : undefined;
        if (node && (node.type === "ObjectExpression" || node.type === "ArrayExpression")) found!.push({ start: node.start!, end: node.end!, kind: "response", note });
      }
    };
    const text = file.text;
    if (text.includes("nock") || text.includes("axios-mock-adapter")) {
      for (const call of file.nodesOfType("CallExpression")) {
        const callee = unwrapExpression(call.callee);
        if (!isMember(callee) || !["reply", "replyOnce", "replyWithError"].includes(memberName(callee) ?? "")) continue;
        if (this.nockBase({ file, node: callee.object })) add(call.arguments, "a nock interceptor's reply");
        else if (this.adapterBase({ file, node: callee.object }) !== undefined) add(call.arguments, "an axios-mock-adapter reply");
      }
    }
    for (const handler of text.includes("msw") ? this.mswHandlers(file) : []) {
      for (const node of file.nodesOfType("CallExpression", "NewExpression")) {
        if (node.start! < handler.resolver.start! || node.end! > handler.resolver.end!) continue;
        const callee = unwrapExpression(node.callee);
        const owner = isMember(callee) ? unwrapExpression(callee.object) : callee;
        const ownerName = owner.type === "Identifier" ? owner.name : undefined;
        const isResponse =
          (node.type === "NewExpression" && (ownerName === "HttpResponse" || ownerName === "Response")) ||
          (node.type === "CallExpression" && isMember(callee) && ["json", "text", "body"].includes(memberName(callee) ?? "") && (ownerName === "HttpResponse" || ownerName === "Response" || ownerName === "ctx"));
        if (isResponse) add(node.arguments, "an msw handler's response");
      }
    }
    if (/mock|vi\.fn|jest\.fn/.test(text)) {
      for (const call of file.nodesOfType("CallExpression")) {
        const callee = unwrapExpression(call.callee);
        if (!isMember(callee)) continue;
        const name = memberName(callee) ?? "";
        const api = this.testApi({ file, node: callee.object });
        let implementation: Node | undefined;
        if (MOCK_RETURNS.has(name)) {
          if (!this.mockOrigin({ file, node: callee.object }) && !this.standIn({ file, node: callee.object })) continue;
          if (this.isClientClassMock(file, callee.object)) continue;
          add(call.arguments, "a mock's return value");
          continue;
        }
        if (MOCK_IMPLEMENTATIONS.has(name)) {
          if (this.isClientClassMock(file, callee.object) || this.isClientClassMock(file, call)) continue;
          implementation = call.arguments[0];
        } else if (name === "fn" && (api === "vi" || api === "jest")) {
          if (this.isClientClassMock(file, call)) continue;
          implementation = call.arguments[0];
        }
        const fn = implementation ? unwrapExpression(implementation) : undefined;
        if (fn && isFunctionNode(fn)) add(returnedExpressions(fn), "a mock's return value");
      }
    }
    return found;
  }

  /** The mocked response a node is part of, if any. */
  mockedResponseAt(file: SourceFile, node: Node): DoubleRegion | undefined {
    return this.responses(file).find((region) => region.start <= node.start! && node.end! <= region.end);
  }

  // -------------------------------------------------------------------------------------------------------
  // Regions, for messages

  /**
   * Every region of the file that belongs to a test double. `allRequests` gives the file's requests when the
   * caller has them (a payload object the code itself also sends is not a double's).
   */
  regions(file: SourceFile, allRequests: () => IntercomRequest[] = () => this.finder.findRequests(file)): DoubleRegion[] {
    let regions = this.regionCache.get(file);
    if (regions) return regions;
    regions = [];
    this.regionCache.set(file, regions);
    const doubles = this.requests(file);
    const real = new Set<Node>();
    if (doubles.length > 0) for (const request of allRequests()) if (!request.double) for (const object of request.payload?.objects ?? []) real.add(object.node);
    for (const request of doubles) {
      const note = `In a test double (${request.doubleDescription ?? "a test double"}): it has to match what the migrated code sends.`;
      // What the double says of the request: the arguments of the interceptor or the assertion (not the chain before).
      const call = request.call.node;
      const span = call.type === "CallExpression" ? rangeOf(call.arguments) : undefined;
      if (request.call.file === file && span) regions.push({ ...span, kind: "request", note });
      for (const object of request.payload?.objects ?? []) {
        if (object.file === file && !real.has(object.node)) regions.push({ start: object.node.start!, end: object.node.end!, kind: "request", note });
      }
    }
    for (const pin of this.versionPins(file)) {
      // An uncertain link says so in its own message.
      if (!pin.certain) continue;
      const note = `In a test (${pin.description}): it moves with the pin.`;
      // From the subject to the value: `expect(PIN).toBe("2.13")`, `.matchHeader("Intercom-Version", "2.13")`.
      const span = rangeOf([pin.subject.node, pin.value.node])!;
      regions.push({ ...span, kind: "pin", note });
      // The value may be a constant of the test file (`const EXPECTED = "2.13"`): it is part of the assertion.
      const value = unwrapExpression(pin.value.node);
      if (value.type === "Identifier") {
        const resolved = this.resolver.resolveValue(pin.value);
        if (resolved.kind === "node" && resolved.ref.file === file) regions.push({ start: resolved.ref.node.start!, end: resolved.ref.node.end!, kind: "pin", note });
      }
    }
    for (const region of this.responses(file)) regions.push(region);
    return regions;
  }

  /** The words a finding at this range adds to its message, when it is in a test double (the innermost region's). */
  noteAt(file: SourceFile, start: number, end: number, allRequests?: () => IntercomRequest[]): string | undefined {
    const regions = this.regions(file, allRequests);
    let index = this.regionIndex.get(regions);
    if (!index) {
      const sorted = [...regions].sort((a, b) => a.start - b.start);
      index = { sorted, longest: sorted.reduce((max, region) => Math.max(max, region.end - region.start), 0) };
      this.regionIndex.set(regions, index);
    }
    const { sorted, longest } = index;
    // The last region starting at or before `start`, then back while a region could still reach `end`.
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (sorted[mid].start <= start) low = mid + 1;
      else high = mid;
    }
    let best: DoubleRegion | undefined;
    for (let i = low - 1; i >= 0 && sorted[i].start >= end - longest; i--) {
      const region = sorted[i];
      if (end <= region.end && (!best || region.end - region.start < best.end - best.start)) best = region;
    }
    return best?.note;
  }
}

// "Where does this code talk to Intercom?": SDK calls, HTTP client calls, wrapper functions, and test doubles.
import type { CallExpression, Function as FunctionNode, Node } from "@babel/types";
import { classMembers, instanceOf } from "../core/class-members.js";
import { calledFunction } from "../core/lazy-values.js";
import { inNuxtProject, nuxtAutoImports } from "../core/nuxt-auto-imports.js";
import type { SourceFile } from "../core/source.js";
import { isMember, memberName, unwrapExpression, type Env, type Ref, type Resolver } from "../core/values.js";
import { HTTP_CLIENTS } from "./clients/index.js";
import { mayBeOptions, requestByArguments } from "./descriptors.js";
import { generatedRequest } from "./generated-clients.js";
import { chainRequest, sendingNames } from "./http-chains.js";
import { describedRequests, requestLayers, triggeredDefinition, triggeredRequest } from "./request-layers.js";
import { DoubleFinder } from "./doubles/double-finder.js";
import { HttpCalls, type HttpCallee } from "./http-calls.js";
import type { DoubleOrigin, IntercomRequest } from "./intercom-request.js";
import { SdkClients } from "./sdk-clients.js";

export type { HttpCallee } from "./http-calls.js";
export type { DoubleKind, IntercomRequest } from "./intercom-request.js";
export { intercomPath, isIntercomUrl } from "./intercom-url.js";
export { returnedExpressions } from "../core/function-returns.js";
export { SDK_CLASSES } from "./sdk-clients.js";

export interface FinderOptions {
  /** Recognise test doubles (nock, msw, mocked clients asserted in tests); on unless switched off (`--no-tests`). */
  tests?: boolean;
}

/** How deep wrapper functions are followed: a call to a call to … a request. */
const MAX_WRAPPER_DEPTH = 4;

export class RequestFinder {
  private readonly wrapperCalls = new WeakMap<FunctionNode, CallExpression[]>();
  private readonly sendingNames = sendingNames(HTTP_CLIENTS);
  private readonly reach = new WeakMap<SourceFile, boolean>();
  /** `intercom-client` clients and their method calls. */
  readonly sdk: SdkClients;
  /** HTTP client calls, read from the client table (src/requests/clients/). */
  readonly http: HttpCalls;
  /** Test doubles of requests (undefined when switched off). */
  readonly doubles: DoubleFinder | undefined;

  constructor(
    readonly resolver: Resolver,
    options: FinderOptions = {},
  ) {
    // Classes, objects and lazily made clients are followed like the rest (see src/core/class-members.ts).
    if (!installed.has(resolver)) resolver.readers.push(classMembers(resolver), requestLayers(resolver), nuxtAutoImports(resolver));
    installed.add(resolver);
    this.sdk = new SdkClients(resolver);
    this.http = new HttpCalls(resolver);
    this.doubles =
      options.tests === false ? undefined : new DoubleFinder({ resolver, sdk: this.sdk, http: this.http, findRequests: (file) => this.findRequests(file) });
  }

  /** Every Intercom request made by a call in this file (wrappers followed), and the test doubles of requests. */
  findRequests(file: SourceFile): IntercomRequest[] {
    const requests: IntercomRequest[] = [];
    // A file that names no Intercom host, client or module and imports none of the project's modules sends nothing to Intercom.
    if (!this.mayReachIntercom(file)) return requests;
    for (const call of file.nodesOfType("CallExpression", "OptionalCallExpression")) {
      for (const request of this.recognize({ file, node: call }, 0)) requests.push(request);
    }
    requests.push(...describedRequests(this.resolver, file));
    requests.push(...this.sdk.typedPayloads(file));
    if (this.doubles) requests.push(...this.doubles.requests(file));
    return requests;
  }

  /** The requests one call makes: directly (SDK or HTTP client) or through a wrapper function. */
  recognize(callRef: Ref, depth: number): IntercomRequest[] {
    const call = callRef.node as CallExpression;
    const sdk = this.sdk.request(callRef, call);
    if (sdk) return [sdk];
    const callee = this.http.callee({ ...callRef, node: call.callee });
    // A chained client's first call only starts a request (`wretch(base)`); the chain's last call sends it.
    if (callee && !callee.client.chain) {
      const request = this.http.request(
        callRef,
        call.arguments.map((arg) => ({ ...callRef, node: arg })),
        callee,
      );
      return request ? [request] : [];
    }
    if (callee) return [];
    const chained = this.chained(callRef, call);
    if (chained) return [chained];
    const definition = triggeredDefinition(this.resolver, { ...callRef, node: call.callee });
    if (definition) {
      const triggered = triggeredRequest(this.resolver, { ...callRef, node: call }, definition);
      return triggered ? [triggered] : [];
    }
    // A client generated from Intercom's description: the operation its method is named for.
    const generated = generatedRequest(this.resolver, { ...callRef, node: call });
    if (generated) return [generated];
    const target = depth < MAX_WRAPPER_DEPTH ? calledFunction(this.resolver, { ...callRef, node: call.callee }) : undefined;
    const inner = target ? this.requestCallsIn(target.file, target.fn) : [];
    // A function the tool cannot follow to a request: recognised by its arguments (an Intercom URL, a method, a body).
    if (!target || inner.length === 0) {
      const byArguments = requestByArguments(this.resolver, { ...callRef, node: call });
      return byArguments ? [byArguments] : [];
    }
    // A method's `this`: the instance it is called on (`intercom.updateTicket(…)`, `this.send(…)`).
    const self = isMember(call.callee) ? instanceOf(this.resolver, { ...callRef, node: call.callee.object }) : undefined;
    const env: Env = {
      fn: target.fn,
      args: call.arguments.map((arg) => ({ ...callRef, node: arg })),
      parent: target.env ?? callRef.env,
      depth: (callRef.env?.depth ?? 0) + 1,
      ...(self ? { self } : {}),
    };
    const found: IntercomRequest[] = [];
    for (const innerCall of inner) {
      for (const request of this.recognize({ file: target.file, node: innerCall, env }, depth + 1)) {
        if (request.endpoint || request.headers.length > 0) found.push({ ...request, call: callRef });
      }
    }
    return found;
  }

  /** `wretch(base).url(path).put(body)`: the request the chain's sending call makes. */
  private chained(callRef: Ref, call: CallExpression): IntercomRequest | undefined {
    const callee = unwrapExpression(call.callee);
    if (!isMember(callee) || !this.sendingNames.has(memberName(callee) ?? "")) return undefined;
    return chainRequest(this.resolver, callRef, (ref) => this.http.clientOf(this.resolver.resolveValue(ref)));
  }

  /** Calls inside a function that may make a request (cached per function). */
  private requestCallsIn(file: SourceFile, fn: FunctionNode): CallExpression[] {
    const cached = this.wrapperCalls.get(fn);
    if (cached) return cached;
    this.wrapperCalls.set(fn, []); // recursion guard
    const calls: CallExpression[] = [];
    for (const call of callsWithin(file, fn)) {
      const callee = unwrapExpression(call.callee);
      const sends = isMember(callee) && this.sendingNames.has(memberName(callee) ?? "");
      // Any call given something that may be options (`z.request(options)`) may be a request recognised by its arguments.
      const mayCarry = call.arguments.some((arg) => mayBeOptions(arg));
      if (
        sends ||
        mayCarry ||
        this.http.callee({ file, node: callee }) ||
        this.sdk.methodPath({ file, node: call.callee }) ||
        calledFunction(this.resolver, { file, node: callee })
      ) {
        calls.push(call);
      }
    }
    this.wrapperCalls.set(fn, calls);
    return calls;
  }

  /**
   * The words a finding at this range adds to its message: what the test double is, when it is in one; how the
   * client was recognised, when no table knew it (`z.request(…)` recognised by its arguments).
   */
  noteAt(file: SourceFile, start: number, end: number, allRequests: () => IntercomRequest[]): string | undefined {
    const double = this.doubles?.noteAt(file, start, end, allRequests);
    if (double) return double;
    const byArguments = allRequests().find((request) => request.recognisedBy === "arguments" && holds(request, file, start, end));
    return byArguments
      ? `(The request is sent with \`${byArguments.client}\`, a client recognised by its arguments: an Intercom URL, a method and a body.)`
      : undefined;
  }

  /**
   * Can this file reach Intercom? Only when its text names Intercom (a host, a client, a constant), it imports one of
   * the project's modules (where the URL, the client or a wrapper may be), or it is in a Nuxt project (auto-imports).
   */
  private mayReachIntercom(file: SourceFile): boolean {
    let reaches = this.reach.get(file);
    if (reaches === undefined) {
      const project = this.resolver.project;
      reaches =
        /intercom/i.test(file.text) ||
        inNuxtProject(file.path) ||
        importedSpecifiers(file).some((specifier) => project.importsProjectModule(file.path, specifier));
      this.reach.set(file, reaches);
    }
    return reaches;
  }

  // The questions rules and test doubles ask, by their earlier names.

  /** `client.tickets.update` on an SDK client: the method path ("tickets.update"); see SdkClients.methodPath. */
  sdkMethodPath(ref: Ref, trailing: readonly string[] = []): string | undefined {
    return this.sdk.methodPath(ref, trailing);
  }

  /** Is this expression an `intercom-client` client? */
  isSdkClient(ref: Ref, depth = 0): boolean {
    return this.sdk.isClient(ref, depth);
  }

  /** Does this name stand for the SDK's client class? */
  isSdkClass(ref: Ref): boolean {
    return this.sdk.isClientClass(ref);
  }

  /** Is this callee an HTTP client function (`fetch`, `axios.put`, an `axios.create` instance …)? */
  httpCallee(ref: Ref): HttpCallee | undefined {
    return this.http.callee(ref);
  }

  /** `obj[name]` as an HTTP client function (`jest.spyOn(axios, "put")`). */
  httpMember(ref: Ref, name: string): HttpCallee | undefined {
    return this.http.member(ref, name);
  }

  /** The request an HTTP client call (or an assertion on a mocked one) makes; see HttpCalls.request. */
  httpRequest(callRef: Ref, args: Ref[], callee: HttpCallee, double?: DoubleOrigin): IntercomRequest | undefined {
    return this.http.request(callRef, args, callee, double);
  }
}

/** The modules a file imports, re-exports or requires, by specifier. */
function importedSpecifiers(file: SourceFile): string[] {
  const specifiers: string[] = [];
  for (const statement of file.ast.program.body) {
    if (
      (statement.type === "ImportDeclaration" || statement.type === "ExportAllDeclaration" || statement.type === "ExportNamedDeclaration") &&
      statement.source
    )
      specifiers.push(statement.source.value);
  }
  for (const call of file.nodesOfType("CallExpression")) {
    const [first] = call.arguments;
    const loads = (call.callee.type === "Identifier" && call.callee.name === "require") || call.callee.type === "Import";
    if (loads && first?.type === "StringLiteral") specifiers.push(first.value);
  }
  for (const call of file.nodesOfType("ImportExpression")) if (call.source.type === "StringLiteral") specifiers.push(call.source.value);
  return specifiers;
}

/** Does a request's call or payload hold the range `[start, end)` of this file? */
function holds(request: IntercomRequest, file: SourceFile, start: number, end: number): boolean {
  const within = (node: Node) => node.start! <= start && end <= node.end!;
  if (request.call.file === file && within(request.call.node)) return true;
  return request.payload?.objects.some((object) => object.file === file && within(object.node)) === true;
}

/** Resolvers the readers were installed on (one finder per resolver is the rule; this keeps it so). */
const installed = new WeakSet<Resolver>();

const sortedCalls = new WeakMap<SourceFile, CallExpression[]>();

/** The calls inside a node, found by binary search over the file's calls in source order. */
function callsWithin(file: SourceFile, node: Node): CallExpression[] {
  let calls = sortedCalls.get(file);
  if (!calls) sortedCalls.set(file, (calls = file.nodesOfType("CallExpression", "OptionalCallExpression") as CallExpression[]));
  let low = 0;
  let high = calls.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (calls[mid].start! < node.start!) low = mid + 1;
    else high = mid;
  }
  const found: CallExpression[] = [];
  for (let i = low; i < calls.length && calls[i].start! < node.end!; i++) if (calls[i].end! <= node.end!) found.push(calls[i]);
  return found;
}

// "Where does this code talk to Intercom?": SDK calls, HTTP clients, base URLs and wrapper functions.
import type { CallExpression, Function as FunctionNode, Node } from "@babel/types";
import { DoubleFinder, type DoubleKind } from "./doubles.js";
import { endpointForSdkMethod, matchBodyEndpoint, matchEndpoint, type Endpoint } from "../intercom-api/endpoints.js";
import { isFunctionNode, resolveBinding } from "../core/scope.js";
import type { SourceFile } from "../core/source.js";
import { HOLE, isMember, joinUrl, memberName, payloadValue, unwrapExpression, type Env, type Payload, type Ref, type Resolver, type Value } from "../core/values.js";

export interface IntercomRequest {
  via: "sdk" | "http";
  /** `intercom-client`, `fetch`, `axios`, `got`, `ky`, `superagent` or `undici` (`nock`, `msw` for test doubles). */
  client: string;
  /**
   * Set when this is not a request the code makes but a test double of one (see src/doubles.ts): a `nock`
   * interceptor, an `msw` handler asserting the body, an axios-mock-adapter handler (`mock-adapter`), a mocked HTTP
   * client asserted with `toHaveBeenCalledWith` (`assertion`), or a stand-in for an SDK method (`spy`). Its payload
   * is the payload the test expects the code to send. Findings inside one say so in their message.
   */
  double?: DoubleKind;
  /** The double in words, for messages: "a nock interceptor's expected request body". */
  doubleDescription?: string;
  /** The call in the analysed file (a wrapper's call when the request is made through one). */
  call: Ref;
  method: string | undefined;
  /** The request path with `{}` for parts that cannot be known, e.g. `/tickets/{}`. */
  path: string | undefined;
  endpoint: Endpoint | undefined;
  /** The payload expression as written at the request (before following). */
  payloadRef: Ref | undefined;
  payload: Payload | undefined;
  /** Where request headers or SDK request options are given. */
  headers: Ref[];
}

const INTERCOM_HOST = /^https?:\/\/api(?:\.eu|\.au)?\.intercom\.io(?::\d+)?(?=[/?#]|$)/i;

/** The path of an Intercom API URL, or undefined when the URL is not (known to be) Intercom's. */
export function intercomPath(url: string): string | undefined {
  const host = INTERCOM_HOST.exec(url);
  if (!host) return undefined;
  let rest = url.slice(host[0].length);
  rest = rest.replace(/[?#].*$/s, "");
  if (rest.startsWith(HOLE)) return undefined; // the path itself is unknown
  const segments = rest.split("/").filter(Boolean).map((segment) => (segment.includes(HOLE) ? "{}" : segment));
  return "/" + segments.join("/");
}

export function isIntercomUrl(url: string): boolean {
  return INTERCOM_HOST.test(url);
}

type HttpLibrary = "fetch" | "undici" | "axios" | "got" | "ky" | "superagent";

const FETCH_LIKE: Array<[string, string[]]> = [
  ["<global>", ["fetch"]],
  ["<global>", ["globalThis", "fetch"]],
  ["<global>", ["window", "fetch"]],
  ["<global>", ["global", "fetch"]],
  ["<global>", ["self", "fetch"]],
  ["node-fetch", []],
  ["node-fetch", ["default"]],
  ["cross-fetch", []],
  ["isomorphic-fetch", []],
  ["undici", ["fetch"]],
];

const BODY_METHODS = new Set(["post", "put", "patch"]);
const ALL_METHODS = new Set(["get", "post", "put", "patch", "delete", "head", "options"]);
const SDK_PACKAGES = new Set(["intercom-client"]);
/** Keys that make an object literal worth a type question (the payload shapes the rules look at). */
const TYPED_PAYLOAD_KEYS = new Set(["assignment", "to", "cc", "bcc", "admin_id", "assignee_id"]);
export const SDK_CLASSES = new Set(["IntercomClient", "Client"]);
/** Factories of typed mocks (`mockDeep<IntercomClient>()`, `createMock<Client>()`): their result stands for the type. */
const TYPED_MOCK_FACTORY = /^(mock|mockDeep|mockFn|createMock|createMockInstance|stub|stubInterface)$/;

export interface FinderOptions {
  /** Recognise test doubles (nock, msw, mocked clients asserted in tests); on unless switched off (`--no-tests`). */
  tests?: boolean;
}

export interface HttpCallee {
  library: HttpLibrary;
  /** The HTTP method the function name fixes (`axios.put`), if any. */
  method?: string;
  /** The instance's creation config (`axios.create({ baseURL })`). */
  instanceConfig?: Ref;
}

export class RequestFinder {
  private readonly wrapperCalls = new WeakMap<FunctionNode, CallExpression[]>();
  /** Test doubles of requests (undefined when switched off). */
  readonly doubles: DoubleFinder | undefined;

  constructor(
    readonly resolver: Resolver,
    options: FinderOptions = {},
  ) {
    this.doubles = options.tests === false ? undefined : new DoubleFinder(this, resolver);
  }

  /** Every Intercom request made by a call in this file (wrappers followed), and the test doubles of requests. */
  findRequests(file: SourceFile): IntercomRequest[] {
    const requests: IntercomRequest[] = [];
    for (const call of file.nodesOfType("CallExpression", "OptionalCallExpression")) {
      for (const request of this.recognize({ file, node: call }, 0)) requests.push(request);
    }
    for (const request of this.typedPayloads(file)) requests.push(request);
    if (this.doubles) for (const request of this.doubles.requests(file)) requests.push(request);
    return requests;
  }

  /**
   * Type-aware mode: object literals typed as the SDK's request types are payloads of that endpoint, even
   * when the call that sends them is in another module.
   */
  private typedPayloads(file: SourceFile): IntercomRequest[] {
    const oracle = this.resolver.project.typeOracleFor(file);
    if (!oracle) return [];
    const found: IntercomRequest[] = [];
    for (const object of file.nodesOfType("ObjectExpression")) {
      const keys = object.properties.flatMap((p) => (p.type === "ObjectProperty" && !p.computed && p.key.type === "Identifier" ? [p.key.name] : []));
      if (!keys.some((key) => TYPED_PAYLOAD_KEYS.has(key))) continue;
      const facts = oracle.facts(file, object.start!, object.end!);
      const typeName = facts?.contextualSdkType ?? facts?.sdkType;
      const operation = typeName === "UpdateTicketRequest" ? "tickets.update" : typeName === "CreateMessageRequest" ? "messages.create" : undefined;
      if (!operation) continue;
      const endpoint = endpointForSdkMethod(operation);
      const payloadRef = { file, node: object };
      found.push({
        via: "sdk",
        client: "intercom-client",
        call: payloadRef,
        method: endpoint?.method,
        path: endpoint?.path,
        endpoint,
        payloadRef,
        payload: this.resolver.followPayload(payloadRef),
        headers: [],
      });
    }
    return found;
  }

  /** The requests one call makes: directly (SDK or HTTP client) or through a wrapper function. */
  recognize(callRef: Ref, depth: number): IntercomRequest[] {
    const call = callRef.node as CallExpression;
    const sdk = this.sdkRequest(callRef, call);
    if (sdk) return [sdk];
    const callee = this.httpCallee({ ...callRef, node: call.callee });
    if (callee) {
      const request = this.httpRequest(callRef, call.arguments.map((arg) => ({ ...callRef, node: arg })), callee);
      return request ? [request] : [];
    }
    if (depth >= 4) return [];
    const target = this.resolver.functionOf({ ...callRef, node: call.callee });
    if (!target) return [];
    const inner = this.requestCallsIn(target.file, target.fn);
    if (inner.length === 0) return [];
    const env: Env = {
      fn: target.fn,
      args: call.arguments.map((arg) => ({ ...callRef, node: arg })),
      parent: callRef.env,
      depth: (callRef.env?.depth ?? 0) + 1,
    };
    const found: IntercomRequest[] = [];
    for (const innerCall of inner) {
      for (const request of this.recognize({ file: target.file, node: innerCall, env }, depth + 1)) {
        if (request.endpoint || request.headers.length > 0) found.push({ ...request, call: callRef });
      }
    }
    return found;
  }

  /** Calls inside a function that may make a request (cached per function). */
  private requestCallsIn(file: SourceFile, fn: FunctionNode): CallExpression[] {
    const cached = this.wrapperCalls.get(fn);
    if (cached) return cached;
    this.wrapperCalls.set(fn, []); // recursion guard
    const calls: CallExpression[] = [];
    for (const call of callsWithin(file, fn)) {
      const callee = unwrapExpression(call.callee);
      if (this.httpCallee({ file, node: callee }) || this.sdkMethodPath({ file, node: call.callee }) || this.resolver.functionOf({ file, node: callee })) {
        calls.push(call as CallExpression);
      }
    }
    this.wrapperCalls.set(fn, calls);
    return calls;
  }

  /**
   * `client.tickets.update` on an `intercom-client` client: the method path ("tickets.update"). `ref` is the
   * callee; `trailing` names follow it (`vi.spyOn(client.tickets, "update")` asks about `client.tickets` + update).
   */
  sdkMethodPath(ref: Ref, trailing: readonly string[] = []): string | undefined {
    // The member chain from the callee inwards: update, tickets, client, this …
    const names: string[] = [...trailing];
    const objects: Node[] = trailing.map(() => unwrapExpression(ref.node));
    let node: Node = unwrapExpression(ref.node);
    while (isMember(node)) {
      const name = memberName(node);
      if (name === undefined) return undefined;
      names.unshift(name);
      node = unwrapExpression(node.object);
      objects.unshift(node);
    }
    // SDK method paths are two or three names long (tickets.update, news.items.create): try those roots.
    for (const length of [2, 3]) {
      if (names.length < length) break;
      const root = objects[names.length - length];
      if (this.isSdkClient({ ...ref, node: root })) return names.slice(names.length - length).join(".");
    }
    return undefined;
  }

  private sdkRequest(callRef: Ref, call: CallExpression): IntercomRequest | undefined {
    const methodPath = this.sdkMethodPath({ ...callRef, node: call.callee });
    if (!methodPath) return undefined;
    const endpoint = endpointForSdkMethod(methodPath);
    const payloadRef = call.arguments[0] ? { ...callRef, node: call.arguments[0] } : undefined;
    const headers: Ref[] = [];
    if (call.arguments[1]) headers.push({ ...callRef, node: call.arguments[1] });
    return {
      via: "sdk",
      client: "intercom-client",
      call: callRef,
      method: endpoint?.method,
      path: endpoint?.path,
      endpoint,
      payloadRef,
      payload: payloadRef ? this.resolver.followPayload(payloadRef) : undefined,
      headers,
    };
  }

  /** Is this expression an `intercom-client` client (`new IntercomClient(…)`, a typed parameter, a factory's result)? */
  isSdkClient(ref: Ref, depth = 0): boolean {
    if (depth > 8) return false;
    // Type-aware mode: the client's class comes from intercom-client, whatever it is called or wherever it is made.
    const facts = this.resolver.project.typeOracleFor(ref.file)?.facts(ref.file, ref.node.start!, ref.node.end!);
    if (facts?.sdkType === "IntercomClient" || facts?.sdkType === "Client") return true;
    // A stand-in typed as the client: `{ tickets: { update: vi.fn() } } as unknown as IntercomClient`,
    // `const client: IntercomClient = …`, `mockDeep<IntercomClient>()`.
    if (this.typedAsSdkClient(ref, depth)) return true;
    const value = this.resolver.resolveValue(ref);
    if (value.kind === "param") {
      const annotation = value.binding.annotation;
      return annotation?.type === "TSTypeReference" && this.isSdkClass({ file: value.binding.file, node: annotation.typeName });
    }
    if (value.kind !== "node") return false;
    const node = unwrapExpression(value.ref.node);
    if (node.type === "NewExpression") return this.isSdkClass({ ...value.ref, node: node.callee });
    if (node.type === "AwaitExpression") return this.isSdkClient({ ...value.ref, node: node.argument }, depth + 1);
    if (node.type === "CallExpression") {
      const factory = this.resolver.functionOf({ ...value.ref, node: node.callee });
      if (!factory) return false;
      return returnedExpressions(factory.fn).some((returned) => this.isSdkClient({ file: factory.file, node: returned }, depth + 1));
    }
    return false;
  }

  /** Is the expression (or the variable it names) typed as the SDK client by a cast, an annotation or a typed mock factory? */
  private typedAsSdkClient(ref: Ref, depth: number): boolean {
    let node: Node = ref.node;
    for (;;) {
      if (node.type === "ParenthesizedExpression" || node.type === "TSNonNullExpression") node = node.expression;
      else if (node.type === "TSAsExpression" || node.type === "TSSatisfiesExpression" || node.type === "TSTypeAssertion") {
        if (this.isSdkClassType(ref, node.typeAnnotation)) return true;
        node = node.expression;
      } else break;
    }
    if (node.type === "CallExpression" && node.typeParameters?.params.length === 1 && node.callee.type === "Identifier" && TYPED_MOCK_FACTORY.test(node.callee.name)) {
      return this.isSdkClassType(ref, node.typeParameters.params[0]);
    }
    if (node.type !== "Identifier" || depth > 8) return false;
    const binding = resolveBinding(ref.file, node);
    if (binding?.kind !== "variable" || binding.path.length > 0) return false;
    const id = binding.declarator.id;
    if (id.type === "Identifier" && id.typeAnnotation?.type === "TSTypeAnnotation" && this.isSdkClassType({ ...ref, file: binding.file }, id.typeAnnotation.typeAnnotation)) return true;
    return binding.declarator.init ? this.typedAsSdkClient({ file: binding.file, node: binding.declarator.init, env: ref.env }, depth + 1) : false;
  }

  private isSdkClassType(ref: Ref, type: Node): boolean {
    return type.type === "TSTypeReference" && !type.typeParameters && this.isSdkClass({ ...ref, node: type.typeName });
  }

  isSdkClass(ref: Ref): boolean {
    const node = ref.node;
    let value: Value;
    if (node.type === "TSQualifiedName") {
      value = this.resolver.memberOf(this.resolver.resolveValue({ ...ref, node: node.left as Node }), node.right.name, 0);
    } else {
      value = this.resolver.resolveValue(ref);
    }
    return value.kind === "external" && SDK_PACKAGES.has(value.module) && SDK_CLASSES.has(value.path[value.path.length - 1] ?? "");
  }

  /** Is this callee an HTTP client function (`fetch`, `axios.put`, an `axios.create` instance …)? */
  httpCallee(ref: Ref): HttpCallee | undefined {
    const node = unwrapExpression(ref.node);
    const direct = this.httpFunction(this.resolver.resolveValue({ ...ref, node }));
    if (direct) return direct;
    if (isMember(node)) {
      const method = memberName(node);
      if (method === undefined) return undefined;
      const instance = this.httpInstance({ ...ref, node: node.object });
      if (instance && (ALL_METHODS.has(method) || method === "request")) {
        return { ...instance, method: method === "request" ? undefined : method.toUpperCase() };
      }
    }
    // Instances are callable too: `api(config)`, `client(url, options)`.
    return this.httpInstance({ ...ref, node });
  }

  /** `obj[name]` as an HTTP client function: `vi.spyOn(globalThis, "fetch")`, `jest.spyOn(axios, "put")`, `spyOn(api, "post")`. */
  httpMember(ref: Ref, name: string): HttpCallee | undefined {
    const direct = this.httpFunction(this.resolver.memberOf(this.resolver.resolveValue(ref), name, 0));
    if (direct) return direct;
    const instance = this.httpInstance(ref);
    if (instance && (ALL_METHODS.has(name) || name === "request")) return { ...instance, method: name === "request" ? undefined : name.toUpperCase() };
    return undefined;
  }

  private httpFunction(value: Value): HttpCallee | undefined {
    if (value.kind !== "external") return undefined;
    const { module, path } = value;
    if (FETCH_LIKE.some(([m, p]) => m === module && p.join(".") === path.join("."))) return { library: "fetch" };
    if (module === "undici" && path.join(".") === "request") return { library: "undici" };
    const libraries: HttpLibrary[] = ["axios", "got", "ky", "superagent"];
    const library = libraries.find((name) => name === module);
    if (!library) return undefined;
    const rest = path[0] === "default" ? path.slice(1) : path;
    if (rest.length === 0) return { library };
    if (rest.length === 1 && ALL_METHODS.has(rest[0])) return { library, method: rest[0].toUpperCase() };
    if (rest.length === 1 && rest[0] === "request" && library === "axios") return { library };
    return undefined;
  }

  /** An instance made by `axios.create(config)`, `got.extend(options)`, `ky.create/extend(options)`. */
  private httpInstance(ref: Ref): HttpCallee | undefined {
    const value = this.resolver.resolveValue(ref);
    if (value.kind !== "node") return undefined;
    const node = unwrapExpression(value.ref.node);
    if (node.type !== "CallExpression" || !isMember(node.callee)) return undefined;
    const factory = memberName(node.callee);
    const owner = this.resolver.resolveValue({ ...value.ref, node: node.callee.object });
    const library = this.httpFunction(owner)?.library;
    const config = node.arguments[0] ? { ...value.ref, node: node.arguments[0] } : undefined;
    if (library === "axios" && factory === "create") return { library, instanceConfig: config };
    if (library === "got" && factory === "extend") return { library, instanceConfig: config };
    if (library === "ky" && (factory === "create" || factory === "extend")) return { library, instanceConfig: config };
    return undefined;
  }

  /** A property of an options object, following variables and spreads. */
  private option(ref: Ref | undefined, key: string): Ref | undefined {
    return ref ? payloadValue(this.resolver.followPayload(ref), key) : undefined;
  }

  /**
   * The request an HTTP client call makes, from its arguments. `callRef` is the call (the superagent chain is read
   * from it); a test double passes the arguments a mock was asserted with (`toHaveBeenCalledWith(url, init)`).
   */
  httpRequest(callRef: Ref, args: Ref[], callee: HttpCallee, double?: { kind: DoubleKind; description: string }): IntercomRequest | undefined {
    let urlRef: Ref | undefined;
    let config: Ref | undefined;
    let bodyRef: Ref | undefined;
    let method = callee.method;
    const firstIsConfig = args[0] && unwrapExpression(args[0].node).type === "ObjectExpression";
    switch (callee.library) {
      case "fetch":
      case "undici":
        urlRef = args[0];
        config = args[1];
        bodyRef = this.option(config, "body");
        break;
      case "axios":
        if (method === undefined && firstIsConfig) {
          config = args[0];
          urlRef = this.option(config, "url");
        } else {
          urlRef = args[0];
          const takesData = method !== undefined && BODY_METHODS.has(method.toLowerCase());
          config = takesData ? args[2] : args[1];
          bodyRef = takesData ? args[1] : undefined;
        }
        bodyRef ??= this.option(config, "data");
        break;
      case "got":
      case "ky":
        if (firstIsConfig && callee.library === "got") {
          config = args[0];
          urlRef = this.option(config, "url");
        } else {
          urlRef = args[0];
          config = args[1];
        }
        bodyRef = this.option(config, "json") ?? this.option(config, "body");
        break;
      case "superagent": {
        if (double) return undefined; // its body is sent along a chain, which an assertion does not have
        if (method === undefined) {
          if (args[0]) method = this.resolver.evalString(args[0]).toUpperCase();
          urlRef = args[1];
        } else {
          urlRef = args[0];
        }
        const chain = this.superagentChain(callRef);
        bodyRef = chain.body;
        break;
      }
    }
    if (!urlRef) return undefined;
    // `expect.objectContaining({ body })` in an assertion says nothing of the options it leaves out (the method).
    const partialConfig = config ? this.resolver.followPayload(config).partial === true : false;
    if (method === undefined) {
      const methodRef = this.option(config, "method");
      if (methodRef) {
        const text = this.resolver.evalString(methodRef);
        method = text.includes(HOLE) ? undefined : text.toUpperCase();
      } else if (!partialConfig) {
        method = "GET";
      }
    }
    let url = this.resolver.evalString(urlRef);
    const baseKey = callee.library === "axios" ? "baseURL" : "prefixUrl";
    const base = this.option(callee.instanceConfig, baseKey) ?? this.option(config, baseKey);
    if (base && !/^https?:\/\//i.test(url)) url = joinUrl(this.resolver.evalString(base), url);
    const path = intercomPath(url);
    if (path === undefined) return undefined;
    const headers: Ref[] = [];
    for (const source of [callee.instanceConfig, config]) {
      const header = this.option(source, "headers");
      if (header) headers.push(header);
    }
    // An assertion that leaves the method out but names a body: the one operation at that path that takes one.
    const endpoint = method === undefined && double && bodyRef ? matchBodyEndpoint(path) : matchEndpoint(method, path);
    return {
      via: "http",
      client: callee.library,
      ...(double ? { double: double.kind, doubleDescription: double.description } : {}),
      call: callRef,
      method: method ?? endpoint?.method,
      path,
      endpoint,
      payloadRef: bodyRef,
      payload: bodyRef ? this.resolver.followPayload(bodyRef) : undefined,
      headers,
    };
  }

  /** `superagent.put(url).set(…).send(body)`: the body sent along the chain. */
  private superagentChain(callRef: Ref): { body?: Ref } {
    const { file } = callRef;
    let current: Node = callRef.node;
    let body: Ref | undefined;
    for (;;) {
      const member = file.parent(current);
      if (!member || !isMember(member) || member.object !== current) break;
      const call = file.parent(member);
      if (!call || call.type !== "CallExpression" || call.callee !== member) break;
      if (memberName(member) === "send" && call.arguments[0]) body = { ...callRef, node: call.arguments[0] };
      current = call;
    }
    return { body };
  }
}


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

/** The expressions a function returns (an arrow's expression body included). */
export function returnedExpressions(fn: FunctionNode): Node[] {
  if (fn.body.type !== "BlockStatement") return [fn.body];
  const found: Node[] = [];
  const stack: Node[] = [fn.body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node !== fn.body && isFunctionNode(node)) continue;
    if (node.type === "ReturnStatement" && node.argument) found.push(node.argument);
    for (const key of ["body", "consequent", "alternate", "block", "handler", "finalizer", "cases"]) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) for (const item of child as Node[]) stack.push(item);
      else if (child && typeof child === "object" && "type" in child) stack.push(child as Node);
    }
  }
  return found;
}

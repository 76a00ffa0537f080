// Raw HTTP calls: which callee is an HTTP client function, and the request a call makes, read from the client table.
import type { Node } from "@babel/types";
import { matchBodyEndpoint, matchEndpoint } from "../intercom-api/endpoints.js";
import { HOLE, isMember, joinUrl, memberName, payloadValue, unwrapExpression, type Ref, type Resolver, type Value } from "../core/values.js";
import { fetch as fetchClient } from "./clients/fetch.js";
import { HTTP_CLIENTS } from "./clients/index.js";
import type { CallLayout, HttpClient } from "./http-client.js";
import { HttpInstances, memberCallee, type HttpCallee } from "./http-instances.js";
import type { DoubleOrigin, IntercomRequest } from "./intercom-request.js";
import { intercomPath } from "./intercom-url.js";

export type { HttpCallee } from "./http-instances.js";

export class HttpCalls {
  private readonly instances: HttpInstances;

  constructor(
    private readonly resolver: Resolver,
    clients: readonly HttpClient[] = HTTP_CLIENTS,
  ) {
    this.instances = new HttpInstances(resolver, clients);
  }

  /** Is this callee an HTTP client function (`fetch`, `axios.put`, an `axios.create` instance …)? */
  callee(ref: Ref): HttpCallee | undefined {
    const node = unwrapExpression(ref.node);
    const direct = this.instances.clientFunction(this.resolver.resolveValue({ ...ref, node }));
    if (direct) return direct;
    if (isMember(node)) {
      const name = memberName(node);
      if (name === undefined) return undefined;
      const instance = this.instances.instance({ ...ref, node: node.object });
      const shortcut = instance ? memberCallee(instance, name, true) : undefined;
      if (shortcut) return shortcut;
    }
    // Instances are callable too: `api(config)`, `client(url, options)`.
    return this.instances.instance({ ...ref, node });
  }

  /** `obj[name]` as an HTTP client function: `vi.spyOn(globalThis, "fetch")`, `jest.spyOn(axios, "put")`, `spyOn(api, "post")`. */
  member(ref: Ref, name: string): HttpCallee | undefined {
    const direct = this.instances.clientFunction(this.resolver.memberOf(this.resolver.resolveValue(ref), name, 0));
    if (direct) return direct;
    const instance = this.instances.instance(ref);
    return instance ? memberCallee(instance, name, true) : undefined;
  }

  /** The client a value's function belongs to (a chain's first call: `wretch(base)`). */
  clientOf(value: Value): HttpClient | undefined {
    return this.instances.clientFunction(value)?.client;
  }

  /** A property of an options object, following variables and spreads; the first present of several keys. */
  private option(ref: Ref | undefined, key: string | readonly string[] | undefined): Ref | undefined {
    if (!ref || key === undefined) return undefined;
    const payload = this.resolver.followPayload(ref);
    for (const name of typeof key === "string" ? [key] : key) {
      const found = payloadValue(payload, name);
      if (found) return found;
    }
    return undefined;
  }

  /** Where this call's arguments put the URL, the options, the body and the method, as the layout says. */
  private parts(layout: CallLayout, args: Ref[], named: string | undefined): CallParts {
    const body = layout.body;
    // A configuration object written in place, or held in a variable (`const config = { …defaults, method, url }`).
    const first = args[0] && this.resolver.resolveValue(args[0]);
    const firstIsConfig = first?.kind === "node" && unwrapExpression(first.ref.node).type === "ObjectExpression";
    const optionsFirst =
      layout.optionsFirst && !(layout.optionsFirst.unlessMethodNamed && named !== undefined) && firstIsConfig ? layout.optionsFirst : undefined;
    if (optionsFirst) return { method: named, urlRef: this.option(args[0], optionsFirst.url), config: args[0], bodyRef: undefined };
    let method = named;
    // `superagent("PUT", url)`, `needle("put", url, data)`: the method first, every other argument one further on.
    const shift = layout.methodArgument && named === undefined ? 1 : 0;
    if (shift && args[0]) method = this.resolver.evalString(args[0]).toUpperCase();
    const methodArg = layout.methodPosition === undefined ? undefined : args[layout.methodPosition + shift];
    if (method === undefined && methodArg) method = this.knownMethod(methodArg);
    const argument = "options" in body ? body.argument : undefined;
    const bodyArgument =
      argument && method !== undefined && argument.methods.includes(method.toLowerCase()) && (named !== undefined || argument.withMethodArgument)
        ? argument
        : undefined;
    const configAt = bodyArgument ? bodyArgument.options : layout.options;
    return {
      method,
      urlRef: args[layout.url + shift],
      config: configAt === undefined ? undefined : args[configAt + shift],
      bodyRef: bodyArgument ? args[bodyArgument.index + shift] : undefined,
    };
  }

  /** A method written as a string: upper-cased, or undefined when it cannot be known. */
  private knownMethod(ref: Ref): string | undefined {
    const text = this.resolver.evalString(ref);
    return text.includes(HOLE) ? undefined : text.toUpperCase();
  }

  /**
   * The request an HTTP client call makes, from its arguments laid out as the client's description says. `callRef`
   * is the call (a chained body is read from it); a test double passes the arguments a mock was asserted with
   * (`toHaveBeenCalledWith(url, init)`).
   */
  request(callRef: Ref, args: Ref[], callee: HttpCallee, double?: DoubleOrigin): IntercomRequest | undefined {
    const { client } = callee;
    const layout = (callee.curried ? client.curried : undefined) ?? client.call;
    const body = layout.body;
    // A body sent along a chain is not in the arguments an assertion names.
    if (double && "chainedCall" in body) return undefined;
    const parts = this.parts(layout, args, callee.method);
    let { urlRef, config } = parts;
    let { method, bodyRef } = parts;
    // `fetch(new Request(url, init))`: the URL and, when the call gives none, the options are the Request's.
    const wrapped = urlRef && requestObject(this.resolver, urlRef);
    if (wrapped) {
      urlRef = wrapped.url;
      config ??= wrapped.init;
    }
    if ("options" in body) {
      // `{ json: true, body }`: a flag is not the body.
      for (const key of body.options) if (!bodyRef || isFlag(bodyRef)) bodyRef = this.option(config, key) ?? bodyRef;
      if (bodyRef && isFlag(bodyRef)) bodyRef = undefined;
    } else {
      bodyRef = chainedArgument(callRef, body.chainedCall);
    }
    if (!urlRef) return undefined;
    // `expect.objectContaining({ body })` in an assertion says nothing of the options it leaves out (the method).
    const partialConfig = config ? this.resolver.followPayload(config).partial === true : false;
    if (method === undefined) {
      const methodRef = this.option(config, layout.methodOption);
      if (methodRef) method = this.knownMethod(methodRef);
      else if (!partialConfig) method = "GET";
    }
    let url = this.resolver.evalString(urlRef);
    const base = this.option(callee.instanceConfig, client.baseUrlOption) ?? callee.instanceBase ?? this.option(config, client.baseUrlOption);
    if (base && !/^https?:\/\//i.test(url)) url = joinUrl(this.resolver.evalString(base), url);
    const headers: Ref[] = [];
    for (const source of [callee.instanceConfig, config]) {
      const header = this.option(source, layout.headersOption);
      if (header) headers.push(header);
    }
    return httpRequest({ client: client.name, callRef, method, url, bodyRef, headers, double }, this.resolver);
  }
}

/** A Fetch API `Request` object (`new Request(url, init)`, the global's or a fetch package's): its URL and init. */
function requestObject(resolver: Resolver, ref: Ref): { url: Ref; init?: Ref } | undefined {
  const value = resolver.resolveValue(ref);
  if (value.kind !== "node") return undefined;
  const node = unwrapExpression(value.ref.node);
  if (node.type !== "NewExpression" || !node.arguments[0] || node.arguments[0].type === "SpreadElement") return undefined;
  const constructor = resolver.resolveValue({ ...value.ref, node: node.callee });
  // The global's, or one from a module the client table names for fetch (those that give fetch give its Request).
  if (constructor.kind !== "external" || constructor.path.join(".") !== "Request" || !(constructor.module in fetchClient.functions)) return undefined;
  const init = node.arguments[1];
  return {
    url: { ...value.ref, node: node.arguments[0] },
    ...(init && init.type !== "SpreadElement" && init.type !== "ArgumentPlaceholder" ? { init: { ...value.ref, node: init } } : {}),
  };
}

/** Where one call puts the parts of its request. */
interface CallParts {
  method: string | undefined;
  urlRef: Ref | undefined;
  config: Ref | undefined;
  bodyRef: Ref | undefined;
}

/** What a recognised HTTP request is made of, before its endpoint is matched. */
export interface RequestParts {
  client: string;
  callRef: Ref;
  method: string | undefined;
  url: string;
  bodyRef: Ref | undefined;
  headers: Ref[];
  double?: DoubleOrigin;
}

/** The Intercom request these parts make, or undefined when the URL is not Intercom's. */
export function httpRequest(parts: RequestParts, resolver: Resolver): IntercomRequest | undefined {
  const { method, bodyRef, double } = parts;
  const path = intercomPath(parts.url);
  if (path === undefined) return undefined;
  // An assertion that leaves the method out but names a body: the one operation at that path that takes one.
  const endpoint = method === undefined && double && bodyRef ? matchBodyEndpoint(path) : matchEndpoint(method, path);
  return {
    via: "http",
    client: parts.client,
    ...(double ? { double: double.kind, doubleDescription: double.description } : {}),
    call: parts.callRef,
    method: method ?? endpoint?.method,
    path,
    endpoint,
    payloadRef: bodyRef,
    payload: bodyRef ? resolver.followPayload(bodyRef) : undefined,
    headers: parts.headers,
  };
}

function isFlag(ref: Ref): boolean {
  return unwrapExpression(ref.node).type === "BooleanLiteral";
}

/** `superagent.put(url).set(…).send(body)`: the argument of the last `name(…)` call along the chain after the call. */
function chainedArgument(callRef: Ref, name: string): Ref | undefined {
  const { file } = callRef;
  let current: Node = callRef.node;
  let found: Ref | undefined;
  for (;;) {
    const member = file.parent(current);
    if (!member || !isMember(member) || member.object !== current) break;
    const call = file.parent(member);
    if (!call || call.type !== "CallExpression" || call.callee !== member) break;
    if (memberName(member) === name && call.arguments[0]) found = { ...callRef, node: call.arguments[0] };
    current = call;
  }
  return found;
}

// Raw HTTP calls: which callee is an HTTP client function, and the request a call makes, read from the client table.
import type { Node } from "@babel/types";
import { matchBodyEndpoint, matchEndpoint } from "../intercom-api/endpoints.js";
import { settledValue } from "../core/lazy-values.js";
import { HOLE, isMember, joinUrl, memberName, payloadValue, unwrapExpression, type Ref, type Resolver, type Value } from "../core/values.js";
import { HTTP_CLIENTS } from "./clients/index.js";
import type { HttpClient } from "./http-client.js";
import type { DoubleOrigin, IntercomRequest } from "./intercom-request.js";
import { intercomPath } from "./intercom-url.js";

/** An HTTP client function, as a callee: the client, and what the function fixes of the request. */
export interface HttpCallee {
  client: HttpClient;
  /** The HTTP method the function name fixes (`axios.put`), if any. */
  method?: string;
  /** The instance's creation options (`axios.create({ baseURL })`). */
  instanceConfig?: Ref;
}

/** What an instance answers to besides its client's method shortcuts: `api.request(config)`. */
const INSTANCE_REQUEST = "request";

/** The key of an export in the lookup: module and dotted member path. */
function exportKey(module: string, path: readonly string[]): string {
  return `${module}\u0000${path.join(".")}`;
}

/** Every export of the table's clients that is a request function, with what its name fixes. */
function clientFunctions(clients: readonly HttpClient[]): Map<string, Omit<HttpCallee, "instanceConfig">> {
  const functions = new Map<string, Omit<HttpCallee, "instanceConfig">>();
  const add = (key: string, callee: Omit<HttpCallee, "instanceConfig">) => {
    if (!functions.has(key)) functions.set(key, callee);
  };
  for (const client of clients) {
    for (const [module, paths] of Object.entries(client.functions)) {
      for (const dotted of paths) {
        const path = dotted === "" ? [] : dotted.split(".");
        add(exportKey(module, path), { client });
        for (const name of client.methodShortcuts ?? []) add(exportKey(module, [...path, name]), { client, method: name.toUpperCase() });
        for (const name of client.requestShortcuts ?? []) add(exportKey(module, [...path, name]), { client });
      }
    }
  }
  return functions;
}

export class HttpCalls {
  private readonly functions: Map<string, Omit<HttpCallee, "instanceConfig">>;

  constructor(
    private readonly resolver: Resolver,
    clients: readonly HttpClient[] = HTTP_CLIENTS,
  ) {
    this.functions = clientFunctions(clients);
  }

  /** Is this callee an HTTP client function (`fetch`, `axios.put`, an `axios.create` instance …)? */
  callee(ref: Ref): HttpCallee | undefined {
    const node = unwrapExpression(ref.node);
    const direct = this.clientFunction(this.resolver.resolveValue({ ...ref, node }));
    if (direct) return direct;
    if (isMember(node)) {
      const name = memberName(node);
      if (name === undefined) return undefined;
      const instance = this.instance({ ...ref, node: node.object });
      const shortcut = instance ? instanceMember(instance, name) : undefined;
      if (shortcut) return shortcut;
    }
    // Instances are callable too: `api(config)`, `client(url, options)`.
    return this.instance({ ...ref, node });
  }

  /** `obj[name]` as an HTTP client function: `vi.spyOn(globalThis, "fetch")`, `jest.spyOn(axios, "put")`, `spyOn(api, "post")`. */
  member(ref: Ref, name: string): HttpCallee | undefined {
    const direct = this.clientFunction(this.resolver.memberOf(this.resolver.resolveValue(ref), name, 0));
    if (direct) return direct;
    const instance = this.instance(ref);
    return instance ? instanceMember(instance, name) : undefined;
  }

  private clientFunction(value: Value): HttpCallee | undefined {
    if (value.kind !== "external") return undefined;
    const found = this.functions.get(exportKey(value.module, value.path));
    return found ? { ...found } : undefined;
  }

  /** An instance made by a client's factory: `axios.create(config)`, `got.extend(options)`, `ky.create/extend(options)`. */
  private instance(ref: Ref): HttpCallee | undefined {
    // Through factories and memoised getters: `intercom().put(…)`, `(await getClient()).post(…)`.
    const value = settledValue(this.resolver, ref);
    if (value.kind !== "node") return undefined;
    const node = unwrapExpression(value.ref.node);
    if (node.type !== "CallExpression" || !isMember(node.callee)) return undefined;
    const factory = memberName(node.callee);
    const owner = this.resolver.resolveValue({ ...value.ref, node: node.callee.object });
    const client = this.clientFunction(owner)?.client;
    if (!client || factory === undefined || !client.instanceFactories?.includes(factory)) return undefined;
    return { client, instanceConfig: node.arguments[0] ? { ...value.ref, node: node.arguments[0] } : undefined };
  }

  /** A property of an options object, following variables and spreads. */
  private option(ref: Ref | undefined, key: string | undefined): Ref | undefined {
    return ref && key !== undefined ? payloadValue(this.resolver.followPayload(ref), key) : undefined;
  }

  /**
   * The request an HTTP client call makes, from its arguments laid out as the client's description says. `callRef`
   * is the call (a chained body is read from it); a test double passes the arguments a mock was asserted with
   * (`toHaveBeenCalledWith(url, init)`).
   */
  request(callRef: Ref, args: Ref[], callee: HttpCallee, double?: DoubleOrigin): IntercomRequest | undefined {
    const { client } = callee;
    const layout = client.call;
    const body = layout.body;
    // A body sent along a chain is not in the arguments an assertion names.
    if (double && "chainedCall" in body) return undefined;
    let method = callee.method;
    let urlRef: Ref | undefined;
    let config: Ref | undefined;
    let bodyRef: Ref | undefined;
    const firstIsConfig = args[0] && unwrapExpression(args[0].node).type === "ObjectExpression";
    const optionsFirst = layout.optionsFirst && !(layout.optionsFirst.unlessMethodNamed && method !== undefined) && firstIsConfig ? layout.optionsFirst : undefined;
    if (optionsFirst) {
      config = args[0];
      urlRef = this.option(config, optionsFirst.url);
    } else {
      let url = layout.url;
      if (layout.methodArgument && method === undefined) {
        if (args[0]) method = this.resolver.evalString(args[0]).toUpperCase();
        url += 1;
      }
      urlRef = args[url];
      const bodyArgument = "options" in body && method !== undefined && body.argument?.methods.includes(method.toLowerCase()) ? body.argument : undefined;
      config = bodyArgument ? args[bodyArgument.options] : layout.options === undefined ? undefined : args[layout.options];
      bodyRef = bodyArgument ? args[bodyArgument.index] : undefined;
    }
    if ("options" in body) {
      for (const key of body.options) bodyRef ??= this.option(config, key);
    } else {
      bodyRef = chainedArgument(callRef, body.chainedCall);
    }
    if (!urlRef) return undefined;
    // `expect.objectContaining({ body })` in an assertion says nothing of the options it leaves out (the method).
    const partialConfig = config ? this.resolver.followPayload(config).partial === true : false;
    if (method === undefined) {
      const methodRef = this.option(config, layout.methodOption);
      if (methodRef) {
        const text = this.resolver.evalString(methodRef);
        method = text.includes(HOLE) ? undefined : text.toUpperCase();
      } else if (!partialConfig) {
        method = "GET";
      }
    }
    let url = this.resolver.evalString(urlRef);
    const base = this.option(callee.instanceConfig, client.baseUrlOption) ?? this.option(config, client.baseUrlOption);
    if (base && !/^https?:\/\//i.test(url)) url = joinUrl(this.resolver.evalString(base), url);
    const path = intercomPath(url);
    if (path === undefined) return undefined;
    const headers: Ref[] = [];
    for (const source of [callee.instanceConfig, config]) {
      const header = this.option(source, layout.headersOption);
      if (header) headers.push(header);
    }
    // An assertion that leaves the method out but names a body: the one operation at that path that takes one.
    const endpoint = method === undefined && double && bodyRef ? matchBodyEndpoint(path) : matchEndpoint(method, path);
    return {
      via: "http",
      client: client.name,
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
}

/** A member of an instance as a request function: a method shortcut, a request shortcut, or `request`. */
function instanceMember(instance: HttpCallee, name: string): HttpCallee | undefined {
  if (name === INSTANCE_REQUEST || instance.client.requestShortcuts?.includes(name)) return { ...instance, method: undefined };
  return instance.client.methodShortcuts?.includes(name) ? { ...instance, method: name.toUpperCase() } : undefined;
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

// Which expressions are HTTP client functions or instances, read from the client table: exports, method shortcuts,
// instances made by factories, classes or curried calls, injected instances, and wrappers that give a client back.
import type { Node } from "@babel/types";
import { settledValue } from "../core/lazy-values.js";
import { injectedValue } from "../core/nest-providers.js";
import { resolveBinding, type Binding } from "../core/scope.js";
import { isMember, memberName, unwrapExpression, type Ref, type Resolver, type Value } from "../core/values.js";
import { CLIENT_WRAPPERS } from "./clients/wrappers.js";
import type { ClientWrappers, HttpClient } from "./http-client.js";

/** An HTTP client function, as a callee: the client, and what the function fixes of the request. */
export interface HttpCallee {
  client: HttpClient;
  /** The HTTP method the function name fixes (`axios.put`), if any. */
  method?: string;
  /** The instance's creation options (`axios.create({ baseURL })`). */
  instanceConfig?: Ref;
  /** The instance's base URL given as an argument (`new RestClient(agent, baseUrl)`, `bent(baseUrl, "PUT")`). */
  instanceBase?: Ref;
  /** A function a curried call made (bent): its calls are laid out as the client's `curried` layout says. */
  curried?: boolean;
}

/** What an instance answers to besides its client's method shortcuts: `api.request(config)`. */
const INSTANCE_REQUEST = "request";

/** A package's helper that gives its options back typed: `createConfig`, `defineConfig`. */
const CONFIG_HELPER = /^(?:create|define|make)[A-Za-z]*Config$/;

/** Functions that hand out an instance of the class they are given: Angular's `inject(HttpClient)`. */
const INJECTORS: ClientWrappers = { "@angular/core": { inject: 0 } };

/** The key of an export in the lookup: module and dotted member path. */
function exportKey(module: string, path: readonly string[]): string {
  return `${module}\u0000${path.join(".")}`;
}

function valueKey(value: Value): string | undefined {
  return value.kind === "external" ? exportKey(value.module, value.path) : undefined;
}

/** The argument a wrapper export wraps (see ClientWrappers), when the value is one. */
function wrappedArgument(wrappers: ClientWrappers, value: Value): number | undefined {
  if (value.kind !== "external") return undefined;
  const path = value.path[0] === "default" ? value.path.slice(1) : value.path;
  return wrappers[value.module]?.[path.join(".")];
}

function lookup<T>(
  clients: readonly HttpClient[],
  exportsOf: (client: HttpClient) => Readonly<Record<string, readonly string[]>> | undefined,
  make: (client: HttpClient, path: string[]) => Array<[string[], T]>,
): Map<string, T> {
  const found = new Map<string, T>();
  for (const client of clients) {
    for (const [module, paths] of Object.entries(exportsOf(client) ?? {})) {
      for (const dotted of paths) {
        const path = dotted === "" ? [] : dotted.split(".");
        for (const [key, entry] of make(client, path)) if (!found.has(exportKey(module, key))) found.set(exportKey(module, key), entry);
      }
    }
  }
  return found;
}

/** A member of an instance (or of a client function) as a request function: a method shortcut, an alias, a request shortcut. */
export function memberCallee(base: HttpCallee, name: string, isInstance: boolean): HttpCallee | undefined {
  const { client } = base;
  if ((isInstance && name === INSTANCE_REQUEST) || client.requestShortcuts?.includes(name)) return { ...base, method: undefined };
  const alias = client.methodAliases?.[name];
  if (alias) return { ...base, method: alias };
  return client.methodShortcuts?.includes(name) ? { ...base, method: name.toUpperCase() } : undefined;
}

export class HttpInstances {
  private readonly functions: Map<string, HttpCallee>;
  private readonly factories: Map<string, HttpClient>;
  private readonly classes: Map<string, HttpClient>;
  private readonly instanceTypes: Map<string, HttpClient>;
  private readonly instanceMembers: Set<string>;

  constructor(
    private readonly resolver: Resolver,
    clients: readonly HttpClient[],
    private readonly wrappers: ClientWrappers = CLIENT_WRAPPERS,
  ) {
    this.functions = lookup(
      clients,
      (client) => client.functions,
      (client, path) => {
        const entries: Array<[string[], HttpCallee]> = [[path, { client }]];
        for (const name of [...(client.methodShortcuts ?? []), ...Object.keys(client.methodAliases ?? {}), ...(client.requestShortcuts ?? [])]) {
          const callee = memberCallee({ client }, name, false);
          if (callee) entries.push([[...path, name], callee]);
        }
        return entries;
      },
    );
    this.factories = lookup(
      clients,
      (client) => client.factories,
      (client, path) => [[path, client]],
    );
    this.classes = lookup(
      clients,
      (client) => client.classes,
      (client, path) => [[path, client]],
    );
    this.instanceTypes = lookup(
      clients,
      (client) => client.instanceTypes,
      (client, path) => [[path, client]],
    );
    this.instanceMembers = new Set(clients.flatMap((client) => client.instanceMembers ?? []));
  }

  /** The client function a value is (`axios.put`, `fetch`), seen through wrappers (`fetchRetry(fetch)`). */
  clientFunction(value: Value, depth = 0): HttpCallee | undefined {
    const key = valueKey(value);
    const found = key === undefined ? undefined : this.functions.get(key);
    if (found) return { ...found };
    const wrapped = depth < 4 ? this.wrapped(value) : undefined;
    return wrapped ? this.clientFunction(this.resolver.resolveValue(wrapped), depth + 1) : undefined;
  }

  /** `fetchRetry(fetch)`, `setupCache(axios.create(…))`: the argument a wrapper call wraps. */
  private wrapped(value: Value): Ref | undefined {
    if (value.kind !== "node") return undefined;
    const node = unwrapExpression(value.ref.node);
    if (node.type !== "CallExpression") return undefined;
    const index = wrappedArgument(this.wrappers, this.resolver.resolveValue({ ...value.ref, node: node.callee }));
    const arg = index === undefined ? undefined : node.arguments[index];
    return arg ? { ...value.ref, node: arg } : undefined;
  }

  /**
   * An instance of a client: made by a factory member (`axios.create(config)`, `got.extend(options)`) or function
   * (`createClient({ baseUrl })`), a class (`new Zodios(base)`, an injected `HttpService`), a curried call
   * (`bent(base, "PUT")`), a member that is one (`http.axiosRef`), through wrappers and lazy getters.
   */
  instance(ref: Ref, depth = 0): HttpCallee | undefined {
    if (depth > 6) return undefined;
    const written = unwrapExpression(ref.node);
    if (isMember(written) && this.instanceMembers.has(memberName(written) ?? "")) {
      const owner = this.instance({ ...ref, node: written.object }, depth + 1);
      if (owner?.client.instanceMembers?.includes(memberName(written)!)) return owner;
    }
    const value = settledValue(this.resolver, ref);
    if (value.kind === "param") {
      // `@Inject(INTERCOM_HTTP) http: AxiosInstance`: what the provider for the token makes.
      const provided = injectedValue(this.resolver, value.binding);
      if (provided?.kind === "node") return this.instance(provided.ref, depth + 1);
      // A client handed to a class's constructor: what the module's one `new Service(client)` passes.
      const passed = constructedWith(value.binding);
      return (passed && this.instance(passed, depth + 1)) ?? this.injected(value);
    }
    if (value.kind !== "node") return undefined;
    const wrapped = this.wrapped(value);
    if (wrapped) return this.instance(wrapped, depth + 1);
    const node = unwrapExpression(value.ref.node);
    if (node.type === "NewExpression") return this.classInstance(value.ref, node);
    // `(options.client ?? client).put(…)`: a client given, or the default one.
    if (node.type === "LogicalExpression")
      return this.instance({ ...value.ref, node: node.left }, depth + 1) ?? this.instance({ ...value.ref, node: node.right }, depth + 1);
    if (node.type !== "CallExpression") return undefined;
    const config = this.configArgument(value.ref, node.arguments[0]);
    const callee = this.resolver.resolveValue({ ...value.ref, node: node.callee });
    const key = valueKey(callee);
    const factory = key === undefined ? undefined : this.factories.get(key);
    if (factory) return { client: factory, instanceConfig: config };
    const injectedClass = this.injectedClass(callee, value.ref, node.arguments);
    if (injectedClass) return injectedClass;
    const curried = this.clientFunction(callee);
    if (curried?.client.curried && curried.method === undefined)
      return { client: curried.client, curried: true, ...this.curriedParts(value.ref, node.arguments) };
    if (!isMember(node.callee)) return undefined;
    const name = memberName(node.callee);
    const owner = this.clientFunction(this.resolver.resolveValue({ ...value.ref, node: node.callee.object }));
    if (!owner || name === undefined || !owner.client.instanceFactories?.includes(name)) return undefined;
    return { client: owner.client, instanceConfig: config };
  }

  /**
   * An instance's options, through a configuration helper of the client's package: `createClient(createConfig({
   * baseUrl }))`, `defineConfig({ … })`.
   */
  private configArgument(ref: Ref, arg: Node | undefined): Ref | undefined {
    if (!arg) return undefined;
    const node = unwrapExpression(arg);
    if (node.type === "CallExpression" && node.arguments[0]) {
      const helper = this.resolver.resolveValue({ ...ref, node: node.callee });
      const name = helper.kind === "external" ? helper.path[helper.path.length - 1] : undefined;
      if (name !== undefined && CONFIG_HELPER.test(name)) return { ...ref, node: node.arguments[0] };
    }
    return { ...ref, node: arg };
  }

  private classInstance(ref: Ref, node: Extract<Node, { type: "NewExpression" }>): HttpCallee | undefined {
    const key = valueKey(this.resolver.resolveValue({ ...ref, node: node.callee }));
    const client = key === undefined ? undefined : this.classes.get(key);
    if (!client) return undefined;
    const index = client.classBaseUrlArgument;
    const base = index === undefined ? undefined : node.arguments[index];
    return { client, ...(base ? { instanceBase: { ...ref, node: base } } : {}) };
  }

  /** A parameter typed as a client class (`private readonly http: HttpService`): a framework injects an instance. */
  private injected(value: Extract<Value, { kind: "param" }>): HttpCallee | undefined {
    const annotation = value.binding.annotation;
    if (annotation?.type !== "TSTypeReference" || annotation.typeName.type !== "Identifier") return undefined;
    const key = valueKey(this.resolver.resolveValue({ file: value.binding.file, node: annotation.typeName }));
    const client = key === undefined ? undefined : (this.classes.get(key) ?? this.instanceTypes.get(key));
    return client ? { client } : undefined;
  }

  /** `inject(HttpClient)`: an instance of the client class given. */
  private injectedClass(callee: Value, ref: Ref, args: Node[]): HttpCallee | undefined {
    const index = wrappedArgument(INJECTORS, callee);
    const arg = index === undefined ? undefined : args[index];
    if (!arg) return undefined;
    const key = valueKey(this.resolver.resolveValue({ ...ref, node: arg }));
    const client = key === undefined ? undefined : this.classes.get(key);
    return client ? { client } : undefined;
  }

  /** A curried call's string arguments: the one starting with http is the base URL, an upper-case method name the method. */
  private curriedParts(ref: Ref, args: Node[]): Pick<HttpCallee, "instanceBase" | "method"> {
    const parts: Pick<HttpCallee, "instanceBase" | "method"> = {};
    for (const arg of args) {
      const text = this.resolver.evalString({ ...ref, node: arg });
      if (/^https?:\/\//i.test(text)) parts.instanceBase = { ...ref, node: arg };
      else if (/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/.test(text)) parts.method = text;
    }
    return parts;
  }
}

/**
 * The argument the module's only `new` of a class passes for a constructor parameter (`new TicketRepo(axios.create({
 * baseURL }))`): the value a method's `this.client` holds when the class is built once, where it is declared.
 */
function constructedWith(binding: Extract<Binding, { kind: "param" }>): Ref | undefined {
  const { file, fn } = binding;
  if (fn.type !== "ClassMethod" || fn.kind !== "constructor" || binding.path.length > 0) return undefined;
  const body = file.parent(fn);
  const declaration = body ? file.parent(body) : undefined;
  if (declaration?.type !== "ClassDeclaration" || !declaration.id) return undefined;
  const id = declaration.id;
  const made = file
    .nodesOfType("NewExpression")
    .filter((node) => node.callee.type === "Identifier" && node.callee.name === id.name && resolveBinding(file, node.callee)?.id === id);
  const arg = made.length === 1 ? made[0].arguments[binding.index] : undefined;
  return arg && arg.type !== "SpreadElement" && arg.type !== "ArgumentPlaceholder" ? { file, node: arg } : undefined;
}

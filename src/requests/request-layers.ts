// Request layers that declare requests as data: RTK Query endpoints (`query: (arg) => ({ url, method, body })` under
// `createApi({ baseQuery: fetchBaseQuery({ baseUrl }) })`, and their hooks and `initiate` triggers), and request
// descriptions of integration platforms and job queues (`{ url, method, body }` returned, exported or kept as a property).
import type { CallExpression, Function as FunctionNode, Node, ObjectExpression } from "@babel/types";
import { returnedExpressions } from "../core/function-returns.js";
import { isFunctionNode, propertyKeyName, resolveBinding } from "../core/scope.js";
import type { SourceFile } from "../core/source.js";
import {
  isMember,
  memberName,
  objectProperty,
  payloadValue,
  unwrapExpression,
  type Env,
  type Ref,
  type Resolver,
  type Value,
  type ValueReader,
} from "../core/values.js";
import { BASE_KEYS, describedBy, describedRequest, looksLikeDescription, templateUrl } from "./descriptors.js";
import type { IntercomRequest } from "./intercom-request.js";
import { isIntercomUrl } from "./intercom-url.js";

/** `build.mutation(…)`, `build.query(…)`: an RTK Query endpoint definition inside `endpoints: (build) => ({ … })`. */
const DEFINERS = new Set(["mutation", "query", "infiniteQuery"]);
/** What an endpoint definition is reached as: `api.endpoints.x.initiate(arg)`, `api.endpoints.x.useMutation()`. */
const TRIGGERS = new Set(["initiate", "useMutation", "useQuery", "useLazyQuery", "useQuerySubscription", "useLazyQuerySubscription"]);
/** Objects around a description that may give it a base URL (n8n's `requestDefaults`). */
const DEFAULTS_KEYS = ["requestDefaults", "defaults"];

/** Is this call an RTK Query endpoint definition (`build.mutation({ query })`)? */
function isDefinition(file: SourceFile, node: Node): node is CallExpression {
  if (node.type !== "CallExpression" || !isMember(node.callee) || !DEFINERS.has(memberName(node.callee) ?? "")) return false;
  const builder = node.callee.object;
  if (builder.type !== "Identifier") return false;
  for (const ancestor of file.ancestors(node)) {
    if (!isFunctionNode(ancestor)) continue;
    const first = ancestor.params[0];
    return first?.type === "Identifier" && first.name === builder.name && propertyOwner(file, ancestor) === "endpoints";
  }
  return false;
}

/** The key a function is the value of (`endpoints: (build) => …`), if any. */
function propertyOwner(file: SourceFile, fn: FunctionNode): string | undefined {
  const parent = file.parent(fn);
  if (parent?.type === "ObjectProperty" && parent.value === fn) return propertyKeyName(parent.key);
  if (parent?.type === "ObjectExpression" && fn.type === "ObjectMethod") return propertyKeyName(fn.key);
  return undefined;
}

/** The options object of an API-making call (`createApi({ … })`, `api.injectEndpoints({ … })`) that declares `endpoints`. */
function apiOptions(resolver: Resolver, ref: Ref): (Ref & { node: ObjectExpression }) | undefined {
  const node = unwrapExpression(ref.node);
  if (node.type !== "CallExpression") return undefined;
  const options = node.arguments[0] ? resolver.resolveValue({ ...ref, node: node.arguments[0] }) : undefined;
  if (options?.kind !== "node") return undefined;
  const object = unwrapExpression(options.ref.node);
  return object.type === "ObjectExpression" && objectProperty(object, "endpoints") ? { ...options.ref, node: object } : undefined;
}

/** The object of endpoint definitions an API declares: what `endpoints: (build) => ({ … })` returns. */
function endpointsObject(resolver: Resolver, api: Ref): Value | undefined {
  const options = apiOptions(resolver, api);
  const property = options ? objectProperty(options.node, "endpoints") : undefined;
  if (!options || !property) return undefined;
  const fn = resolver.resolveValue({ ...options, node: property.value });
  const node = fn.kind === "node" ? unwrapExpression(fn.ref.node) : undefined;
  if (!node || !isFunctionNode(node) || fn.kind !== "node") return undefined;
  const [returned] = returnedExpressions(node);
  return returned ? resolver.resolveValue({ file: fn.ref.file, node: returned }) : undefined;
}

/** `useUpdateTicketMutation` → `updateTicket`. */
function endpointOfHook(name: string): string | undefined {
  const match = /^use(?:Lazy)?([A-Z]\w*?)(?:Infinite)?(?:Query|Mutation)$/.exec(name);
  return match ? match[1][0].toLowerCase() + match[1].slice(1) : undefined;
}

/** What element 0 of a hook's result is: the definition the hook stands for (`api.useUpdateTicketMutation`). */
function triggerOfHook(resolver: Resolver, call: Ref & { node: CallExpression }): Value | undefined {
  const hook = resolver.resolveValue({ ...call, node: call.node.callee });
  return hook.kind === "node" && isDefinition(hook.ref.file, unwrapExpression(hook.ref.node)) ? hook : undefined;
}

/** Query libraries' mutation hooks (TanStack Query for React, Vue, Svelte, Solid): `useMutation({ mutationFn })`. */
const MUTATION_HOOKS: Readonly<Record<string, string>> = {
  "@tanstack/react-query": "useMutation",
  "@tanstack/vue-query": "useMutation",
  "@tanstack/svelte-query": "createMutation",
  "@tanstack/solid-query": "createMutation",
  "react-query": "useMutation",
};
/** What a mutation hook's result calls its `mutationFn` through. */
const MUTATE = new Set(["mutate", "mutateAsync"]);

/** `useMutation({ mutationFn }).mutate`: the mutation function (the request is made where it is written). */
function mutationFunction(resolver: Resolver, call: Ref & { node: CallExpression }, name: string): Value | undefined {
  if (!MUTATE.has(name)) return undefined;
  const hook = resolver.resolveValue({ ...call, node: call.node.callee });
  if (hook.kind !== "external" || MUTATION_HOOKS[hook.module] !== hook.path[hook.path.length - 1]) return undefined;
  const [first] = call.node.arguments;
  if (!first) return undefined;
  const options = resolver.resolveValue({ ...call, node: first });
  const object = options.kind === "node" ? unwrapExpression(options.ref.node) : undefined;
  // `useMutation({ mutationFn })`, or the older `useMutation(fn, options)`.
  if (object?.type !== "ObjectExpression" || options.kind !== "node") return options;
  const property = objectProperty(object, "mutationFn");
  return property ? resolver.resolveValue({ ...options.ref, node: property.value }) : undefined;
}

/** The readers for RTK Query APIs (their `endpoints`, hooks and triggers lead to the endpoint definitions) and mutation hooks. */
export function requestLayers(resolver: Resolver): ValueReader {
  return {
    member(value, name) {
      if (value.kind !== "node") return undefined;
      const node = unwrapExpression(value.ref.node);
      if (node.type !== "CallExpression") return undefined;
      if (typeof name === "string" && MUTATE.has(name)) return mutationFunction(resolver, { ...value.ref, node }, name);
      // `const [trigger] = useUpdateTicketMutation()`: element 0 of what a hook gives is its trigger.
      if (typeof name === "number") return name === 0 ? triggerOfHook(resolver, { ...value.ref, node }) : undefined;
      if (isDefinition(value.ref.file, node)) return TRIGGERS.has(name) ? value : undefined;
      const endpoints = endpointsObject(resolver, value.ref);
      if (!endpoints) return undefined;
      if (name === "endpoints") return endpoints;
      const endpoint = endpointOfHook(name);
      return endpoint ? resolver.memberOf(endpoints, endpoint, 0) : undefined;
    },
  };
}

/**
 * The endpoint definition a trigger stands for: `updateTicket(arg)` after `const [updateTicket] =
 * useUpdateTicketMutation()`, `api.endpoints.updateTicket.initiate(arg)`.
 */
export function triggeredDefinition(resolver: Resolver, callee: Ref): (Ref & { node: CallExpression }) | undefined {
  const node = unwrapExpression(callee.node);
  // A cheap test first: `const [trigger] = useX()`, `….initiate(arg)`.
  const binding = node.type === "Identifier" ? resolveBinding(callee.file, node) : undefined;
  const trigger =
    node.type === "Identifier"
      ? binding?.kind === "variable" && binding.path.length === 1 && binding.path[0] === 0
      : isMember(node) && TRIGGERS.has(memberName(node) ?? "");
  if (!trigger) return undefined;
  const value = resolver.resolveValue(callee);
  if (value.kind !== "node") return undefined;
  const definition = unwrapExpression(value.ref.node);
  return isDefinition(value.ref.file, definition) ? { ...value.ref, node: definition } : undefined;
}

/** The base URL an API's `baseQuery` sends to: `fetchBaseQuery({ baseUrl })`, or a wrapper around such a query. */
function baseQueryUrl(resolver: Resolver, options: Ref & { node: ObjectExpression }): string | undefined {
  const baseQuery = payloadValue(resolver.followPayload(options), "baseQuery");
  if (!baseQuery) return undefined;
  const value = resolver.resolveValue(baseQuery);
  if (value.kind !== "node") return undefined;
  const node = unwrapExpression(value.ref.node);
  if (node.type === "CallExpression") return configuredBase(resolver, { ...value.ref, node });
  if (!isFunctionNode(node)) return undefined;
  // `async (args, api, extra) => { const result = await rawBaseQuery(args, api, extra); … }`
  for (const call of value.ref.file.nodesOfType("CallExpression")) {
    if (call.start! < node.start! || call.end! > node.end!) continue;
    const inner = resolver.resolveValue({ ...value.ref, node: call.callee });
    const made = inner.kind === "node" ? unwrapExpression(inner.ref.node) : undefined;
    if (made?.type === "CallExpression" && inner.kind === "node") {
      const base = configuredBase(resolver, { ...inner.ref, node: made });
      if (base !== undefined) return base;
    }
  }
  return undefined;
}

/** `fetchBaseQuery({ baseUrl })`, `axiosBaseQuery({ baseUrl })`: the base URL of a base query's options. */
function configuredBase(resolver: Resolver, call: Ref & { node: CallExpression }): string | undefined {
  const [options] = call.node.arguments;
  if (!options) return undefined;
  const payload = resolver.followPayload({ ...call, node: options });
  for (const key of BASE_KEYS) {
    const found = payloadValue(payload, key);
    if (found) return resolver.evalString(found);
  }
  return undefined;
}

/** The base URL around a description: an RTK API's base query, or a base key of an object it sits in. */
function enclosingBase(resolver: Resolver, file: SourceFile, node: Node): string | undefined {
  for (const ancestor of file.ancestors(node)) {
    if (ancestor.type === "ObjectExpression") {
      const own = baseOf(resolver, { file, node: ancestor });
      if (own !== undefined) return own;
    }
    if (ancestor.type !== "CallExpression") continue;
    const options = apiOptions(resolver, { file, node: ancestor });
    if (!options) continue;
    // `api.injectEndpoints({ endpoints })`: the base of the API it extends.
    const api = isMember(ancestor.callee)
      ? apiOptions(resolver, resolvedNode(resolver, { file, node: ancestor.callee.object }) ?? { file, node: ancestor })
      : undefined;
    return baseQueryUrl(resolver, options) ?? (api ? baseQueryUrl(resolver, api) : undefined);
  }
  return undefined;
}

function resolvedNode(resolver: Resolver, ref: Ref): Ref | undefined {
  const value = resolver.resolveValue(ref);
  return value.kind === "node" ? value.ref : undefined;
}

/** A base key of an object, or of its `requestDefaults`. */
function baseOf(resolver: Resolver, object: Ref & { node: ObjectExpression }): string | undefined {
  for (const key of BASE_KEYS) {
    const property = objectProperty(object.node, key);
    if (property) return templateUrl(resolver.evalString({ ...object, node: property.value }));
  }
  for (const key of DEFAULTS_KEYS) {
    const property = objectProperty(object.node, key);
    const inner = property ? unwrapExpression(property.value) : undefined;
    if (inner?.type === "ObjectExpression") return baseOf(resolver, { ...object, node: inner });
  }
  return undefined;
}

/**
 * Is a description sent, as far as the code shows? Returned by a function (an RTK `query`, a platform's `perform`),
 * the value of a property (`perform: { … }`, `request: { … }`), exported, or passed to a call (read there, not here).
 */
function declaredToSend(file: SourceFile, object: ObjectExpression): boolean {
  let child: Node = object;
  for (const parent of file.ancestors(object)) {
    switch (parent.type) {
      case "ParenthesizedExpression":
      case "TSAsExpression":
      case "TSSatisfiesExpression":
        child = parent;
        continue;
      case "ArrowFunctionExpression":
        return parent.body === child;
      case "ReturnStatement":
      case "ExportDefaultDeclaration":
        return true;
      case "ObjectProperty":
        return parent.value === child;
      case "VariableDeclarator":
        return file.parent(file.parent(parent) ?? parent)?.type === "ExportNamedDeclaration";
      default:
        return false;
    }
  }
  return false;
}

/** The requests a file declares as data (see declaredToSend), each with the base URL around it. */
export function describedRequests(resolver: Resolver, file: SourceFile): IntercomRequest[] {
  const found: IntercomRequest[] = [];
  for (const object of file.nodesOfType("ObjectExpression")) {
    if (!looksLikeDescription(object) || !declaredToSend(file, object)) continue;
    const ref = { file, node: object };
    const described = describedBy(resolver, ref, undefined, enclosingBase(resolver, file, object));
    if (!described || !isIntercomUrl(described.url)) continue;
    const request = describedRequest(resolver, described, ref, "a request description", "description");
    if (request) found.push(request);
  }
  return found;
}

/** The request a trigger call makes (`updateTicket({ id, … })`): its definition's `query` read with the argument bound. */
export function triggeredRequest(
  resolver: Resolver,
  callRef: Ref & { node: CallExpression },
  definition: Ref & { node: CallExpression },
): IntercomRequest | undefined {
  const [options] = definition.node.arguments;
  if (!options) return undefined;
  const query = payloadValue(resolver.followPayload({ ...definition, node: options }), "query");
  const fn = query ? resolver.resolveValue(query) : undefined;
  const node = fn?.kind === "node" ? unwrapExpression(fn.ref.node) : undefined;
  if (!node || !isFunctionNode(node) || fn?.kind !== "node") return undefined;
  const env: Env = {
    fn: node,
    args: callRef.node.arguments.map((arg) => ({ ...callRef, node: arg })),
    parent: callRef.env,
    depth: (callRef.env?.depth ?? 0) + 1,
  };
  const base = enclosingBase(resolver, definition.file, definition.node);
  for (const returned of returnedExpressions(node)) {
    const description = resolver.resolveValue({ file: fn.ref.file, node: returned, env });
    if (description.kind !== "node") continue;
    const described = describedBy(resolver, description.ref, undefined, base);
    if (!described || !isIntercomUrl(described.url)) continue;
    const request = describedRequest(resolver, described, callRef, "RTK Query", "description");
    if (request) return { ...request, recognisedBy: undefined };
  }
  return undefined;
}

// Requests built along a chain of calls and sent by the last one (wretch, centra): the chain is walked back from the
// sending call to the client function's call, through variables that keep part of it (`const api = wretch(base)`).
import type { CallExpression, Node } from "@babel/types";
import { callResult } from "../core/lazy-values.js";
import { HOLE, isMember, joinUrl, memberName, unwrapExpression, type Ref, type Resolver } from "../core/values.js";
import type { ChainLayout, HttpClient } from "./http-client.js";
import { httpRequest } from "./http-calls.js";
import type { IntercomRequest } from "./intercom-request.js";

/** One call along a chain: its member name and arguments. */
interface Step {
  name: string;
  args: Ref[];
}

const MAX_STEPS = 32;

/** The names that may send a chained request, over every client's chain: a cheap test before walking. */
export function sendingNames(clients: readonly HttpClient[]): Set<string> {
  return new Set(clients.flatMap((client) => [...(client.chain?.sendMethods ?? []), ...(client.chain?.send ?? [])]));
}

/**
 * The request a chain's sending call makes: `wretch(base).url(path).put(body)`. `clientOf` names the client of a
 * chain's first call (undefined when the callee is no client function).
 */
export function chainRequest(resolver: Resolver, callRef: Ref, clientOf: (callee: Ref) => HttpClient | undefined): IntercomRequest | undefined {
  const call = unwrapExpression(callRef.node) as CallExpression;
  if (!isMember(call.callee)) return undefined;
  const last = memberName(call.callee);
  if (last === undefined) return undefined;
  const steps: Step[] = [];
  let current: Ref = { ...callRef, node: call.callee.object };
  for (let i = 0; i < MAX_STEPS; i++) {
    const node = unwrapExpression(current.node);
    if (node.type === "CallExpression") {
      const client = clientOf({ ...current, node: node.callee });
      if (client?.chain)
        return sentRequest(
          resolver,
          client,
          client.chain,
          { ...current, node },
          steps.reverse(),
          { name: last, args: call.arguments.map((arg) => ({ ...callRef, node: arg })) },
          callRef,
        );
      if (isMember(node.callee)) {
        const name = memberName(node.callee);
        if (name === undefined) return undefined;
        steps.push({ name, args: node.arguments.map((arg) => ({ ...current, node: arg })) });
        current = { ...current, node: node.callee.object };
        continue;
      }
      // `api().url(…)`: a function that gives a chain back.
      const made = callResult(resolver, { ...current, node });
      if (made?.kind !== "node") return undefined;
      current = made.ref;
      continue;
    }
    if (node.type !== "Identifier" && !isMember(node)) return undefined;
    const value = resolver.resolveValue({ ...current, node });
    if (value.kind !== "node" || value.ref.node === node) return undefined;
    current = value.ref;
  }
  return undefined;
}

/** The request a chain makes, when every call along it is one the client's chain layout names. */
function sentRequest(
  resolver: Resolver,
  client: HttpClient,
  chain: ChainLayout,
  root: Ref & { node: CallExpression },
  steps: Step[],
  last: Step,
  callRef: Ref,
): IntercomRequest | undefined {
  const sendsWithMethod = chain.sendMethods?.includes(last.name) === true;
  if (!sendsWithMethod && !chain.send?.includes(last.name)) return undefined;
  const layout = client.call;
  const rootArg = (index: number | undefined) => (index === undefined ? undefined : root.node.arguments[index]);
  const text = (node: Node | undefined, ref: Ref) => (node ? resolver.evalString({ ...ref, node }) : "");
  let url = text(rootArg(layout.url), root);
  let method: string | undefined = rootArg(layout.methodPosition) ? text(rootArg(layout.methodPosition), root).toUpperCase() : undefined;
  let bodyRef: Ref | undefined;
  for (const step of steps) {
    const [first] = step.args;
    if (chain.url?.includes(step.name)) url = first ? joinUrl(url, resolver.evalString(first)) : url;
    else if (chain.method?.includes(step.name)) method = first ? resolver.evalString(first).toUpperCase() : method;
    else if (chain.body?.includes(step.name)) bodyRef = first ?? bodyRef;
    else if (!chain.keep.includes(step.name)) return undefined;
  }
  if (sendsWithMethod) {
    method = last.name === "opts" ? "OPTIONS" : last.name.toUpperCase();
    // wretch: `.put(body?, url?)`, `.get(url?)`.
    const takesBody = ["POST", "PUT", "PATCH"].includes(method);
    const path = last.args[takesBody ? 1 : 0];
    if (takesBody) bodyRef = last.args[0] ?? bodyRef;
    if (path) url = joinUrl(url, resolver.evalString(path));
  }
  if (method?.includes(HOLE)) method = undefined;
  return httpRequest({ client: client.name, callRef, method: method ?? "GET", url, bodyRef, headers: [] }, resolver);
}

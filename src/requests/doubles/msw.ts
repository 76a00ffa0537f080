// msw: handlers for Intercom URLs that assert the request body, check the version header, or return a response.
import type { CallExpression, Function as FunctionNode, Node } from "@babel/types";
import { matchBodyEndpoint, matchEndpoint } from "../../intercom-api/endpoints.js";
import { isFunctionNode, resolveBinding, type Binding } from "../../core/scope.js";
import type { SourceFile } from "../../core/source.js";
import { HOLE, isMember, memberName, unwrapExpression } from "../../core/values.js";
import { HTTP_METHODS } from "../http-client.js";
import type { IntercomRequest } from "../intercom-request.js";
import { intercomPath, isIntercomUrl } from "../intercom-url.js";
import { isExport } from "./exports.js";
import type { DoubleContext, MockedResponse, TestDoubleAdapter, VersionPin } from "./library.js";
import { pinSubject } from "./version-pins.js";

/** `http.put(…)` (v2), `rest.put(…)` (v1), and `all` for any method. */
const VERBS = new Set<string>([...HTTP_METHODS, "all"]);
const RESPONSE_OWNERS = ["HttpResponse", "Response"];

interface Handler {
  call: CallExpression;
  method: string | undefined;
  path: string;
  resolver: FunctionNode;
}

export const msw: TestDoubleAdapter = (context) => {
  const handlerCache = new WeakMap<SourceFile, Handler[]>();
  const handlers = (file: SourceFile): Handler[] => {
    let found = handlerCache.get(file);
    if (!found) handlerCache.set(file, (found = findHandlers(context, file)));
    return found;
  };
  return {
    name: "msw",
    mentionedIn: (text) => text.includes("msw"),
    pinWords: ["msw"],
    requests: (file) => bodyAssertions(context, file, handlers(file)),
    pins: (file) => headerChecks(file, handlers(file)),
    responses: (file) => handlers(file).flatMap((handler) => responsesIn(file, handler)),
  };
};

/** msw handlers for Intercom URLs (`http.put(url, resolver)`, v1 `rest.put`). */
function findHandlers(context: DoubleContext, file: SourceFile): Handler[] {
  const { resolver } = context;
  const handlers: Handler[] = [];
  for (const call of file.nodesOfType("CallExpression")) {
    const callee = unwrapExpression(call.callee);
    if (!isMember(callee)) continue;
    const verb = memberName(callee);
    if (verb === undefined || !VERBS.has(verb)) continue;
    if (!isExport(resolver, { file, node: callee.object }, "msw", ["http", "rest"])) continue;
    const [urlArg, resolverArg] = call.arguments;
    if (!urlArg || !resolverArg || urlArg.type === "SpreadElement" || resolverArg.type === "SpreadElement") continue;
    // Path parameters (`:id`) and wildcards are parts the URL does not know.
    const url = resolver
      .evalString({ file, node: urlArg })
      .replace(/\/:[A-Za-z_$][\w$]*/g, "/" + HOLE)
      .replace(/\*/g, HOLE);
    if (!isIntercomUrl(url)) continue;
    const path = intercomPath(url);
    if (path === undefined) continue;
    const target = resolver.functionOf({ file, node: resolverArg });
    const resolverNode = isFunctionNode(unwrapExpression(resolverArg))
      ? (unwrapExpression(resolverArg) as FunctionNode)
      : target?.file === file
        ? target.fn
        : undefined;
    if (!resolverNode) continue;
    handlers.push({ call, method: verb === "all" ? undefined : verb.toUpperCase(), path, resolver: resolverNode });
  }
  return handlers;
}

/** Handlers that assert the request body: `expect(await request.json()).toEqual({...})`, also through a variable. */
function bodyAssertions(context: DoubleContext, file: SourceFile, handlers: Handler[]): IntercomRequest[] {
  const found: IntercomRequest[] = [];
  if (handlers.length === 0) return found;
  const comparisons = context.expectations.comparisons(file);
  for (const handler of handlers) {
    const { reads, holders } = bodyReads(file, handler.resolver);
    if (reads.size === 0) continue;
    for (const comparison of comparisons) {
      const actual = unwrapExpression(comparison.actual.node);
      const held = actual.type === "Identifier" && holders.has(resolveBinding(file, actual) as Binding);
      if (!reads.has(actual) && !held) continue;
      const payload = context.resolver.followPayload(comparison.expected);
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

/** Reads of the request body in a handler's resolver, and the variables that keep it. */
function bodyReads(file: SourceFile, resolver: FunctionNode): { reads: Set<Node>; holders: Set<Binding> } {
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
    return (
      call.type === "CallExpression" &&
      call.arguments.length === 0 &&
      isMember(call.callee) &&
      memberName(call.callee) === method &&
      isRequest(call.callee.object)
    );
  };
  for (const node of file.nodesOfType("AwaitExpression", "CallExpression", "MemberExpression")) {
    if (node.start! < resolver.start! || node.end! > resolver.end!) continue;
    let read = false;
    if (node.type === "AwaitExpression") read = bodyCall(node, "json");
    else if (node.type === "CallExpression") {
      // JSON.parse(await request.text())
      const callee = node.callee;
      read =
        isMember(callee) &&
        callee.object.type === "Identifier" &&
        callee.object.name === "JSON" &&
        memberName(callee) === "parse" &&
        !!node.arguments[0] &&
        bodyCall(node.arguments[0], "text");
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

/** A handler's check of the version header: `request.headers.get("Intercom-Version") !== "2.14"`. */
function headerChecks(file: SourceFile, handlers: Handler[]): VersionPin[] {
  const pins: VersionPin[] = [];
  for (const handler of handlers) {
    for (const binary of file.nodesOfType("BinaryExpression")) {
      if (binary.start! < handler.resolver.start! || binary.end! > handler.resolver.end! || !["===", "!==", "==", "!="].includes(binary.operator)) continue;
      for (const [subject, value] of [
        [binary.left, binary.right],
        [binary.right, binary.left],
      ]) {
        if (pinSubject(file, { file, node: subject }) !== "certain") continue;
        pins.push({
          subject: { file, node: subject },
          value: { file, node: value },
          certain: true,
          at: { file, node: binary },
          description: "an msw handler's check of the version header",
        });
        break;
      }
    }
  }
  return pins;
}

/** What a handler answers: `HttpResponse.json(body)`, `new Response(…)`, v1 `ctx.json(body)`. */
function responsesIn(file: SourceFile, handler: Handler): MockedResponse[] {
  const found: MockedResponse[] = [];
  for (const node of file.nodesOfType("CallExpression", "NewExpression")) {
    if (node.start! < handler.resolver.start! || node.end! > handler.resolver.end!) continue;
    const callee = unwrapExpression(node.callee);
    const owner = isMember(callee) ? unwrapExpression(callee.object) : callee;
    const ownerName = owner.type === "Identifier" ? owner.name : undefined;
    const isResponse =
      (node.type === "NewExpression" && RESPONSE_OWNERS.includes(ownerName ?? "")) ||
      (node.type === "CallExpression" &&
        isMember(callee) &&
        ["json", "text", "body"].includes(memberName(callee) ?? "") &&
        (RESPONSE_OWNERS.includes(ownerName ?? "") || ownerName === "ctx"));
    if (isResponse) found.push({ nodes: node.arguments, what: "an msw handler's response" });
  }
  return found;
}

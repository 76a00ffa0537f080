// nock: an interceptor's expected request body (`nock(base).put(path, body)`), its version-header matchers, its replies.
import type { CallExpression, Node } from "@babel/types";
import { isFunctionNode, propertyKeyName } from "../../core/scope.js";
import type { SourceFile } from "../../core/source.js";
import { HOLE, isMember, joinUrl, memberName, unwrapExpression, type Ref, type Resolver } from "../../core/values.js";
import { HTTP_METHODS } from "../http-client.js";
import type { IntercomRequest } from "../intercom-request.js";
import { intercomPath, isIntercomUrl } from "../intercom-url.js";
import { expectedBodyRequest } from "./expected-body.js";
import { isExport } from "./exports.js";
import type { DoubleContext, MockedResponse, TestDoubleAdapter, VersionPin } from "./library.js";
import { VERSION_HEADER, versionHeaderArguments } from "./version-pins.js";

const VERBS = new Set<string>(HTTP_METHODS);
/** nock scope and interceptor methods that return a scope or an interceptor of the same `nock(base)`. */
const CHAIN = new Set([
  ...HTTP_METHODS,
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
const REPLIES = new Set(["reply", "replyWithError"]);
const MATCHER = "a nock header matcher for the pinned API version";
/** `nock` itself: the module, or its `.default`. */
const NOCK = ["", "default"];

export const nock: TestDoubleAdapter = (context) => ({
  name: "nock",
  mentionedIn: (text) => text.includes("nock"),
  pinWords: ["matchHeader"],
  requests: (file) => interceptorRequests(context, file),
  pinsAt: (file, call) => headerMatchers(context, file, call),
  replyAt: (file, call) => reply(context.resolver, file, call),
});

/** `nock(base).put(path, body)`, `.intercept(path, method, body)`: the body the interceptor expects. */
function interceptorRequests(context: DoubleContext, file: SourceFile): IntercomRequest[] {
  const { resolver } = context;
  const found: IntercomRequest[] = [];
  for (const call of file.nodesOfType("CallExpression")) {
    const callee = unwrapExpression(call.callee);
    if (!isMember(callee)) continue;
    const verb = memberName(callee);
    if (verb === undefined || (!VERBS.has(verb) && verb !== "intercept")) continue;
    const base = nockBase(resolver, { file, node: callee.object });
    if (!base) continue;
    const args = call.arguments.map((arg) => ({ file, node: arg }));
    const pathArg = args[0];
    // A regular expression or a function matches paths; only a string names one.
    if (
      !pathArg ||
      !(isStringLike(unwrapExpression(pathArg.node)) || ["Identifier", "MemberExpression", "BinaryExpression"].includes(unwrapExpression(pathArg.node).type))
    )
      continue;
    let method = verb.toUpperCase();
    let body = args[1];
    if (verb === "intercept") {
      if (!args[1]) continue;
      const text = resolver.evalString(args[1]);
      if (text.includes(HOLE)) continue;
      method = text.toUpperCase();
      body = args[2];
    }
    const baseText = resolver.evalString(base);
    const pathText = resolver.evalString(pathArg);
    if (!isIntercomUrl(baseText) || pathText.replace(/^\/+/, "").startsWith(HOLE)) continue;
    const path = intercomPath(joinUrl(baseText, pathText));
    if (path === undefined) continue;
    // A function or a regular expression matches bodies; only a value spells one out.
    const bodyNode = body ? unwrapExpression(body.node) : undefined;
    const payloadRef = bodyNode && !isFunctionNode(bodyNode) && bodyNode.type !== "RegExpLiteral" ? body : undefined;
    found.push(
      expectedBodyRequest(resolver, {
        client: "nock",
        double: "nock",
        description: "a nock interceptor's expected request body",
        call: { file, node: call },
        method,
        path,
        payloadRef,
      }),
    );
  }
  return found;
}

/** `nock(base, { reqheaders: { "Intercom-Version": "2.13" } })` and `.matchHeader("Intercom-Version", "2.13")`. */
function headerMatchers(context: DoubleContext, file: SourceFile, call: CallExpression): VersionPin[] {
  const pins: VersionPin[] = [];
  const callee = unwrapExpression(call.callee);
  const options = call.arguments[1];
  if (options?.type === "ObjectExpression" && isExport(context.resolver, { file, node: callee }, "nock", NOCK)) {
    const reqheaders = options.properties.find((p) => p.type === "ObjectProperty" && propertyKeyName(p.key) === "reqheaders");
    const headers = reqheaders?.type === "ObjectProperty" ? unwrapExpression(reqheaders.value) : undefined;
    for (const property of headers?.type === "ObjectExpression" ? headers.properties : []) {
      if (property.type !== "ObjectProperty" || !VERSION_HEADER.test((property.computed ? undefined : propertyKeyName(property.key)) ?? "")) continue;
      pins.push({
        subject: { file, node: property.key },
        value: { file, node: property.value },
        certain: true,
        at: { file, node: property },
        description: MATCHER,
      });
    }
  }
  if (isMember(callee) && memberName(callee) === "matchHeader") {
    const matched = versionHeaderArguments(call);
    if (matched)
      pins.push({
        subject: { file, node: matched.header },
        value: { file, node: matched.value },
        certain: true,
        at: { file, node: call },
        description: MATCHER,
      });
  }
  return pins;
}

/** `.reply(200, body)` on an interceptor: the mocked response. */
function reply(resolver: Resolver, file: SourceFile, call: CallExpression): MockedResponse | undefined {
  const callee = unwrapExpression(call.callee);
  if (!isMember(callee) || !REPLIES.has(memberName(callee) ?? "")) return undefined;
  return nockBase(resolver, { file, node: callee.object }) ? { nodes: call.arguments, what: "a nock interceptor's reply" } : undefined;
}

/** The `nock(base)` argument a scope or interceptor expression comes from, through chains and variables. */
function nockBase(resolver: Resolver, ref: Ref, depth = 0): Ref | undefined {
  if (depth > 16) return undefined;
  const node = unwrapExpression(ref.node);
  if (node.type === "CallExpression") {
    const callee = unwrapExpression(node.callee);
    if (isExport(resolver, { ...ref, node: callee }, "nock", NOCK)) {
      return node.arguments[0] && node.arguments[0].type !== "SpreadElement" ? { ...ref, node: node.arguments[0] } : undefined;
    }
    if (isMember(callee) && CHAIN.has(memberName(callee) ?? "")) return nockBase(resolver, { ...ref, node: callee.object }, depth + 1);
    return undefined;
  }
  if (node.type === "Identifier") {
    const value = resolver.resolveValue({ ...ref, node });
    if (value.kind === "node" && value.ref.node !== node) return nockBase(resolver, value.ref, depth + 1);
  }
  return undefined;
}

function isStringLike(node: Node): boolean {
  return node.type === "StringLiteral" || node.type === "TemplateLiteral";
}

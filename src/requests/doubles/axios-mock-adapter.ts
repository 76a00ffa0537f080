// axios-mock-adapter: `new MockAdapter(api).onPut(url, body)` expects that body (the URL joins the instance's base URL).
import type { CallExpression } from "@babel/types";
import { isFunctionNode } from "../../core/scope.js";
import type { SourceFile } from "../../core/source.js";
import { HOLE, isMember, joinUrl, memberName, payloadValue, unwrapExpression, type Ref } from "../../core/values.js";
import { axios } from "../clients/axios.js";
import type { IntercomRequest } from "../intercom-request.js";
import { intercomPath } from "../intercom-url.js";
import { expectedBodyRequest } from "./expected-body.js";
import { isExport } from "./exports.js";
import type { DoubleContext, MockedResponse, TestDoubleAdapter } from "./library.js";

const MODULE = "axios-mock-adapter";
/** Handler methods: `onPut(url, body)`. */
const HANDLER = /^on(Get|Post|Put|Patch|Delete)$/;
/** Adapter and handler methods that return the adapter: `mock.onPut(…).reply(…).onPost(…)`. */
const CHAIN = /^(on[A-Z]\w*|reply\w*|pass\w*|network\w*|timeout\w*|abort\w*)$/;
const REPLIES = new Set(["reply", "replyOnce"]);

export const axiosMockAdapter: TestDoubleAdapter = (context) => ({
  name: MODULE,
  mentionedIn: (text) => text.includes(MODULE),
  requests: (file) => handlerRequests(context, file),
  replyAt: (file, call) => reply(context, file, call),
});

function handlerRequests(context: DoubleContext, file: SourceFile): IntercomRequest[] {
  const { resolver } = context;
  const found: IntercomRequest[] = [];
  for (const call of file.nodesOfType("CallExpression")) {
    const callee = unwrapExpression(call.callee);
    if (!isMember(callee)) continue;
    const handler = HANDLER.exec(memberName(callee) ?? "");
    if (!handler) continue;
    const base = adapterBase(context, { file, node: callee.object });
    if (base === undefined) continue;
    const [urlArg, bodyArg] = call.arguments;
    if (!urlArg || urlArg.type === "SpreadElement" || unwrapExpression(urlArg).type === "RegExpLiteral") continue;
    const urlText = resolver.evalString({ file, node: urlArg });
    if (urlText.replace(/^\/+/, "").startsWith(HOLE)) continue;
    const path = intercomPath(/^https?:\/\//i.test(urlText) ? urlText : joinUrl(base, urlText));
    if (path === undefined) continue;
    const method = handler[1].toUpperCase();
    // onGet's second argument is `{ params }`; the others' is the body the request must carry.
    const payloadRef =
      method !== "GET" && method !== "DELETE" && bodyArg && bodyArg.type !== "SpreadElement" && !isFunctionNode(unwrapExpression(bodyArg))
        ? { file, node: bodyArg }
        : undefined;
    found.push(
      expectedBodyRequest(resolver, {
        client: axios.name,
        double: "mock-adapter",
        description: "an axios-mock-adapter handler's expected request body",
        call: { file, node: call },
        method,
        path,
        payloadRef,
      }),
    );
  }
  return found;
}

/** `.reply(200, body)` on a handler: the mocked response. */
function reply(context: DoubleContext, file: SourceFile, call: CallExpression): MockedResponse | undefined {
  const callee = unwrapExpression(call.callee);
  if (!isMember(callee) || !REPLIES.has(memberName(callee) ?? "")) return undefined;
  return adapterBase(context, { file, node: callee.object }) !== undefined ? { nodes: call.arguments, what: "an axios-mock-adapter reply" } : undefined;
}

/** The base URL of the axios instance a `new MockAdapter(instance)` mocks ("" for axios itself), through chains and variables. */
function adapterBase(context: DoubleContext, ref: Ref, depth = 0): string | undefined {
  if (depth > 12) return undefined;
  const { resolver } = context;
  const node = unwrapExpression(ref.node);
  if (node.type === "NewExpression") {
    if (!isExport(resolver, { ...ref, node: node.callee }, MODULE, ["", "default"])) return undefined;
    const instance = node.arguments[0];
    if (!instance || instance.type === "SpreadElement") return undefined;
    const callee = context.http.callee({ ...ref, node: instance });
    if (callee?.client !== axios) return undefined;
    const baseRef = callee.instanceConfig && axios.baseUrlOption ? payloadValue(resolver.followPayload(callee.instanceConfig), axios.baseUrlOption) : undefined;
    return baseRef ? resolver.evalString(baseRef) : "";
  }
  if (node.type === "CallExpression" && isMember(node.callee) && CHAIN.test(memberName(node.callee) ?? "")) {
    return adapterBase(context, { ...ref, node: node.callee.object }, depth + 1);
  }
  if (node.type === "Identifier") {
    const value = resolver.resolveValue({ ...ref, node });
    if (value.kind === "node" && value.ref.node !== node) return adapterBase(context, value.ref, depth + 1);
  }
  return undefined;
}

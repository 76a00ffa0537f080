// Mocks of clients generated from Intercom's OpenAPI description asserted with the call they expect:
// `expect(TicketsApi.prototype.updateTicket).toHaveBeenCalledWith(id, undefined, body)`, a spy made with
// `jest.spyOn(TicketsApi.prototype, "updateTicket")`, `expect(api.updateTicket).toHaveBeenCalledWith(…)`.
import type { CallExpression } from "@babel/types";
import type { SourceFile } from "../../core/source.js";
import { isMember, memberName, unwrapExpression, type Ref } from "../../core/values.js";
import { generatedBody, generatedOperation, operationRequest } from "../generated-clients.js";
import type { IntercomRequest } from "../intercom-request.js";
import { CALLED_WITH, NTH_CALLED_WITH } from "./expectations.js";
import type { DoubleContext, TestDoubleAdapter } from "./library.js";
import { withoutMockWrappers } from "./mock-functions.js";

export const generatedApiMocks: TestDoubleAdapter = (context) => ({
  name: "generated API client mocks",
  mentionedIn: (text) => text.includes("CalledWith") && /(?:Api|Service)\b|prototype/.test(text),
  requests: (file) => assertedOperations(context, file),
});

/** The generated method a mock in an assertion stands for: the member itself, or what a spy was made on. */
function mockedMethod(context: DoubleContext, subject: Ref): { owner: Ref; method: string } | undefined {
  const node = withoutMockWrappers(subject.node);
  if (isMember(node)) {
    const method = memberName(node);
    return method === undefined ? undefined : { owner: { ...subject, node: node.object }, method };
  }
  const origin = context.standIns.mockOrigin({ ...subject, node });
  const call = origin ? (unwrapExpression(origin.node) as CallExpression) : undefined;
  if (!origin || !call || !isMember(call.callee) || memberName(call.callee) !== "spyOn") return undefined;
  const [object, name] = call.arguments;
  if (!object || object.type === "SpreadElement" || name?.type !== "StringLiteral") return undefined;
  return { owner: { ...origin, node: object }, method: name.value };
}

function assertedOperations(context: DoubleContext, file: SourceFile): IntercomRequest[] {
  const found: IntercomRequest[] = [];
  for (const call of file.nodesOfType("CallExpression")) {
    const expectation = context.expectations.expectation(file, call);
    if (!expectation || expectation.negated || !CALLED_WITH.has(expectation.matcher)) continue;
    const mocked = mockedMethod(context, expectation.subject);
    const operation = mocked ? generatedOperation(context.resolver, mocked.owner, mocked.method, file) : undefined;
    if (!mocked || !operation) continue;
    const args = expectation.args.slice(NTH_CALLED_WITH.has(expectation.matcher) ? 1 : 0);
    if (args.some((arg) => arg.node.type === "SpreadElement")) continue;
    const request = operationRequest(context.resolver, operation.endpoint, { file, node: call }, generatedBody(context.resolver, operation.endpoint, args));
    found.push({
      ...request,
      double: "assertion",
      doubleDescription: `a \`${expectation.matcher}\` assertion on a mocked \`${mocked.method}\` of a generated API client`,
    });
  }
  return found;
}

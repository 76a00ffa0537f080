// Mock functions' answers: what `vi.fn(impl)`, `mockResolvedValue(…)` and kin give back is a mocked API response.
import type { Node } from "@babel/types";
import { isFunctionNode } from "../../core/scope.js";
import type { SourceFile } from "../../core/source.js";
import { isMember, memberName, unwrapExpression } from "../../core/values.js";
import { returnedExpressions } from "../../core/function-returns.js";
import type { DoubleContext, MockedResponse, TestDoubleAdapter } from "./library.js";
import { MOCK_IMPLEMENTATIONS, MOCK_RETURNS } from "./mock-functions.js";

const WHAT = "a mock's return value";

export const mockReturns: TestDoubleAdapter = (context) => ({
  name: "mock return values",
  mentionedIn: (text) => /mock|vi\.fn|jest\.fn/.test(text),
  responses: (file) => returnValues(context, file),
});

/** Mocks' return values, except a mocked SDK client class's (that returns a fake client, not a response). */
function returnValues(context: DoubleContext, file: SourceFile): MockedResponse[] {
  const { expectations, standIns, fakeClients } = context;
  const found: MockedResponse[] = [];
  for (const call of file.nodesOfType("CallExpression")) {
    const callee = unwrapExpression(call.callee);
    if (!isMember(callee)) continue;
    const name = memberName(callee) ?? "";
    const api = expectations.testApi({ file, node: callee.object });
    let implementation: Node | undefined;
    if (MOCK_RETURNS.has(name)) {
      if (!standIns.mockOrigin({ file, node: callee.object }) && !standIns.of({ file, node: callee.object })) continue;
      if (fakeClients.isClientClassMock(file, callee.object)) continue;
      found.push({ nodes: call.arguments, what: WHAT });
      continue;
    }
    if (MOCK_IMPLEMENTATIONS.has(name)) {
      if (fakeClients.isClientClassMock(file, callee.object) || fakeClients.isClientClassMock(file, call)) continue;
      implementation = call.arguments[0];
    } else if (name === "fn" && (api === "vi" || api === "jest")) {
      if (fakeClients.isClientClassMock(file, call)) continue;
      implementation = call.arguments[0];
    }
    const fn = implementation ? unwrapExpression(implementation) : undefined;
    if (fn && isFunctionNode(fn)) found.push({ nodes: returnedExpressions(fn), what: WHAT });
  }
  return found;
}

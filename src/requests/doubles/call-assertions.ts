// Mocks asserted with the call they expect: `expect(fetch).toHaveBeenCalledWith(url, init)`, an SDK spy's
// `toHaveBeenCalledWith(request)`, `expect(update.mock.calls[0][0]).toEqual(request)`, and `toHaveProperty` on the pin.
import type { CallExpression } from "@babel/types";
import { endpointForSdkMethod } from "../../intercom-api/endpoints.js";
import type { SourceFile } from "../../core/source.js";
import { isMember, memberName, unwrapExpression, type Ref } from "../../core/values.js";
import type { IntercomRequest } from "../intercom-request.js";
import { CALLED_WITH, NTH_CALLED_WITH } from "./expectations.js";
import type { DoubleContext, TestDoubleAdapter, VersionPin } from "./library.js";
import { nameOf, receivedArgument, withoutMockWrappers } from "./mock-functions.js";
import { versionHeaderArguments } from "./version-pins.js";

export const callAssertions: TestDoubleAdapter = (context) => ({
  name: "call assertions",
  mentionedIn: (text) => /CalledWith|\.mock\.(calls|lastCall)/.test(text),
  requests: (file) => assertedRequests(context, file),
  pinsAt: (file, call) => propertyAssertion(context, file, call),
});

function assertedRequests(context: DoubleContext, file: SourceFile): IntercomRequest[] {
  const { expectations, standIns } = context;
  const found: IntercomRequest[] = [];
  for (const call of file.nodesOfType("CallExpression")) {
    const expectation = expectations.expectation(file, call);
    if (!expectation || expectation.negated || !CALLED_WITH.has(expectation.matcher)) continue;
    const args = expectation.args.slice(NTH_CALLED_WITH.has(expectation.matcher) ? 1 : 0);
    if (args.some((arg) => arg.node.type === "SpreadElement")) continue;
    const standIn = standIns.of(expectation.subject);
    if (!standIn) continue;
    const matcher = expectation.matcher;
    if (standIn.kind === "http") {
      const subject = nameOf(withoutMockWrappers(expectation.subject.node));
      const mocked = subject && subject !== standIn.name ? `\`${subject}\`, a mocked \`${standIn.name}\`` : `mocked \`${standIn.name}\``;
      const description = `a \`${matcher}\` assertion on ${mocked}`;
      const request = context.http.request({ file, node: call }, args, standIn.callee, { kind: "assertion", description });
      if (request) found.push(request);
    } else {
      found.push(
        spyRequest(context, file, call, standIn.methodPath, args[0], args[1], `a \`${matcher}\` assertion on a stand-in for \`${standIn.methodPath}\``),
      );
    }
  }
  // `expect(update.mock.calls[0][0]).toEqual(request)`, `mock.lastCall[0]`: the request an SDK stand-in received.
  for (const comparison of expectations.comparisons(file)) {
    const received = receivedArgument(comparison.actual);
    if (!received || received.index !== 0) continue;
    const standIn = standIns.of(received.mock);
    if (standIn?.kind !== "sdk") continue;
    const request = spyRequest(
      context,
      file,
      comparison.call,
      standIn.methodPath,
      comparison.expected,
      undefined,
      `an assertion on what a stand-in for \`${standIn.methodPath}\` received`,
    );
    if (comparison.partial && request.payload) {
      request.payload.opaque = true;
      request.payload.partial = true;
    }
    found.push(request);
  }
  return found;
}

/** The request an SDK stand-in is asserted to have received. */
function spyRequest(
  context: DoubleContext,
  file: SourceFile,
  call: CallExpression,
  methodPath: string,
  payloadRef: Ref | undefined,
  options: Ref | undefined,
  description: string,
): IntercomRequest {
  const endpoint = endpointForSdkMethod(methodPath);
  return {
    via: "sdk",
    client: "intercom-client",
    double: "spy",
    doubleDescription: description,
    call: { file, node: call },
    method: endpoint?.method,
    path: endpoint?.path,
    endpoint,
    payloadRef,
    payload: payloadRef ? context.resolver.followPayload(payloadRef) : undefined,
    headers: options ? [options] : [],
  };
}

/** `expect(headers).toHaveProperty("Intercom-Version", "2.13")`: an assertion on the pinned version. */
function propertyAssertion(context: DoubleContext, file: SourceFile, call: CallExpression): VersionPin[] {
  const callee = unwrapExpression(call.callee);
  if (!isMember(callee) || memberName(callee) !== "toHaveProperty") return [];
  const matched = versionHeaderArguments(call);
  if (!matched || !context.expectations.expectation(file, call)) return [];
  return [
    {
      subject: { file, node: matched.header },
      value: { file, node: matched.value },
      certain: true,
      at: { file, node: call },
      description: "a `toHaveProperty` assertion on the pinned API version",
    },
  ];
}

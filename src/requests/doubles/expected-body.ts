// The request an HTTP test double stands for: the body it expects at a method and path (nock, axios-mock-adapter).
import { matchEndpoint } from "../../intercom-api/endpoints.js";
import type { Ref, Resolver } from "../../core/values.js";
import type { DoubleKind, IntercomRequest } from "../intercom-request.js";

export interface ExpectedBody {
  client: string;
  double: DoubleKind;
  /** The double in words, for messages: "a nock interceptor's expected request body". */
  description: string;
  call: Ref;
  method: string;
  path: string;
  payloadRef: Ref | undefined;
}

export function expectedBodyRequest(resolver: Resolver, expected: ExpectedBody): IntercomRequest {
  const { client, double, description, call, method, path, payloadRef } = expected;
  return {
    via: "http",
    client,
    double,
    doubleDescription: description,
    call,
    method,
    path,
    endpoint: matchEndpoint(method, path),
    payloadRef,
    payload: payloadRef ? resolver.followPayload(payloadRef) : undefined,
    headers: [],
  };
}

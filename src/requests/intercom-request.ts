// The request shape every part of recognition yields: an Intercom request made by the code, or a test double of one.
import type { Endpoint } from "../intercom-api/endpoints.js";
import type { Payload, Ref } from "../core/values.js";

/**
 * Which kind of test double a request comes from: a `nock` interceptor, an `msw` handler asserting the body, an
 * axios-mock-adapter handler (`mock-adapter`), a mocked HTTP client asserted with `toHaveBeenCalledWith`
 * (`assertion`), or a stand-in for an SDK method (`spy`).
 */
export type DoubleKind = "nock" | "msw" | "mock-adapter" | "assertion" | "spy";

/** A test double in words, for the request it stands for: `{ kind: "nock", description: "a nock interceptor's …" }`. */
export interface DoubleOrigin {
  kind: DoubleKind;
  description: string;
}

export interface IntercomRequest {
  via: "sdk" | "http";
  /** `intercom-client`, or the HTTP client's name in the client table (`fetch`, `axios` …; `nock`, `msw` for test doubles). */
  client: string;
  /**
   * Set when this is not a request the code makes but a test double of one (see src/requests/doubles/). Its
   * payload is the payload the test expects the code to send. Findings inside one say so in their message.
   */
  double?: DoubleKind;
  /** The double in words, for messages: "a nock interceptor's expected request body". */
  doubleDescription?: string;
  /** The call in the analysed file (a wrapper's call when the request is made through one). */
  call: Ref;
  method: string | undefined;
  /** The request path with `{}` for parts that cannot be known, e.g. `/tickets/{}`. */
  path: string | undefined;
  endpoint: Endpoint | undefined;
  /** The payload expression as written at the request (before following). */
  payloadRef: Ref | undefined;
  payload: Payload | undefined;
  /** Where request headers or SDK request options are given. */
  headers: Ref[];
  /**
   * Set when no client of the table made the request: `arguments` for a call to an unknown function recognised by
   * what it was given (an Intercom URL, a method and a body), `description` for a request declared as data.
   */
  recognisedBy?: "arguments" | "description";
}

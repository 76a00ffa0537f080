// What a test-double library adapter is (one per library, listed in index.ts) and what it is handed.
import type { CallExpression, Node } from "@babel/types";
import type { SourceFile } from "../../core/source.js";
import type { Ref, Resolver } from "../../core/values.js";
import type { IntercomRequest } from "../intercom-request.js";
import type { Expectations } from "./expectations.js";
import type { FakeSdkClients } from "./fake-sdk-clients.js";
import type { HttpQuestions, SdkQuestions } from "./recognition.js";
import type { StandIns } from "./stand-ins.js";

/** A comparison of the pinned API version with a value in a test: `expect(INTERCOM_VERSION).toBe("2.13")`. */
export interface VersionPin {
  /** The value the pin is compared with (a literal, or a name for one). */
  value: Ref;
  /** The other side: the pin, a header read, or something only named like a version. */
  subject: Ref;
  /** False when the subject is only named like a version: the tool cannot tell it is Intercom's. */
  certain: boolean;
  at: Ref;
  /** In words, for messages: "a nock header matcher". */
  description: string;
}

/** A mocked API response: the nodes it is written with, and what gives it in words ("a nock interceptor's reply"). */
export interface MockedResponse {
  nodes: readonly Node[];
  what: string;
}

/** A place in a file that belongs to a test double, with the words a finding there adds to its message. */
export interface DoubleRegion {
  start: number;
  end: number;
  kind: "request" | "pin" | "response";
  note: string;
}

/** What an adapter is handed: value following, request recognition, and the readings of tests every adapter shares. */
export interface DoubleContext {
  readonly resolver: Resolver;
  readonly sdk: SdkQuestions;
  readonly http: HttpQuestions;
  /** `expect(…)` / `assert` assertions and equality comparisons. */
  readonly expectations: Expectations;
  /** What a mock function stands for: an HTTP client function or an SDK method. */
  readonly standIns: StandIns;
  /** Fake SDK clients and mocked client classes. */
  readonly fakeClients: FakeSdkClients;
}

/**
 * One test-double library as request recognition sees it. Every hook is optional; the lists it returns keep
 * source order, and the libraries are asked in the order of the list in index.ts.
 */
export interface TestDoubleLibrary {
  /** The library or practice, for the list and for readers: "nock", "msw", "call assertions". */
  readonly name: string;
  /** A cheap test of the file's text, before `requests`, `replyAt` and `responses`: could a double of it be here? */
  mentionedIn(text: string): boolean;
  /** The requests its doubles expect the code to send (an interceptor's body, an asserted call). */
  requests?(file: SourceFile): IntercomRequest[];
  /**
   * Words one of which a file's text holds where this library may check the pinned version (`matchHeader`):
   * version pins are looked for only in files with an assertion (`expect`, `assert`) or one of these.
   */
  readonly pinWords?: readonly string[];
  /** Its matchers on the pinned version made by one call (`.matchHeader("Intercom-Version", "2.13")`). */
  pinsAt?(file: SourceFile, call: CallExpression): VersionPin[];
  /** Its other checks of the pinned version (an msw handler comparing the header), after those at calls. */
  pins?(file: SourceFile): VersionPin[];
  /** The mocked response one call gives (`.reply(200, body)`): asked call by call, so replies keep source order. */
  replyAt?(file: SourceFile, call: CallExpression): MockedResponse | undefined;
  /** Its other mocked responses (what an msw handler returns, a mock's resolved value), after the replies. */
  responses?(file: SourceFile): MockedResponse[];
}

/** An adapter module's export: makes the library's adapter for one request finder (its caches live that long). */
export type TestDoubleAdapter = (context: DoubleContext) => TestDoubleLibrary;

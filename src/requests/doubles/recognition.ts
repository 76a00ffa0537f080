// What test doubles ask request recognition (SDK clients, HTTP client calls), as interfaces: doubles never import the finder.
import type { SourceFile } from "../../core/source.js";
import type { Resolver } from "../../core/values.js";
import type { HttpCalls } from "../http-calls.js";
import type { IntercomRequest } from "../intercom-request.js";
import type { SdkClients } from "../sdk-clients.js";

/** Is this an SDK client, its class, which SDK method does a callee name? */
export type SdkQuestions = Pick<SdkClients, "methodPath" | "isClient" | "isClientClass">;
/** Is this an HTTP client function, and what request do these arguments make with it? */
export type HttpQuestions = Pick<HttpCalls, "callee" | "member" | "request">;

/** What request recognition hands the doubles: it answers their questions, and finds a file's real requests. */
export interface RequestRecognition {
  resolver: Resolver;
  sdk: SdkQuestions;
  http: HttpQuestions;
  findRequests(file: SourceFile): IntercomRequest[];
}

// The Intercom endpoints, by HTTP method and path template: every operation of the 2.14 API description
// (src/data/openapi-2.14-index.json), and the SDK methods that call them (src/data/intercom-client-index.json).
import { readFileSync } from "node:fs";
import { dataPath, literalSegments, openApiIndex, pathFits, type ExampleContradiction, type SchemaNode } from "./openapi.js";

export interface Endpoint {
  method: string;
  /** Path template as in the 2.14 API description, e.g. `/tickets/{ticket_id}`. */
  path: string;
  /** A short name the rules use (`tickets.update`); the operationId for operations no rule names. */
  operation: string;
  operationId?: string;
  /** The description's tags (generators name API classes for them: `TicketsApi`). */
  tags?: readonly string[];
  /** The JSON request body's schema, when the operation takes one. */
  body?: SchemaNode;
  /** Where the description's own examples disagree with `body` (see src/openapi.ts). */
  examplesContradict?: ExampleContradiction[];
}

/** Short names for the operations the rules ask about, by method and 2.14 path template. */
const OPERATION_NAMES: Record<string, string> = {
  "PUT /tickets/{ticket_id}": "tickets.update",
  "POST /tickets": "tickets.create",
  "GET /tickets/{ticket_id}": "tickets.get",
  "POST /tickets/{ticket_id}/reply": "tickets.reply",
  "POST /messages": "messages.create",
  "PUT /conversations/{conversation_id}": "conversations.update",
  "POST /conversations/{conversation_id}/reply": "conversations.reply",
  "POST /conversations/{conversation_id}/parts": "conversations.manage",
  "GET /admins/activity_logs": "admins.listAllActivityLogs",
  "POST /news/news_items": "news.items.create",
  "PUT /news/news_items/{news_item_id}": "news.items.update",
};

export const NAMED_OPERATIONS: readonly string[] = Object.values(OPERATION_NAMES);

export const ENDPOINTS: readonly Endpoint[] = openApiIndex().operations.map((operation) => {
  const key = `${operation.method} ${operation.path}`;
  return {
    method: operation.method,
    path: operation.path,
    operation: OPERATION_NAMES[key] ?? operation.operationId ?? key,
    ...(operation.operationId ? { operationId: operation.operationId } : {}),
    ...(operation.tags ? { tags: operation.tags } : {}),
    ...(operation.body ? { body: operation.body } : {}),
    ...(operation.examplesContradict ? { examplesContradict: operation.examplesContradict } : {}),
  };
});

/** Where an SDK method puts the JSON body: the request minus its path/query keys, its `body` key, the request itself, none. */
export type SdkBodyPlace = "rest" | "body" | "request" | "none";

/** An `intercom-client` method (`client.<resource>.<method>`): the endpoint it calls and how it lays out its request. */
export interface SdkMethod {
  endpoint: Endpoint | undefined;
  /** Request keys sent in the path or the query string. */
  params: string[];
  /** Where the body is; several places when the SDK majors disagree (the request's own keys decide). */
  body: SdkBodyPlace[];
}

interface SdkIndex {
  versions: Record<string, Record<string, { method: string; path: string; params: string[]; body: SdkBodyPlace }>>;
}

export const SDK_INDEX_FILE = "intercom-client-index.json";
let sdkMethods: Map<string, SdkMethod> | undefined;

/** The SDK's methods, read from src/data/intercom-client-index.json (derived from the SDK packages by a script). */
function sdkTable(): Map<string, SdkMethod> {
  if (sdkMethods) return sdkMethods;
  const index = JSON.parse(readFileSync(dataPath(SDK_INDEX_FILE), "utf8")) as SdkIndex;
  sdkMethods = new Map();
  // The newest major first: its layout wins; an older major's different layout is kept as a second place.
  for (const version of Object.keys(index.versions).sort((a, b) => Number(b) - Number(a))) {
    for (const [methodPath, call] of Object.entries(index.versions[version])) {
      const known = sdkMethods.get(methodPath);
      if (known) {
        if (!known.body.includes(call.body)) known.body.push(call.body);
        continue;
      }
      sdkMethods.set(methodPath, { endpoint: matchEndpoint(call.method, call.path), params: call.params, body: [call.body] });
    }
  }
  return sdkMethods;
}

export function sdkMethod(methodPath: string): SdkMethod | undefined {
  return sdkTable().get(methodPath);
}

/** The endpoint whose operationId this is (`updateTicket`), as generated clients name their methods. */
export function endpointForOperationId(operationId: string): Endpoint | undefined {
  return BY_OPERATION_ID.get(operationId);
}

const BY_OPERATION_ID = new Map(ENDPOINTS.flatMap((endpoint) => (endpoint.operationId ? [[endpoint.operationId, endpoint] as const] : [])));

export function endpointForSdkMethod(methodPath: string): Endpoint | undefined {
  return sdkMethod(methodPath)?.endpoint;
}

/**
 * Match a concrete request path (`/tickets/{}` or `/tickets/123`) to an endpoint template. Where several
 * templates fit (`/contacts/search` and `/contacts/{contact_id}`), the one with more literal segments wins.
 */
export function matchEndpoint(method: string | undefined, path: string): Endpoint | undefined {
  // A request whose method is unknown is not claimed for any endpoint: guessing would mean false alarms.
  if (method === undefined) return undefined;
  let best: Endpoint | undefined;
  for (const endpoint of ENDPOINTS) {
    if (endpoint.method !== method || !pathFits(path, endpoint.path, true)) continue;
    if (!best || literalSegments(endpoint.path) > literalSegments(best.path)) best = endpoint;
  }
  return best;
}

/**
 * The one operation at this path that takes a request body (POST, PUT or PATCH), when only one does: for a test's
 * assertion that names the body it expects but not the method.
 */
export function matchBodyEndpoint(path: string): Endpoint | undefined {
  const fitting = ["POST", "PUT", "PATCH"].map((method) => matchEndpoint(method, path)).filter((endpoint): endpoint is Endpoint => endpoint !== undefined);
  return fitting.length === 1 ? fitting[0] : undefined;
}

// The Intercom endpoints, by HTTP method and path template: every operation of the 2.14 API description
// (src/data/openapi-2.14-index.json), and the SDK methods that call them.
import { literalSegments, openApiIndex, pathFits, type ExampleContradiction, type SchemaNode } from "./openapi.js";

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

/** SDK method paths (`client.<resource>.<method>`) and the endpoint each calls. */
const SDK_OPERATIONS: Record<string, string> = {
  "tickets.update": "tickets.update",
  "tickets.create": "tickets.create",
  "tickets.get": "tickets.get",
  "tickets.reply": "tickets.reply",
  "messages.create": "messages.create",
  "conversations.update": "conversations.update",
  "conversations.reply": "conversations.reply",
  "conversations.manage": "conversations.manage",
  "admins.listAllActivityLogs": "admins.listAllActivityLogs",
  "news.items.create": "news.items.create",
  "news.items.update": "news.items.update",
};

/** The endpoint whose operationId this is (`updateTicket`), as generated clients name their methods. */
export function endpointForOperationId(operationId: string): Endpoint | undefined {
  return BY_OPERATION_ID.get(operationId);
}

const BY_OPERATION_ID = new Map(ENDPOINTS.flatMap((endpoint) => (endpoint.operationId ? [[endpoint.operationId, endpoint] as const] : [])));

export function endpointForSdkMethod(methodPath: string): Endpoint | undefined {
  const operation = SDK_OPERATIONS[methodPath];
  return operation ? ENDPOINTS.find((endpoint) => endpoint.operation === operation) : undefined;
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

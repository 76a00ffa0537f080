// The Intercom endpoints the rules ask about, by HTTP method and path template, and the SDK methods that call them.

export interface Endpoint {
  method: string;
  /** Path template with `{name}` for parameters, as in the API description. */
  path: string;
  /** A short name the rules use. */
  operation: string;
}

export const ENDPOINTS: readonly Endpoint[] = [
  { method: "PUT", path: "/tickets/{id}", operation: "tickets.update" },
  { method: "POST", path: "/tickets", operation: "tickets.create" },
  { method: "GET", path: "/tickets/{id}", operation: "tickets.get" },
  { method: "POST", path: "/tickets/{id}/reply", operation: "tickets.reply" },
  { method: "POST", path: "/messages", operation: "messages.create" },
  { method: "PUT", path: "/conversations/{id}", operation: "conversations.update" },
  { method: "POST", path: "/conversations/{id}/reply", operation: "conversations.reply" },
  { method: "POST", path: "/conversations/{id}/parts", operation: "conversations.manage" },
  { method: "GET", path: "/admins/activity_logs", operation: "admins.listAllActivityLogs" },
  { method: "POST", path: "/news/news_items", operation: "news.items.create" },
  { method: "PUT", path: "/news/news_items/{id}", operation: "news.items.update" },
];

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

export function endpointForSdkMethod(methodPath: string): Endpoint | undefined {
  const operation = SDK_OPERATIONS[methodPath];
  return operation ? ENDPOINTS.find((endpoint) => endpoint.operation === operation) : undefined;
}

/** Match a concrete request path (`/tickets/{}` or `/tickets/123`) to an endpoint template. */
export function matchEndpoint(method: string | undefined, path: string): Endpoint | undefined {
  // A request whose method is unknown is not claimed for any endpoint: guessing would mean false alarms.
  if (method === undefined) return undefined;
  const segments = path.split("/").filter(Boolean);
  return ENDPOINTS.find((endpoint) => {
    if (endpoint.method !== method) return false;
    const template = endpoint.path.split("/").filter(Boolean);
    if (template.length !== segments.length) return false;
    return template.every((part, index) => (part.startsWith("{") ? segments[index] !== "" : part === segments[index]));
  });
}

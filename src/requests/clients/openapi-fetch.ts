// Typed clients over an OpenAPI description, called by path template: openapi-fetch's createClient({ baseUrl }) then
// client.PUT("/tickets/{ticket_id}", { params: { path }, body }); @hey-api's createClient({ baseUrl }) then
// client.put({ url: "/tickets/{ticket_id}", path, body }) (its generated functions spread their options into it).
import type { HttpClient } from "../http-client.js";

export const openapiFetch: HttpClient = {
  name: "openapi-fetch",
  functions: {},
  factories: { "openapi-fetch": ["", "default"] },
  methodShortcuts: ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH"],
  baseUrlOption: "baseUrl",
  call: { url: 0, options: 1, headersOption: "headers", body: { options: ["body"] } },
};

export const heyApiClient: HttpClient = {
  name: "@hey-api/client-fetch",
  functions: {},
  factories: {
    "@hey-api/client-fetch": ["createClient"],
    "@hey-api/client-axios": ["createClient"],
    "@hey-api/client-next": ["createClient"],
  },
  methodShortcuts: ["get", "put", "post", "delete", "options", "head", "patch"],
  baseUrlOption: "baseUrl",
  call: { url: 0, optionsFirst: { url: "url" }, methodOption: "method", headersOption: "headers", body: { options: ["body"] } },
};

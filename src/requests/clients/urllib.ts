// urllib: urllib.request(url, { method, data, contentType: "json" }), urllib.curl(…), new HttpClient().request(url, options).
import type { HttpClient } from "../http-client.js";

export const urllib: HttpClient = {
  name: "urllib",
  functions: { urllib: ["request", "curl", "default.request", "default.curl"] },
  classes: { urllib: ["HttpClient", "HttpClient2"] },
  requestShortcuts: ["curl"],
  call: { url: 0, options: 1, methodOption: ["method", "type"], headersOption: "headers", body: { options: ["data", "content"] } },
};

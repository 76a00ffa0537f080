// http-call (the CLI toolbelt's client): HTTP.put(url, { body }), HTTP.request(url, { method, body }), HTTP.create({ host }).
import { HTTP_METHODS, type HttpClient } from "../http-client.js";

export const httpCall: HttpClient = {
  name: "http-call",
  functions: { "http-call": ["HTTP", "default"] },
  methodShortcuts: HTTP_METHODS,
  requestShortcuts: ["request"],
  call: { url: 0, options: 1, methodOption: "method", headersOption: "headers", body: { options: ["body"] } },
};

// micro-api-client: new API(baseUrl).request(path, { method, body }).
import type { HttpClient } from "../http-client.js";

export const microApiClient: HttpClient = {
  name: "micro-api-client",
  functions: {},
  classes: { "micro-api-client": ["", "default"] },
  classBaseUrlArgument: 0,
  call: { url: 0, options: 1, methodOption: "method", headersOption: "headers", body: { options: ["body"] } },
};

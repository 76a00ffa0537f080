// @hapi/wreck: Wreck.request(method, uri, { payload }), Wreck.put(uri, { payload }), Wreck.defaults({ baseUrl }).
import { HTTP_METHODS, type HttpClient } from "../http-client.js";

export const wreck: HttpClient = {
  name: "@hapi/wreck",
  functions: { "@hapi/wreck": ["", "default"], wreck: [""] },
  methodShortcuts: HTTP_METHODS,
  requestShortcuts: ["request"],
  instanceFactories: ["defaults"],
  baseUrlOption: "baseUrl",
  call: { url: 0, options: 1, methodArgument: true, headersOption: "headers", body: { options: ["payload"] } },
};

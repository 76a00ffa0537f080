// request and its forks and promise wrappers: request(url, options, cb), request({ uri, method, json }), request.put(url, { json }),
// request.defaults({ baseUrl }); an object in `json` is sent as JSON.
import { HTTP_METHODS, type HttpClient } from "../http-client.js";

export const request: HttpClient = {
  name: "request",
  functions: {
    request: [""],
    "request-promise": [""],
    "request-promise-native": [""],
    "postman-request": [""],
    "@cypress/request": [""],
    "@cypress/request-promise": [""],
  },
  methodShortcuts: HTTP_METHODS,
  methodAliases: { del: "DELETE" },
  instanceFactories: ["defaults"],
  baseUrlOption: "baseUrl",
  call: { url: 0, options: 1, optionsFirst: { url: ["uri", "url"] }, methodOption: "method", headersOption: "headers", body: { options: ["json", "body"] } },
};

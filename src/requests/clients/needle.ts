// needle: needle("put", url, data, options), needle.put(url, data, options), needle.request(method, url, data, options, cb).
import { HTTP_METHODS, type HttpClient } from "../http-client.js";

export const needle: HttpClient = {
  name: "needle",
  functions: { needle: ["", "default"] },
  methodShortcuts: HTTP_METHODS,
  requestShortcuts: ["request"],
  call: {
    url: 0,
    options: 1,
    methodArgument: true,
    headersOption: "headers",
    body: { options: [], argument: { methods: ["post", "put", "patch", "delete"], index: 1, options: 2, withMethodArgument: true } },
  },
};

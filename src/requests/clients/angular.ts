// Angular's HttpClient (injected, or `inject(HttpClient)`): http.put(url, body, options), http.post(…), http.patch(…),
// http.request(method, url, { body }).
import { HTTP_METHODS, type HttpClient } from "../http-client.js";

export const angularHttpClient: HttpClient = {
  name: "@angular/common/http",
  functions: {},
  classes: { "@angular/common/http": ["HttpClient"] },
  methodShortcuts: HTTP_METHODS,
  call: {
    url: 0,
    options: 1,
    methodArgument: true,
    headersOption: "headers",
    body: { options: ["body"], argument: { methods: ["post", "put", "patch"], index: 1, options: 2 } },
  },
};

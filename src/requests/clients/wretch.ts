// wretch: a request built along a chain and sent by a method-named call: wretch(base).url(path).headers(h).put(body),
// wretch(url).json(body).post(); instances are chains kept in a variable (`const api = wretch(base).auth(token)`).
import type { HttpClient } from "../http-client.js";

export const wretch: HttpClient = {
  name: "wretch",
  functions: { wretch: ["", "default"] },
  call: { url: 0, body: { options: [] } },
  chain: {
    url: ["url"],
    body: ["json", "body", "formData", "formUrl"],
    keep: [
      "headers",
      "auth",
      "accept",
      "content",
      "options",
      "query",
      "addon",
      "catcher",
      "catcherFallback",
      "errorType",
      "resolve",
      "defer",
      "middlewares",
      "signal",
      "polyfills",
      "customError",
      "fetchPolyfill",
    ],
    sendMethods: ["get", "post", "put", "patch", "delete", "head", "opts"],
  },
};

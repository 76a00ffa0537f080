// got: got(url, options), got(options), got.put(url, options), got.extend({ prefixUrl }); the body in `json` or `body`.
import { HTTP_METHODS, type HttpClient } from "../http-client.js";

export const got: HttpClient = {
  name: "got",
  functions: { got: ["", "default"], "got-cjs": ["got", "default"] },
  methodShortcuts: HTTP_METHODS,
  instanceFactories: ["extend"],
  instanceTypes: { got: ["Got"] },
  baseUrlOption: "prefixUrl",
  call: {
    url: 0,
    options: 1,
    optionsFirst: { url: "url" },
    methodOption: "method",
    headersOption: "headers",
    body: { options: ["json", "body"] },
  },
};

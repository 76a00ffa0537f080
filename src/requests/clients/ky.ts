// ky: ky(url, options), ky.put(url, options), ky.create/extend({ prefixUrl }); the body in `json` or `body`.
import { HTTP_METHODS, type HttpClient } from "../http-client.js";

export const ky: HttpClient = {
  name: "ky",
  functions: { ky: ["", "default"], "ky-universal": ["", "default"] },
  methodShortcuts: HTTP_METHODS,
  instanceFactories: ["create", "extend"],
  instanceTypes: { ky: ["KyInstance"] },
  baseUrlOption: "prefixUrl",
  call: { url: 0, options: 1, methodOption: "method", headersOption: "headers", body: { options: ["json", "body"] } },
};

// fetch, the global and its look-alikes (node-fetch, cross-fetch, isomorphic-fetch, undici's fetch): fetch(url, init).
import type { HttpClient } from "../http-client.js";

export const fetch: HttpClient = {
  name: "fetch",
  functions: {
    "<global>": ["fetch", "globalThis.fetch", "window.fetch", "global.fetch", "self.fetch"],
    "node-fetch": ["", "default"],
    "cross-fetch": [""],
    "isomorphic-fetch": [""],
    undici: ["fetch"],
  },
  call: { url: 0, options: 1, methodOption: "method", headersOption: "headers", body: { options: ["body"] } },
};

// fetch, the global and its look-alikes (node-fetch, cross-fetch, undici's fetch, polyfills and ponyfills): fetch(url, init).
import type { HttpClient } from "../http-client.js";

export const fetch: HttpClient = {
  name: "fetch",
  functions: {
    "<global>": ["fetch", "globalThis.fetch", "window.fetch", "global.fetch", "self.fetch"],
    "node-fetch": ["", "default"],
    "node-fetch-commonjs": ["", "default"],
    "@pnpm/node-fetch": ["", "default"],
    "node-fetch-native": ["", "default", "fetch"],
    "node-fetch-h2": ["", "default"],
    "@supabase/node-fetch": ["", "default"],
    "sync-fetch": ["", "default"],
    "@ardatan/sync-fetch": ["fetch", "default"],
    "cross-fetch": ["", "default", "fetch"],
    "isomorphic-fetch": [""],
    "whatwg-fetch": ["fetch"],
    "minipass-fetch": ["", "default"],
    unfetch: ["", "default"],
    "@whatwg-node/fetch": ["fetch"],
    "@whatwg-node/node-fetch": ["fetch"],
    popsicle: ["fetch"],
    undici: ["fetch"],
  },
  call: { url: 0, options: 1, methodOption: "method", headersOption: "headers", body: { options: ["body"] } },
};

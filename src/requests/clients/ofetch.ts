// ofetch (and Nuxt's global $fetch): ofetch(url, { method, body, headers, baseURL }), ofetch.raw(…), ofetch.create({ baseURL }).
import type { HttpClient } from "../http-client.js";

export const ofetch: HttpClient = {
  name: "ofetch",
  functions: {
    ofetch: ["ofetch", "$fetch"],
    // Nuxt auto-imports `$fetch` (an ofetch instance) as a global.
    "<global>": ["$fetch"],
  },
  // `ofetch.raw` answers with the whole response; it sends the same request.
  requestShortcuts: ["raw"],
  instanceFactories: ["create"],
  instanceTypes: { ofetch: ["$Fetch"] },
  baseUrlOption: "baseURL",
  // An object body is sent as JSON.
  call: { url: 0, options: 1, methodOption: "method", headersOption: "headers", body: { options: ["body"] } },
};

// @better-fetch/fetch: betterFetch(url, { method, body, baseURL }), createFetch({ baseURL }) for an instance.
import type { HttpClient } from "../http-client.js";

export const betterFetch: HttpClient = {
  name: "@better-fetch/fetch",
  functions: { "@better-fetch/fetch": ["betterFetch"] },
  factories: { "@better-fetch/fetch": ["createFetch"] },
  baseUrlOption: "baseURL",
  call: { url: 0, options: 1, methodOption: "method", headersOption: "headers", body: { options: ["body"] } },
};

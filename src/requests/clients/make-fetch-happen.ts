// make-fetch-happen: fetch(url, init) with caching and retries, and fetch.defaults({ headers }) for a configured fetch.
import type { HttpClient } from "../http-client.js";

export const makeFetchHappen: HttpClient = {
  name: "make-fetch-happen",
  functions: { "make-fetch-happen": ["", "default"] },
  instanceFactories: ["defaults"],
  call: { url: 0, options: 1, methodOption: "method", headersOption: "headers", body: { options: ["body"] } },
};

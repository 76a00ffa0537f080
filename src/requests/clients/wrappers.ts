// Wrappers that take an HTTP client and give back one called the same way (retry, caching, cookies, rate limits):
// the argument each wraps. Wrappers that change an instance in place (`axiosRetry(api)`) keep it an instance anyway.
import type { ClientWrappers } from "../http-client.js";

export const CLIENT_WRAPPERS: ClientWrappers = {
  // fetchRetry(fetch, defaults) → a fetch.
  "fetch-retry": { "": 0 },
  "@vercel/fetch-retry": { "": 0 },
  "@vercel/fetch": { "": 0 },
  "fetch-cookie": { "": 0 },
  // setupCache(axios.create(…)) → the same instance, cached.
  "axios-cache-interceptor": { setupCache: 0 },
  // rateLimit(axios.create(…), { maxRequests }) → the same instance.
  "axios-rate-limit": { "": 0 },
};

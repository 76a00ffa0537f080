// Nuxt's data composables, auto-imported: useFetch(url, { method, body, baseURL }) and useLazyFetch, laid out as ofetch.
import type { HttpClient } from "../http-client.js";

export const nuxtUseFetch: HttpClient = {
  name: "nuxt useFetch",
  functions: {
    "<global>": ["useFetch", "useLazyFetch"],
    "#app": ["useFetch", "useLazyFetch"],
    "#imports": ["useFetch", "useLazyFetch"],
    "nuxt/app": ["useFetch", "useLazyFetch"],
  },
  baseUrlOption: "baseURL",
  call: { url: 0, options: 1, methodOption: "method", headersOption: "headers", body: { options: ["body"] } },
};

// undici's request(url, options) (its fetch is in fetch.ts).
import type { HttpClient } from "../http-client.js";

export const undici: HttpClient = {
  name: "undici",
  functions: { undici: ["request"] },
  call: { url: 0, options: 1, methodOption: "method", headersOption: "headers", body: { options: ["body"] } },
};

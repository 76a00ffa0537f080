// undici's request(url, options) (its fetch is in fetch.ts).
import type { HttpClient } from "../http-client.js";

export const undici: HttpClient = {
  name: "undici",
  functions: { undici: ["request"] },
  // The first release read `prefixUrl` from every client's options; kept while the layout moves into the table.
  baseUrlOption: "prefixUrl",
  call: { url: 0, options: 1, methodOption: "method", headersOption: "headers", body: { options: ["body"] } },
};

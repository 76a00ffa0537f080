// phin: phin({ url, method, data, headers }); an object in `data` is sent as JSON.
import type { HttpClient } from "../http-client.js";

export const phin: HttpClient = {
  name: "phin",
  functions: { phin: ["", "default", "unpromisified"] },
  call: { url: 0, optionsFirst: { url: "url" }, methodOption: "method", headersOption: "headers", body: { options: ["data"] } },
};

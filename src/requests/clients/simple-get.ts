// simple-get: get({ url, method, body, json: true }, cb), get.post(opts, cb), get.concat(opts, cb).
import type { HttpClient } from "../http-client.js";

export const simpleGet: HttpClient = {
  name: "simple-get",
  functions: { "simple-get": [""] },
  methodShortcuts: ["post", "put", "patch", "head", "delete"],
  requestShortcuts: ["concat"],
  call: { url: 0, optionsFirst: { url: "url" }, methodOption: "method", headersOption: "headers", body: { options: ["body"] } },
};

// Small XMLHttpRequest wrappers: xhr({ uri, method, json, body }, cb), xhr-request(url, { method, body, json }, cb), and
// VS Code's request-light xhr({ url, type, data }).
import type { HttpClient } from "../http-client.js";

export const xhr: HttpClient = {
  name: "xhr",
  functions: { xhr: ["", "default"], "xhr-request": ["", "default"], "request-light": ["xhr"] },
  methodShortcuts: ["get", "put", "post", "patch", "head", "del"],
  methodAliases: { del: "DELETE" },
  call: {
    url: 0,
    options: 1,
    optionsFirst: { url: ["uri", "url"] },
    methodOption: ["method", "type"],
    headersOption: "headers",
    body: { options: ["body", "json", "data"] },
  },
};

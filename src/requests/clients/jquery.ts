// jQuery's ajax: $.ajax({ url, method | type, data }), $.ajax(url, settings), $.post(url, data); `$(selector)` names no URL.
import type { HttpClient } from "../http-client.js";

export const jquery: HttpClient = {
  name: "jquery",
  functions: { jquery: ["", "default"], "<global>": ["$", "jQuery"] },
  requestShortcuts: ["ajax"],
  methodShortcuts: ["get", "post"],
  call: {
    url: 0,
    options: 1,
    optionsFirst: { url: "url" },
    methodOption: ["method", "type"],
    headersOption: "headers",
    body: { options: ["data"], argument: { methods: ["post"], index: 1, options: 4 } },
  },
};

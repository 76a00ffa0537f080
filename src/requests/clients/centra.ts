// centra: centra(url, method).path(p).header(h).body(b, "json").send(); the method also by .method("PUT").
import type { HttpClient } from "../http-client.js";

export const centra: HttpClient = {
  name: "centra",
  functions: { centra: ["", "default"] },
  call: { url: 0, methodPosition: 1, body: { options: [] } },
  chain: {
    url: ["path"],
    method: ["method"],
    body: ["body"],
    keep: ["header", "query", "timeout", "option", "stream", "compress"],
    send: ["send"],
  },
};

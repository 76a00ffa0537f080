// bent: bent(baseUrl, "PUT", "json", 200) makes a request function called (path, body, headers).
import type { HttpClient } from "../http-client.js";

export const bent: HttpClient = {
  name: "bent",
  functions: { bent: ["", "default"] },
  curried: { url: 0, body: { options: [], argument: { methods: ["post", "put", "patch", "delete"], index: 1, options: 2 } } },
  // `bent(…)` itself only makes the function: it sends nothing (no argument is the URL).
  call: { url: -1, body: { options: [] } },
};

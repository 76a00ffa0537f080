// @zodios/core: new Zodios(baseUrl, endpoints); api.put(path, body, { params }), api.post(path, body), api.get(path, config).
import type { HttpClient } from "../http-client.js";

export const zodios: HttpClient = {
  name: "@zodios/core",
  functions: {},
  classes: { "@zodios/core": ["Zodios"] },
  classBaseUrlArgument: 0,
  methodShortcuts: ["get", "post", "put", "patch", "delete"],
  call: { url: 0, options: 1, body: { options: [], argument: { methods: ["post", "put", "patch"], index: 1, options: 2 } } },
};

// GitHub Actions' @actions/http-client: new HttpClient(agent) with putJson/postJson/patchJson(url, object) and
// put/post/patch(url, data string).
import type { HttpClient } from "../http-client.js";

export const actionsHttpClient: HttpClient = {
  name: "@actions/http-client",
  functions: {},
  classes: { "@actions/http-client": ["HttpClient"] },
  methodShortcuts: ["get", "put", "post", "patch", "del", "head", "options"],
  methodAliases: { getJson: "GET", putJson: "PUT", postJson: "POST", patchJson: "PATCH", del: "DELETE" },
  call: { url: 0, body: { options: [], argument: { methods: ["post", "put", "patch"], index: 1, options: 2 } } },
};

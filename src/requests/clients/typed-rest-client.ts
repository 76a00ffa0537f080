// typed-rest-client: new RestClient(userAgent, baseUrl) with create (POST), update (PATCH), replace (PUT), del and get
// of a resource path, the object as the second argument; its HttpClient sends strings with put/post/patch(url, data).
import type { HttpClient } from "../http-client.js";

export const typedRestClient: HttpClient = {
  name: "typed-rest-client",
  functions: {},
  classes: { "typed-rest-client/RestClient": ["RestClient"], "typed-rest-client": ["RestClient", "RestClient.RestClient"] },
  classBaseUrlArgument: 1,
  methodAliases: { create: "POST", update: "PATCH", replace: "PUT", del: "DELETE", get: "GET", options: "OPTIONS" },
  call: { url: 0, body: { options: [], argument: { methods: ["post", "patch", "put"], index: 1, options: 2 } } },
};

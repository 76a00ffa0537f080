// axios: axios(url, config), axios(config), axios.put(url, data, config), axios.request(config), axios.create({ baseURL }).
import { HTTP_METHODS, type HttpClient } from "../http-client.js";

export const axios: HttpClient = {
  name: "axios",
  functions: { axios: ["", "default"] },
  methodShortcuts: HTTP_METHODS,
  requestShortcuts: ["request"],
  instanceFactories: ["create"],
  baseUrlOption: "baseURL",
  call: {
    url: 0,
    options: 1,
    optionsFirst: { url: "url", unlessMethodNamed: true },
    methodOption: "method",
    headersOption: "headers",
    body: { options: ["data"], argument: { methods: ["post", "put", "patch"], index: 1, options: 2 } },
  },
};

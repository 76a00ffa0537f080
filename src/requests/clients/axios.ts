// axios and its look-alikes over fetch (feaxios, redaxios): axios(url, config), axios(config), axios.put(url, data, config),
// axios.request(config), axios.create({ baseURL }); @nestjs/axios's HttpService (injected, or its axiosRef) is called the same way.
import { HTTP_METHODS, type CallLayout, type HttpClient } from "../http-client.js";

const AXIOS_CALL: CallLayout = {
  url: 0,
  options: 1,
  optionsFirst: { url: "url", unlessMethodNamed: true },
  methodOption: "method",
  headersOption: "headers",
  body: { options: ["data"], argument: { methods: ["post", "put", "patch"], index: 1, options: 2 } },
};

export const axios: HttpClient = {
  name: "axios",
  functions: { axios: ["", "default"], feaxios: ["", "default"], redaxios: ["", "default"] },
  methodShortcuts: HTTP_METHODS,
  requestShortcuts: ["request"],
  instanceFactories: ["create"],
  instanceTypes: { axios: ["AxiosInstance", "AxiosStatic"] },
  baseUrlOption: "baseURL",
  call: AXIOS_CALL,
};

/** NestJS's HttpModule: an injected `HttpService` has axios's methods (answering with Observables) and `axiosRef`. */
export const nestAxios: HttpClient = {
  name: "@nestjs/axios",
  functions: {},
  classes: { "@nestjs/axios": ["HttpService"] },
  instanceMembers: ["axiosRef"],
  methodShortcuts: HTTP_METHODS,
  baseUrlOption: "baseURL",
  call: AXIOS_CALL,
};

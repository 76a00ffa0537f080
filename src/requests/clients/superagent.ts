// superagent: superagent.put(url).send(body), superagent("PUT", url).send(body).
import { HTTP_METHODS, type HttpClient } from "../http-client.js";

export const superagent: HttpClient = {
  name: "superagent",
  functions: { superagent: ["", "default"] },
  methodShortcuts: HTTP_METHODS,
  call: { url: 0, methodArgument: true, body: { chainedCall: "send" } },
};

// The HTTP client table: every client request recognition knows, one description each (see CONTRIBUTING.md and
// docs/http-clients.md for the ranking by downloads that decides which are in it).
import type { HttpClient } from "../http-client.js";
import { actionsHttpClient } from "./actions-http-client.js";
import { angularHttpClient } from "./angular.js";
import { axios, nestAxios } from "./axios.js";
import { bent } from "./bent.js";
import { betterFetch } from "./better-fetch.js";
import { centra } from "./centra.js";
import { fetch } from "./fetch.js";
import { got } from "./got.js";
import { httpCall } from "./http-call.js";
import { jquery } from "./jquery.js";
import { ky } from "./ky.js";
import { makeFetchHappen } from "./make-fetch-happen.js";
import { microApiClient } from "./micro-api-client.js";
import { needle } from "./needle.js";
import { nuxtUseFetch } from "./nuxt.js";
import { ofetch } from "./ofetch.js";
import { heyApiClient, openapiFetch } from "./openapi-fetch.js";
import { phin } from "./phin.js";
import { request } from "./request.js";
import { simpleGet } from "./simple-get.js";
import { superagent } from "./superagent.js";
import { typedRestClient } from "./typed-rest-client.js";
import { undici } from "./undici.js";
import { urllib } from "./urllib.js";
import { wreck } from "./wreck.js";
import { wretch } from "./wretch.js";
import { xhr } from "./xhr.js";
import { zodios } from "./zodios.js";

/** In order of precedence: where two clients claim the same export, the first wins. */
export const HTTP_CLIENTS: readonly HttpClient[] = [
  fetch,
  undici,
  axios,
  nestAxios,
  got,
  ky,
  superagent,
  ofetch,
  nuxtUseFetch,
  makeFetchHappen,
  request,
  needle,
  simpleGet,
  phin,
  xhr,
  typedRestClient,
  betterFetch,
  wreck,
  httpCall,
  centra,
  bent,
  urllib,
  zodios,
  wretch,
  angularHttpClient,
  actionsHttpClient,
  microApiClient,
  jquery,
  openapiFetch,
  heyApiClient,
];

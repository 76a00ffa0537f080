// The HTTP client table: every client request recognition knows, one description each (see CONTRIBUTING.md).
import type { HttpClient } from "../http-client.js";
import { axios } from "./axios.js";
import { fetch } from "./fetch.js";
import { got } from "./got.js";
import { ky } from "./ky.js";
import { ofetch } from "./ofetch.js";
import { superagent } from "./superagent.js";
import { undici } from "./undici.js";

/** In order of precedence: where two clients claim the same export, the first wins. */
export const HTTP_CLIENTS: readonly HttpClient[] = [fetch, undici, axios, got, ky, superagent, ofetch];

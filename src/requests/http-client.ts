// How one HTTP client is described: where its functions come from and how a call lays out a request (see clients/).

/** The methods that method-named shortcuts are named for: `axios.put`, `got.post`, `ky.patch`. */
export const HTTP_METHODS = ["get", "post", "put", "patch", "delete", "head", "options"] as const;

/**
 * Exports of modules, by module name: each entry a member path below what `require(module)` (or a default import)
 * gives, dotted; `""` is that value itself and `"default"` its `.default`. The module `<global>` holds globals
 * (`"fetch"`, `"window.fetch"`).
 */
export type Exports = Readonly<Record<string, readonly string[]>>;

/** Where a call of the client puts the parts of a request. Argument positions count from 0. */
export interface CallLayout {
  /** The argument that holds the URL. */
  readonly url: number;
  /** The argument that holds the options (method, headers, body, base URL); none when the client takes no options. */
  readonly options?: number;
  /**
   * A call may pass one options object first that also holds the URL (`axios({ url, method, data })`,
   * `got({ url, json })`): the option that names the URL then. `unlessMethodNamed`: only when the function is not
   * a method-named shortcut (`axios.put(url, …)` always starts with the URL).
   */
  readonly optionsFirst?: { readonly url: string; readonly unlessMethodNamed?: boolean };
  /** When the function is not named for a method, the first argument names it and the URL moves up one: `superagent("PUT", url)`. */
  readonly methodArgument?: boolean;
  /** The option that holds the method when no shortcut names it: `{ method: "PUT" }` (else GET). */
  readonly methodOption?: string;
  /** The option that holds the request headers. */
  readonly headersOption?: string;
  readonly body: BodyPlace;
}

/** Where the request body is. */
export type BodyPlace =
  | {
      /** Options that hold the body, the first present wins: `["json", "body"]`. */
      readonly options: readonly string[];
      /** Shortcuts for these methods take the body as an argument, and the options move: `axios.put(url, data, config)`. */
      readonly argument?: { readonly methods: readonly string[]; readonly index: number; readonly options: number };
    }
  | {
      /** The body is sent along a chain after the call: `superagent.put(url).send(body)`. A mock assertion has no chain. */
      readonly chainedCall: string;
    };

export interface HttpClient {
  /** The name a request made with it carries (`IntercomRequest.client`). */
  readonly name: string;
  /** The request functions themselves: `fetch`, `axios`, `require("node-fetch").default`. */
  readonly functions: Exports;
  /** Members of a function (and of an instance) named for an HTTP method: `axios.put(…)` (see HTTP_METHODS). */
  readonly methodShortcuts?: readonly string[];
  /** Members of a function that take the method from the options like the function itself: `axios.request(config)`. */
  readonly requestShortcuts?: readonly string[];
  /**
   * Members of a function that make a configured instance from their first argument: `axios.create({ baseURL })`.
   * An instance is called like the function, and has the method shortcuts, the request shortcuts and `request`.
   */
  readonly instanceFactories?: readonly string[];
  /** The option that gives a base URL for relative URLs, in an instance's options or a call's: `baseURL`, `prefixUrl`. */
  readonly baseUrlOption?: string;
  readonly call: CallLayout;
}

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
   * `got({ url, json })`): the option (or options, the first present wins: `["url", "uri"]`) that names the URL
   * then. `unlessMethodNamed`: only when the function is not a method-named shortcut (`axios.put(url, …)` always
   * starts with the URL).
   */
  readonly optionsFirst?: { readonly url: string | readonly string[]; readonly unlessMethodNamed?: boolean };
  /**
   * When the function is not named for a method, the first argument names it and every other argument moves up one:
   * `superagent("PUT", url)`, `needle("put", url, data, options)`.
   */
  readonly methodArgument?: boolean;
  /** The argument that names the method, after the URL: `centra(url, "PUT")`. */
  readonly methodPosition?: number;
  /** The option (or options, the first present wins) that holds the method when no shortcut names it: `{ method: "PUT" }` (else GET). */
  readonly methodOption?: string | readonly string[];
  /** The option that holds the request headers. */
  readonly headersOption?: string;
  readonly body: BodyPlace;
}

/** Where the request body is. */
export type BodyPlace =
  | {
      /** Options that hold the body, the first present wins: `["json", "body"]`. */
      readonly options: readonly string[];
      /**
       * Shortcuts for these methods take the body as an argument, and the options move: `axios.put(url, data, config)`.
       * `withMethodArgument`: so do calls whose first argument names the method (`needle("put", url, data)`).
       */
      readonly argument?: { readonly methods: readonly string[]; readonly index: number; readonly options: number; readonly withMethodArgument?: boolean };
    }
  | {
      /** The body is sent along a chain after the call: `superagent.put(url).send(body)`. A mock assertion has no chain. */
      readonly chainedCall: string;
    };

/**
 * A request built along a chain of calls from the client function (`wretch(base).url(path).headers(h).put(body)`,
 * `centra(url).path(p).method("PUT").body(b).send()`) and sent by its last call.
 */
export interface ChainLayout {
  /** Members that add a path to the URL: wretch's `.url(path)`, centra's `.path(path)`. */
  readonly url?: readonly string[];
  /** Members whose first argument names the method: centra's `.method("PUT")`. */
  readonly method?: readonly string[];
  /** Members whose first argument is the body: wretch's `.json(body)` and `.body(b)`. */
  readonly body?: readonly string[];
  /** Members that give the same request back: `.headers(h)`, `.auth(token)`, `.query(q)`. */
  readonly keep: readonly string[];
  /** Members named for a method that send the request, the body as their first argument when they take one: wretch's `.put(body)`. */
  readonly sendMethods?: readonly string[];
  /** Members that send it as it was built: centra's `.send()`. */
  readonly send?: readonly string[];
}

export interface HttpClient {
  /** The name a request made with it carries (`IntercomRequest.client`). */
  readonly name: string;
  /** The request functions themselves: `fetch`, `axios`, `require("node-fetch").default`. */
  readonly functions: Exports;
  /** Members of a function (and of an instance) named for an HTTP method: `axios.put(…)` (see HTTP_METHODS), `client.PUT(…)`. */
  readonly methodShortcuts?: readonly string[];
  /** Members named otherwise that fix the method: typed-rest-client's `{ create: "POST", replace: "PUT", update: "PATCH" }`. */
  readonly methodAliases?: Readonly<Record<string, string>>;
  /** Members of a function that take the method from the options like the function itself: `axios.request(config)`. */
  readonly requestShortcuts?: readonly string[];
  /**
   * Members of a function that make a configured instance from their first argument: `axios.create({ baseURL })`.
   * An instance is called like the function, and has the method shortcuts, the request shortcuts and `request`.
   */
  readonly instanceFactories?: readonly string[];
  /** Functions of a module that make an instance from their first argument: openapi-fetch's `createClient({ baseUrl })`. */
  readonly factories?: Exports;
  /**
   * Classes whose instances are clients, made with `new` or injected by a framework (a parameter of that type,
   * Angular's `inject(HttpClient)`): `new Zodios(baseUrl)`, `@nestjs/axios`'s `HttpService`.
   */
  readonly classes?: Exports;
  /**
   * Types that name an instance of the client: a parameter typed so holds one (`client: AxiosInstance`, `http: Got`),
   * its base URL unknown (an absolute Intercom URL still says where it goes).
   */
  readonly instanceTypes?: Exports;
  /** The constructor argument that is the base URL: `new RestClient(userAgent, baseUrl)`. */
  readonly classBaseUrlArgument?: number;
  /** Members of an instance that are instances too: `httpService.axiosRef`. */
  readonly instanceMembers?: readonly string[];
  /** The option that gives a base URL for relative URLs, in an instance's options or a call's: `baseURL`, `prefixUrl`. */
  readonly baseUrlOption?: string;
  /**
   * Calling the function makes a request function (bent): its string arguments name the base URL (one starting
   * with http) and the method (an upper-case method name); the made function's calls are laid out so.
   */
  readonly curried?: CallLayout;
  readonly call: CallLayout;
  /** A request built along a chain of calls from the function's call (wretch, centra). */
  readonly chain?: ChainLayout;
}

/** Functions that wrap a client and give back one called the same way, by module and export: the wrapped argument's index. */
export type ClientWrappers = Readonly<Record<string, Readonly<Record<string, number>>>>;

#!/usr/bin/env node
// Ranks the npm packages a codebase may send HTTP requests with by monthly downloads, from a registry package list
// (name, version, downloads_a_month, summary; tab-separated), and writes docs/http-clients.md: each package, its
// downloads, and whether the client table (src/requests/clients/) describes it, or why not. Packages the list holds
// above the threshold whose summary reads like an HTTP client but that nobody has reviewed yet are listed apart, so a
// refresh of the list shows what to look at next.
//
// Usage: npm run build && node scripts/rank-http-clients.mjs [--list <npm.tsv>] [--date YYYY-MM-DD] [--out <md>] [--stdout]
//   default list: ../.library/env/packages/npm.tsv beside the repository; default date: the list's modification day.
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DEFAULT_LIST = path.join(ROOT, "..", ".library", "env", "packages", "npm.tsv");
const DEFAULT_OUT = path.join(ROOT, "docs", "http-clients.md");
/** The table describes every general-purpose client down to about this many downloads a month. */
const THRESHOLD = 1_000_000;
/** Candidates found by their summary are shown from this many downloads a month. */
const DISCOVERY_THRESHOLD = 1_000_000;
const CLIENT_SUMMARY =
  /\b(http client|http request|fetch api|rest client|request client|ajax|xmlhttprequest|fetch polyfill|window\.fetch|fetch wrapper|promise based http|http library)\b/i;

/**
 * Every package reviewed, with what the tool does with it. `table`: described in the client table (checked against
 * it); `wrapper`: a wrapper that gives a client back or changes an instance in place; `layer`, `generator`: a
 * request layer or a client generator the tool reads (see README); `excluded`: why not.
 */
const REVIEWED = {
  "node-fetch": { status: "table" },
  axios: { status: "table" },
  undici: { status: "table" },
  got: { status: "table" },
  "make-fetch-happen": { status: "table" },
  "minipass-fetch": { status: "table" },
  "cross-fetch": { status: "table" },
  "whatwg-fetch": { status: "table" },
  "simple-get": { status: "table" },
  superagent: { status: "table" },
  request: { status: "table", note: "deprecated, still installed widely" },
  "node-fetch-native": { status: "table" },
  needle: { status: "table" },
  "@actions/http-client": { status: "table" },
  "@whatwg-node/fetch": { status: "table" },
  "@whatwg-node/node-fetch": { status: "table" },
  "@cypress/request": { status: "table" },
  "isomorphic-fetch": { status: "table" },
  unfetch: { status: "table" },
  ky: { status: "table" },
  "sync-fetch": { status: "table" },
  "@angular/common": { status: "table", note: "`@angular/common/http`'s HttpClient" },
  ofetch: { status: "table" },
  "request-promise-native": { status: "table" },
  "@nestjs/axios": { status: "table" },
  "node-fetch-h2": { status: "table" },
  "@supabase/node-fetch": { status: "table" },
  "@ardatan/sync-fetch": { status: "table" },
  xhr: { status: "table" },
  "postman-request": { status: "table" },
  phin: { status: "table" },
  "typed-rest-client": { status: "table" },
  "@better-fetch/fetch": { status: "table" },
  "@hapi/wreck": { status: "table" },
  "http-call": { status: "table" },
  "request-light": { status: "table" },
  "request-promise": { status: "table" },
  nuxt: { status: "table", note: "`useFetch`, `useLazyFetch` (and ofetch's `$fetch`)" },
  centra: { status: "table" },
  jquery: { status: "table", note: "`$.ajax`, `$.post`" },
  "node-fetch-commonjs": { status: "table" },
  "@hey-api/client-fetch": { status: "table" },
  bent: { status: "table" },
  urllib: { status: "table" },
  "xhr-request": { status: "table" },
  "micro-api-client": { status: "table" },
  popsicle: { status: "table" },
  feaxios: { status: "table" },
  "@zodios/core": { status: "table" },
  wretch: { status: "table" },
  "openapi-fetch": { status: "table" },
  "ky-universal": { status: "table" },
  "got-cjs": { status: "table" },
  "@hey-api/client-axios": { status: "table" },
  redaxios: { status: "table" },
  wreck: { status: "table" },
  "@hey-api/client-next": { status: "table" },
  "fetch-retry": { status: "wrapper", note: "`fetchRetry(fetch)` gives a fetch" },
  "fetch-cookie": { status: "wrapper", note: "`fetchCookie(fetch)` gives a fetch" },
  "@vercel/fetch": { status: "wrapper", note: "`createFetch(fetch)` gives a fetch" },
  "@vercel/fetch-retry": { status: "wrapper", note: "`fetchRetry(fetch)` gives a fetch" },
  "axios-cache-interceptor": { status: "wrapper", note: "`setupCache(instance)` gives the instance back" },
  "axios-rate-limit": { status: "wrapper", note: "`rateLimit(instance)` gives the instance back" },
  "axios-retry": { status: "wrapper", note: "changes an instance in place: it stays one" },
  "retry-axios": { status: "wrapper", note: "`rax.attach(instance)` changes it in place: it stays one" },
  "axios-auth-refresh": { status: "wrapper", note: "changes an instance in place: it stays one" },
  "p-retry": { status: "wrapper", note: "retries a function: the request inside it is recognised where it is written" },
  "@reduxjs/toolkit": { status: "layer", note: "RTK Query: `createApi` endpoints, their hooks and `initiate`" },
  "@openapitools/openapi-generator-cli": { status: "generator", note: "typescript-axios / typescript-fetch API classes" },
  "@hey-api/openapi-ts": { status: "generator", note: "its sdk functions call `@hey-api/client-*` (in the table)" },
  "openapi-typescript": { status: "generator", note: "types for openapi-fetch (in the table)" },
  "swagger-typescript-api": { status: "generator", note: "`api.tickets.updateTicket(…)` namespaces" },
  "openapi-typescript-codegen": { status: "generator", note: "static `TicketsService` classes" },
  orval: { status: "generator", note: "its functions call axios or a mutator the tool follows" },
  "@rtk-query/codegen-openapi": { status: "generator", note: "RTK Query endpoints (a layer the tool reads)" },
  "undici-types": { status: "excluded", reason: "types only: sends nothing" },
  "@smithy/fetch-http-handler": { status: "excluded", reason: "the AWS SDK's transport: its requests are AWS's" },
  gaxios: { status: "excluded", reason: "made for Google APIs (its summary says so)" },
  "@octokit/request": { status: "excluded", reason: "GitHub's API only" },
  "@octokit/rest": { status: "excluded", reason: "GitHub's API only" },
  "@octokit/graphql": { status: "excluded", reason: "GitHub's GraphQL API only" },
  "cacheable-request": { status: "excluded", reason: "got's cache layer over `http.request`, not called by applications" },
  "@szmarczak/http-timer": { status: "excluded", reason: "timings of a request, sends nothing" },
  "@tanstack/react-query": { status: "layer", note: "`useMutation({ mutationFn })`: what `mutate` is given reaches the client the function calls" },
  "@tanstack/query-core": { status: "excluded", reason: "as @tanstack/react-query" },
  swr: { status: "excluded", reason: "a data layer: its fetcher calls a client the table knows, recognised there" },
  hono: { status: "excluded", reason: "a server framework (its `hc` client calls Hono servers)" },
  h3: { status: "excluded", reason: "a server framework (its `$fetch` is ofetch, in the table)" },
  unenv: { status: "excluded", reason: "runtime polyfills for bundlers, not called by applications" },
  msw: { status: "excluded", reason: "a test double library (src/requests/doubles/)" },
  nock: { status: "excluded", reason: "a test double library (src/requests/doubles/)" },
  "fetch-mock": { status: "excluded", reason: "a fetch mock; not yet in the doubles list" },
  "graphql-request": { status: "excluded", reason: "GraphQL, not a REST client" },
  "@apollo/client": { status: "excluded", reason: "GraphQL, not a REST client" },
  "@vueuse/core": { status: "excluded", reason: "not yet: its `useFetch(url).put(body)` chain" },
  "@effect/platform": { status: "excluded", reason: "requests are Effect values (`HttpClientRequest.put(url).pipe(…)`), not a call the table describes" },
  "@ts-rest/core": { status: "excluded", reason: "not yet: requests declared in a contract and called by name" },
  mappersmith: { status: "excluded", reason: "not yet: resources declared with `forge({ resources })`" },
  "get-it": {
    status: "excluded",
    reason: "`getIt(middlewares)` makes a request function; calls with `{ url, method, body }` are recognised by their arguments",
  },
  "fetch-ponyfill": { status: "excluded", reason: "not yet: fetch comes from a call (`fetchPonyfill().fetch`)" },
  "@azure/core-rest-pipeline": { status: "excluded", reason: "the Azure SDK's pipeline: its requests are Azure's" },
  "@typespec/ts-http-runtime": { status: "excluded", reason: "a generated SDK's runtime (Azure, TypeSpec)" },
  "@azure-rest/core-client": { status: "excluded", reason: "Azure REST clients" },
  "npm-registry-fetch": { status: "excluded", reason: "the npm registry only" },
  "xmlhttprequest-ssl": { status: "excluded", reason: "not yet: `open(method, url)` then `send(body)` on an XHR object" },
  xmlhttprequest: { status: "excluded", reason: "not yet: `open(method, url)` then `send(body)` on an XHR object" },
  xhr2: { status: "excluded", reason: "not yet: `open(method, url)` then `send(body)` on an XHR object" },
  "http2-client": { status: "excluded", reason: "a drop-in `http.request`; node's own `http`/`https` are not yet followed" },
  "axios-ntlm": { status: "excluded", reason: "NTLM authentication for intranet services" },
  extrareqp2: { status: "excluded", reason: "a fork of axios bundled for PM2, not imported by applications" },
  "@opentelemetry/instrumentation-http": { status: "excluded", reason: "instrumentation, sends nothing" },
  "@opentelemetry/instrumentation-undici": { status: "excluded", reason: "instrumentation, sends nothing" },
  "@opentelemetry/instrumentation-fetch": { status: "excluded", reason: "instrumentation, sends nothing" },
  "@opentelemetry/instrumentation-xml-http-request": { status: "excluded", reason: "instrumentation, sends nothing" },
  "request-promise-core": { status: "excluded", reason: "request-promise's core, not imported by applications" },
  "@hapi/shot": { status: "excluded", reason: "injects requests into a local server (tests)" },
  supertest: { status: "excluded", reason: "tests a local server app" },
  "@whatwg-node/server": { status: "excluded", reason: "a server adapter" },
  "@mjackson/node-fetch-server": { status: "excluded", reason: "a server adapter" },
  "@remix-run/node-fetch-server": { status: "excluded", reason: "a server adapter" },
  "@solana/rpc-transport-http": { status: "excluded", reason: "Solana RPC only" },
  "http-cookie-agent": { status: "excluded", reason: "an agent for other clients, sends nothing" },
  "@algolia/client-common": { status: "excluded", reason: "another vendor's SDK" },
  algoliasearch: { status: "excluded", reason: "another vendor's SDK" },
  "@sendgrid/client": { status: "excluded", reason: "another vendor's SDK" },
  svix: { status: "excluded", reason: "another vendor's SDK" },
  "@datadog/datadog-api-client": { status: "excluded", reason: "another vendor's SDK" },
  "@vercel/blob": { status: "excluded", reason: "another vendor's SDK" },
  "@clerk/backend": { status: "excluded", reason: "another vendor's SDK" },
  "@supabase/postgrest-js": { status: "excluded", reason: "another vendor's SDK" },
  "@google-cloud/tasks": { status: "excluded", reason: "another vendor's SDK" },
  "@pm2/js-api": { status: "excluded", reason: "another vendor's SDK" },
  morgan: { status: "excluded", reason: "a request logger (server side)" },
  "cookie-parser": { status: "excluded", reason: "server middleware" },
  "accept-language-parser": { status: "excluded", reason: "parses a header" },
  limiter: { status: "excluded", reason: "a rate limiter, sends nothing" },
  "stream-meter": { status: "excluded", reason: "a stream utility" },
  "ace-builds": { status: "excluded", reason: "an editor" },
  "@pnpm/node-fetch": { status: "table" },
  "@cypress/request-promise": { status: "table" },
  "original-url": { status: "excluded", reason: "reads a server's request, sends nothing" },
  "default-user-agent": { status: "excluded", reason: "a header value, sends nothing" },
  "fake-xml-http-request": { status: "excluded", reason: "a test double of XMLHttpRequest" },
  pretender: { status: "excluded", reason: "a mock server for tests" },
  "fetch-jsonp": { status: "excluded", reason: "JSONP: GET requests only" },
  "request-compose": { status: "excluded", reason: "not yet: requests composed from middleware functions" },
  "svix-fetch": { status: "excluded", reason: "bundled with Svix's SDK, not imported by applications" },
  "d3-request": { status: "excluded", reason: "d3's loader of data files (deprecated), GET in practice" },
};

function option(argv, name) {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

/** Downloads and summaries of the list, by package name. */
function readList(file) {
  const packages = new Map();
  const lines = readFileSync(file, "utf8").split("\n");
  for (const line of lines.slice(1)) {
    const [name, version, downloads, summary = ""] = line.split("\t");
    if (!name || downloads === undefined) continue;
    packages.set(name, { name, version, downloads: Number(downloads), summary: summary.replace(/^\[tested here:[^\]]*\]\s*/, "") });
  }
  return packages;
}

/** The packages the client table (and the wrapper list) name, from the built tables. */
async function tablePackages() {
  const clientsFile = path.join(ROOT, "dist", "src", "requests", "clients", "index.js");
  if (!existsSync(clientsFile)) throw new Error("the built client table is missing: run `npm run build` first");
  const { HTTP_CLIENTS } = await import(clientsFile);
  const { CLIENT_WRAPPERS } = await import(path.join(ROOT, "dist", "src", "requests", "clients", "wrappers.js"));
  const packageOf = (module) => (module.startsWith("@") ? module.split("/").slice(0, 2).join("/") : module.split("/")[0]);
  const clients = new Map();
  for (const client of HTTP_CLIENTS) {
    for (const module of [...Object.keys(client.functions), ...Object.keys(client.factories ?? {}), ...Object.keys(client.classes ?? {})]) {
      if (module === "<global>" || module.startsWith("#")) continue;
      const names = clients.get(packageOf(module)) ?? [];
      if (!names.includes(client.name)) clients.set(packageOf(module), [...names, client.name]);
    }
  }
  return { clients, wrappers: new Set(Object.keys(CLIENT_WRAPPERS).map(packageOf)) };
}

const fmt = (n) => n.toLocaleString("en-US");

async function main(argv) {
  const listFile = path.resolve(option(argv, "--list") ?? DEFAULT_LIST);
  const list = readList(listFile);
  const date = option(argv, "--date") ?? statSync(listFile).mtime.toISOString().slice(0, 10);
  const { clients, wrappers } = await tablePackages();
  const problems = [];
  for (const [name, entry] of Object.entries(REVIEWED)) {
    if (entry.status === "table" && !clients.has(name)) problems.push(`${name} is marked as in the table, but no client of src/requests/clients/ names it`);
    if (entry.status === "wrapper" && !wrappers.has(name) && !entry.note?.includes("in place") && !entry.note?.includes("retries"))
      problems.push(`${name} is marked as a wrapper, but src/requests/clients/wrappers.ts does not list it`);
  }
  for (const name of [...clients.keys(), ...wrappers])
    if (!REVIEWED[name]) problems.push(`${name} is in the tables but not in REVIEWED of scripts/rank-http-clients.mjs`);
  if (problems.length > 0) throw new Error(problems.join("\n"));

  const reviewed = Object.entries(REVIEWED)
    .map(([name, entry]) => ({ name, ...entry, downloads: list.get(name)?.downloads }))
    .sort((a, b) => (b.downloads ?? -1) - (a.downloads ?? -1));
  const unreviewed = [...list.values()]
    .filter((p) => p.downloads >= DISCOVERY_THRESHOLD && !REVIEWED[p.name] && CLIENT_SUMMARY.test(p.summary))
    .sort((a, b) => b.downloads - a.downloads);

  const describe = (entry) => {
    switch (entry.status) {
      case "table":
        return `in the table (${clients
          .get(entry.name)
          .map((name) => `\`${name}\``)
          .join(", ")})${entry.note ? `: ${entry.note}` : ""}`;
      case "wrapper":
        return `wrapper: ${entry.note}`;
      case "layer":
        return `request layer: ${entry.note}`;
      case "generator":
        return `client generator: ${entry.note}`;
      default:
        return `not in the table: ${entry.reason}`;
    }
  };
  const lines = [
    "# HTTP clients by real-world use",
    "",
    `Generated by \`node scripts/rank-http-clients.mjs\` from the npm package list of ${date} (monthly downloads). Do not edit by hand:`,
    "change the review in the script (or the client table in `src/requests/clients/`) and run it again.",
    "",
    `The client table describes every general-purpose HTTP client a Node, edge or browser codebase would use to call a`,
    `REST API down to about ${fmt(THRESHOLD)} downloads a month (and a few smaller ones that cost one line). Adding one is`,
    "an entry plus fixtures (CONTRIBUTING.md).",
    "",
    "| # | package | downloads a month | what intercom-migrate does with it |",
    "|---:|---|---:|---|",
    ...reviewed.map(
      (entry, i) => `| ${i + 1} | \`${entry.name}\` | ${entry.downloads === undefined ? "not in the list" : fmt(entry.downloads)} | ${describe(entry)} |`,
    ),
    "",
    "## Not reviewed yet",
    "",
    `Packages of the list above ${fmt(DISCOVERY_THRESHOLD)} downloads a month whose summary reads like an HTTP client, and that the`,
    "review above does not name: look at these when the list is refreshed.",
    "",
    ...(unreviewed.length === 0
      ? ["None."]
      : [
          "| package | downloads a month | summary |",
          "|---|---:|---|",
          ...unreviewed.map((p) => `| \`${p.name}\` | ${fmt(p.downloads)} | ${p.summary.replace(/\|/g, "\\|").slice(0, 100)} |`),
        ]),
    "",
  ];
  const text = lines.join("\n");
  if (argv.includes("--stdout")) process.stdout.write(text);
  else {
    writeFileSync(path.resolve(option(argv, "--out") ?? DEFAULT_OUT), text);
    console.log(
      `${path.relative(process.cwd(), path.resolve(option(argv, "--out") ?? DEFAULT_OUT))}: ${reviewed.length} packages reviewed (${reviewed.filter((e) => e.status === "table").length} in the table), ${unreviewed.length} not reviewed, list of ${date}`,
    );
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`rank-http-clients: ${error.message}`);
  process.exit(1);
});

// `npm run bench:runtime`: what the runtime guard costs per request, on the built package (npm run build first).
// The guarded function wraps a stub transport that answers at once, so the numbers are the guard's own cost, not the
// network's; a real request to 127.0.0.1 is timed beside them for scale. Prints a Markdown table (ns per request,
// median of BENCH_ROUNDS rounds, default 7). Not a test: timings on a shared machine vary.
import { createRequire } from "node:module";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const runtime = createRequire(import.meta.url)(path.join(ROOT, "dist", "runtime", "index.cjs"));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

/** ns per call of `call` (awaited), median of ROUNDS rounds of `count` calls after a warm-up round. */
async function perCall(call, count) {
  const round = async () => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < count; i++) await call();
    return Number(process.hrtime.bigint() - start) / count;
  };
  await round();
  const rounds = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push(await round());
  return median(rounds);
}

const ticket213 = JSON.stringify({
  open: true,
  assignment: { admin_id: "991267816", assignee_id: 8 },
  ticket_attributes: { _default_title_: "Printer on fire" },
});
const ticket214 = JSON.stringify({ open: true, admin_id: 991267816, assignee_id: "8", ticket_attributes: { _default_title_: "Printer on fire" } });
const stub = async () => undefined;
const quiet = { reportFile: path.join(ROOT, "node_modules", ".bench-runtime.jsonl") };

const cases = [
  ["fetch, another host", (fetchImpl) => () => fetchImpl("https://api.example.com/tickets/1", { method: "PUT", body: ticket213 }), "report"],
  ["fetch, Intercom, GET", (fetchImpl) => () => fetchImpl("https://api.intercom.io/contacts/1", { headers: { "Intercom-Version": "2.14" } }), "report"],
  ["fetch, Intercom, 2.14 ticket update", (fetchImpl) => () => fetchImpl("https://api.intercom.io/tickets/1", { method: "PUT", body: ticket214 }), "report"],
  [
    "fetch, Intercom, 2.13 ticket update (report, site seen before)",
    (fetchImpl) => () => fetchImpl("https://api.intercom.io/tickets/1", { method: "PUT", body: ticket213 }),
    "report",
  ],
  [
    "fetch, Intercom, 2.13 ticket update (upgrade)",
    (fetchImpl) => () => fetchImpl("https://api.intercom.io/tickets/1", { method: "PUT", body: ticket213 }),
    "upgrade",
  ],
];

const rows = [];
for (const [label, make, mode] of cases) {
  const bare = await perCall(make(stub), 200_000);
  const guarded = await perCall(make(runtime.guardFetch(stub, { ...quiet, mode })), label.includes("another") ? 200_000 : 20_000);
  rows.push([label, bare, guarded]);
}

// axios's interceptor and the node:http patch, on another host: what every non-Intercom request pays.
const guardAxiosStub = () => {
  let interceptor;
  runtime.guardAxios({ interceptors: { request: { use: (fn) => (interceptor = fn) } } }, quiet);
  return interceptor;
};
const onRequest = guardAxiosStub();
const axiosConfig = { baseURL: "https://api.example.com", url: "/tickets/1", method: "put", data: { a: 1 }, headers: {} };
rows.push(["axios interceptor, another host", await perCall(() => axiosConfig, 200_000), await perCall(() => onRequest(axiosConfig), 200_000)]);

// The node:http patch's request(), on another host (the original is a stub: no socket is opened).
const { guardedRequest } = createRequire(import.meta.url)(path.join(ROOT, "dist", "src", "runtime", "node-http.cjs"));
const fakeRequest = () => ({});
const patched = guardedRequest(fakeRequest, "https:", runtime.createGuard(quiet));
const requestOptions = { method: "PUT", headers: { "content-type": "application/json" } };
rows.push([
  "node:http request(), another host (URL string)",
  await perCall(() => fakeRequest("https://api.example.com/tickets/1", requestOptions), 200_000),
  await perCall(() => patched("https://api.example.com/tickets/1", requestOptions), 200_000),
]);
const hostOptions = { hostname: "api.example.com", path: "/tickets/1", method: "PUT" };
rows.push([
  "node:http request(), another host (options)",
  await perCall(() => fakeRequest(hostOptions), 200_000),
  await perCall(() => patched(hostOptions), 200_000),
]);

// A real request to a local server, unguarded and guarded as an Intercom host (upgrade): the guard beside the network.
const server = http.createServer((request, response) => request.resume().on("end", () => response.end("{}")));
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const real = (fetchImpl) => async () => (await fetchImpl(`${origin}/tickets/1`, { method: "PUT", body: ticket213 })).text();
rows.push([
  "real fetch to 127.0.0.1, 2.13 ticket update (upgrade)",
  await perCall(real(fetch), 2_000),
  await perCall(real(runtime.guardFetch(fetch, { ...quiet, mode: "upgrade", hosts: [origin] })), 2_000),
]);
server.close();

const ns = (value) => (value >= 10_000 ? `${(value / 1000).toFixed(1)} µs` : `${value.toFixed(0)} ns`);
console.log(`Runtime guard overhead per request (Node ${process.version}, median of ${ROUNDS} rounds; stub transport unless noted)\n`);
console.log("| request | unguarded | guarded | guard's cost |\n|---|---:|---:|---:|");
for (const [label, bare, guarded] of rows) console.log(`| ${label} | ${ns(bare)} | ${ns(guarded)} | ${ns(Math.max(0, guarded - bare))} |`);

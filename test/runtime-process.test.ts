// The runtime guard as users turn it on, in child processes: `--import` / `--require intercom-migrate/runtime/register`,
// the package entry from ESM, CommonJS and TypeScript, call sites through source maps, and a strict vitest setup file
// failing the tests that send a 2.13 shape. Requests go to recording servers on 127.0.0.1.
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RuntimeRecord } from "../src/runtime/index.cjs";
import { ROOT } from "./support.js";
import { installedProject, recordingServer, runAsync, type RecordingServer } from "./runtime-support.js";

let intercom: RecordingServer;
let other: RecordingServer;

beforeAll(async () => {
  [intercom, other] = await Promise.all([recordingServer(), recordingServer()]);
});
afterAll(async () => {
  await Promise.all([intercom.close(), other.close()]);
});
afterEach(() => {
  intercom.received.length = 0;
  other.received.length = 0;
});

const env = (mode: string, extra: Record<string, string> = {}) => ({
  INTERCOM_MIGRATE_RUNTIME: mode,
  INTERCOM_MIGRATE_RUNTIME_HOSTS: `${intercom.origin}, https://intercom-proxy.internal`,
  BASE: intercom.origin,
  OTHER: other.origin,
  ...extra,
});

const readRecords = (file: string): RuntimeRecord[] =>
  readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as RuntimeRecord);

/** The 1-based line of the first line of `text` that contains `marker`. */
const lineOf = (text: string, marker: string) => text.split("\n").findIndex((line) => line.includes(marker)) + 1;

const APP_MJS = `import http from "node:http";
const ticket = { open: true, assignment: { admin_id: "991267816", assignee_id: 8 } };
for (let i = 0; i < 3; i++) {
  await fetch(process.env.BASE + "/tickets/1", { method: "PUT", headers: { "Intercom-Version": "2.13" }, body: JSON.stringify(ticket) }).catch((error) => console.log(error.message));
}
await new Promise((resolve) => {
  const request = http.request(process.env.BASE + "/messages", { method: "POST", headers: { "content-type": "application/json" } }, (response) => response.resume().on("end", resolve));
  request.on("error", (error) => { console.log(error.message); resolve(); });
  request.end(JSON.stringify({ message_type: "email", body: "Hi", to: { type: "user", id: "1" } }));
});
await fetch(process.env.OTHER + "/tickets/1", { method: "PUT", body: JSON.stringify(ticket) });
`;

describe("node --import intercom-migrate/runtime/register", () => {
  it("upgrade: fetch and http.request to Intercom are upgraded in flight; a JSON Lines report counts each call site", async () => {
    const dir = installedProject({ "app.mjs": APP_MJS });
    const report = path.join(dir, "runtime.jsonl");
    const run = await runAsync(process.execPath, ["--import", "intercom-migrate/runtime/register", "app.mjs"], {
      cwd: dir,
      env: env("upgrade", { INTERCOM_MIGRATE_RUNTIME_REPORT: report }),
    });
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(intercom.received.map((r) => [r.url, r.headers["intercom-version"], r.body])).toEqual([
      ...Array(3).fill(["/tickets/1", "2.14", '{"open":true,"admin_id":991267816,"assignee_id":"8"}']),
      ["/messages", "2.14", '{"message_type":"email","body":"Hi","to":[{"type":"user","id":"1"}]}'],
    ]);
    expect(JSON.parse(other.received[0].body)).toHaveProperty("assignment");
    const records = readRecords(report);
    const app = path.join(dir, "app.mjs");
    const count = (ruleId: string) => records.filter((r) => r.ruleId === ruleId).reduce((sum, r) => sum + r.count, 0);
    expect([count("ticket-update-assignment"), count("intercom-version-header"), count("message-recipients-array")]).toEqual([3, 3, 1]);
    expect(records.find((r) => r.ruleId === "ticket-update-assignment")).toMatchObject({
      file: app,
      line: 4,
      column: 9,
      outcome: "upgraded",
      operation: "PUT /tickets/{ticket_id}",
      cwd: dir,
    });
    expect(records.find((r) => r.ruleId === "message-recipients-array")).toMatchObject({
      file: app,
      line: lineOf(APP_MJS, "http.request("),
      operation: "POST /messages",
    });
    // Names and versions only: no body value reaches the report.
    expect(readFileSync(report, "utf8")).not.toContain("991267816");
  });

  it("strict: the 2.13 requests are not sent; the application sees the error", async () => {
    const dir = installedProject({ "app.mjs": APP_MJS });
    const run = await runAsync(process.execPath, ["--import", "intercom-migrate/runtime/register", "app.mjs"], { cwd: dir, env: env("strict") });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("ticket-update-assignment: Ticket update nests `assignment");
    // message-recipients-array is a warning: strict mode stops errors unless told otherwise.
    expect(intercom.received.map((r) => r.url)).toEqual(["/messages"]);
    expect(other.received).toHaveLength(1);
  });
});

describe("node --require intercom-migrate/runtime/register (CommonJS)", () => {
  it("report: requests go out unchanged; stderr names each call site and rule once", async () => {
    const app = `const ticket = { assignment: { admin_id: "1", assignee_id: 2 } };
async function main() {
  for (let i = 0; i < 3; i++) await fetch(process.env.BASE + "/tickets/1", { method: "PUT", body: JSON.stringify(ticket) });
}
main();
`;
    const dir = installedProject({ "app.cjs": app });
    const run = await runAsync(process.execPath, ["--require", "intercom-migrate/runtime/register", "app.cjs"], { cwd: dir, env: env("") });
    expect(run.code).toBe(0);
    expect(intercom.received.map((r) => JSON.parse(r.body))).toEqual(Array(3).fill({ assignment: { admin_id: "1", assignee_id: 2 } }));
    const lines = run.stderr.trim().split("\n");
    expect(lines).toEqual([
      expect.stringMatching(/^intercom-migrate runtime: app\.cjs:3:\d+ ticket-update-assignment \(error\) PUT \/tickets\/\{ticket_id\}: .* \[reported\]$/),
    ]);
  });

  it("a mode it does not know: says so once and reports", async () => {
    const dir = installedProject({ "app.cjs": `fetch(process.env.BASE + "/contacts", { headers: { "Intercom-Version": "2.13" } });` });
    const run = await runAsync(process.execPath, ["--require", "intercom-migrate/runtime/register", "app.cjs"], { cwd: dir, env: env("upgarde") });
    expect(run.stderr).toContain("INTERCOM_MIGRATE_RUNTIME=upgarde is not one of report, upgrade, strict; reporting only.");
    expect(intercom.received[0].headers["intercom-version"]).toBe("2.13");
  });
});

describe("the package entry", () => {
  it("loads with import and require, one instance, and its types compile for both", async () => {
    const dir = installedProject(
      {
        "esm.mjs": `import { guardFetch, inspectRequest, RuntimeGuardError } from "intercom-migrate/runtime";
import { createRequire } from "node:module";
const required = createRequire(import.meta.url)("intercom-migrate/runtime");
const { findings } = inspectRequest({ method: "PUT", url: "https://api.intercom.io/tickets/1", body: '{"assignment":{"admin_id":"1"}}' });
console.log(typeof guardFetch, findings.map((f) => f.ruleId).join(), required.RuntimeGuardError === RuntimeGuardError);
`,
        "cjs.cjs": `const { guardAxios, installGuard, upgradeBody } = require("intercom-migrate/runtime");
console.log(typeof guardAxios, typeof installGuard, JSON.stringify(upgradeBody("messages.create", { to: { type: "user", id: "1" } }).body));
`,
        "types.mts": `import { guardFetch, inspectRequest, type GuardOptions, type RuntimeFinding } from "intercom-migrate/runtime";
const options: GuardOptions = { mode: "upgrade", hosts: ["http://127.0.0.1:1"] };
const guarded: typeof fetch = guardFetch(fetch, options);
const findings: RuntimeFinding[] = inspectRequest({ url: "https://api.intercom.io/contacts" }).findings;
export { guarded, findings };
`,
        "types.cts": `import { guardUndici, installStrictGuard } from "intercom-migrate/runtime";
import "intercom-migrate/runtime/register";
declare const afterEach: (hook: () => void) => void;
const uninstall: () => void = installStrictGuard({ afterEach });
export { guardUndici, uninstall };
`,
      },
      ["@types"],
    );
    const esm = await runAsync(process.execPath, ["esm.mjs"], { cwd: dir });
    expect(esm.stdout).toBe("function ticket-update-assignment true\n");
    const cjs = await runAsync(process.execPath, ["cjs.cjs"], { cwd: dir });
    expect(cjs.stdout).toBe('function function {"to":[{"type":"user","id":"1"}]}\n');
    const tsc = await runAsync(
      process.execPath,
      [
        path.join(ROOT, "node_modules", "typescript", "bin", "tsc"),
        "--noEmit",
        "--strict",
        "--module",
        "nodenext",
        "--types",
        "node",
        "types.mts",
        "types.cts",
      ],
      { cwd: dir },
    );
    expect(tsc.stdout + tsc.stderr).toBe("");
  });
});

describe("call sites through source maps", () => {
  const source = `type Ticket = { assignment: { admin_id: string; assignee_id: number } };

const ticket: Ticket = { assignment: { admin_id: "1", assignee_id: 2 } };

export async function assign(): Promise<void> {
  await fetch(\`\${process.env.BASE}/tickets/1\`, { method: "PUT", body: JSON.stringify(ticket) });
}

await assign();
`;

  it.each(["file", "inline"])("a %s source map places the finding in the TypeScript source", async (kind) => {
    const output = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: true },
      fileName: "app.ts",
    });
    const map = JSON.parse(output.sourceMapText!) as { sources: string[] };
    map.sources = ["../src/app.ts"];
    const comment = kind === "file" ? "app.mjs.map" : `data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString("base64")}`;
    const dir = installedProject({
      "src/app.ts": source,
      "out/app.mjs": output.outputText.replace(/\/\/# sourceMappingURL=.*$/m, `//# sourceMappingURL=${comment}`),
      "out/app.mjs.map": JSON.stringify(map),
    });
    const report = path.join(dir, "runtime.jsonl");
    const run = await runAsync(process.execPath, ["--import", "intercom-migrate/runtime/register", "out/app.mjs"], {
      cwd: dir,
      env: env("report", { INTERCOM_MIGRATE_RUNTIME_REPORT: report }),
    });
    expect(run.stderr).toBe("");
    const line = lineOf(source, "await fetch(");
    expect(readRecords(report)[0]).toMatchObject({
      ruleId: "ticket-update-assignment",
      file: path.join(dir, "src", "app.ts"),
      line,
      column: source.split("\n")[line - 1].indexOf("fetch(") + 1,
    });
  });
});

describe("a strict vitest setup file", () => {
  it("fails each test that sends a 2.13 shape, even one that swallows the error; passes the others", async () => {
    const dir = installedProject(
      {
        "vitest.config.mjs": `export default { test: { include: ["*.test.mjs"], setupFiles: ["./intercom-strict.setup.mjs"] } };\n`,
        "intercom-strict.setup.mjs": `import { afterEach } from "vitest";
import { installStrictGuard } from "intercom-migrate/runtime";

installStrictGuard({ afterEach });
`,
        "tickets.test.mjs": `import { it } from "vitest";
const update = (base, body) => fetch(base + "/tickets/1", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
it("sends a 2.14 ticket update", async () => { await update(process.env.BASE, { admin_id: 1, assignee_id: "2" }); });
it("sends a 2.13 ticket update", async () => { await update(process.env.BASE, { assignment: { admin_id: "1" } }); });
it("sends a 2.13 ticket update and swallows the error", async () => { await update(process.env.BASE, { assignment: { admin_id: "1" } }).catch(() => {}); });
it("sends a 2.13 shape to another API", async () => { await update(process.env.OTHER, { assignment: { admin_id: "1" } }); });
`,
      },
      ["vitest"],
    );
    const run = await runAsync(
      process.execPath,
      [path.join(dir, "node_modules", "vitest", "vitest.mjs"), "run", "--reporter=json", "--outputFile=results.json"],
      { cwd: dir, env: env("") },
    );
    expect(run.code, run.stdout + run.stderr).toBe(1);
    const results = JSON.parse(readFileSync(path.join(dir, "results.json"), "utf8")) as {
      testResults: Array<{ assertionResults: Array<{ title: string; status: string; failureMessages: string[] }> }>;
    };
    const outcomes = results.testResults[0].assertionResults.map((test) => [
      test.title,
      test.status,
      test.failureMessages.join().includes("ticket-update-assignment"),
    ]);
    expect(outcomes).toEqual([
      ["sends a 2.14 ticket update", "passed", false],
      ["sends a 2.13 ticket update", "failed", true],
      ["sends a 2.13 ticket update and swallows the error", "failed", true],
      ["sends a 2.13 shape to another API", "passed", false],
    ]);
    expect(intercom.received.map((r) => r.body)).toEqual(['{"admin_id":1,"assignee_id":"2"}']);
    expect(other.received).toHaveLength(1);
  });
});

// The runtime guard's adapters against a real HTTP server on 127.0.0.1: fetch, axios, undici and intercom-client 7.x
// in report, upgrade and strict modes; other hosts and streamed bodies untouched; a guard failure never breaks a request.
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import axios from "axios";
import { IntercomClient, type Intercom } from "intercom-client";
import { Agent, request as undiciRequest } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  guardAxios,
  guardFetch,
  guardIntercomClient,
  guardUndici,
  installGuard,
  RuntimeGuardError,
  type GuardOptions,
  type RuntimeRecord,
} from "../src/runtime/index.cjs";
import { recordingServer, type RecordingServer } from "./runtime-support.js";

const THIS_FILE = fileURLToPath(import.meta.url);

/** A 2.13 ticket update: nested assignment, string admin id, number assignee id. */
const TICKET_213 = { open: true, assignment: { admin_id: "991267816", assignee_id: 8 } };
const TICKET_214 = '{"open":true,"admin_id":991267816,"assignee_id":"8"}';

type Send = (origin: string, options: GuardOptions) => Promise<unknown>;

const CLIENTS: Record<string, Send> = {
  fetch: (origin, options) =>
    guardFetch(fetch, options)(`${origin}/tickets/1`, {
      method: "PUT",
      headers: { "Content-Type": "application/json", "Intercom-Version": "2.13" },
      body: JSON.stringify(TICKET_213),
    }),
  axios: (origin, options) => guardAxios(axios.create({ baseURL: origin, headers: { "Intercom-Version": "2.13" } }), options).put("/tickets/1", TICKET_213),
  undici: async (origin, options) => {
    const response = await undiciRequest(`${origin}/tickets/1`, {
      method: "PUT",
      dispatcher: guardUndici(new Agent(), options),
      headers: { "content-type": "application/json", "intercom-version": "2.13", "content-length": String(JSON.stringify(TICKET_213).length) },
      body: JSON.stringify(TICKET_213),
    });
    return response.body.text();
  },
  "intercom-client 7": (origin, options) =>
    guardIntercomClient(IntercomClient, { token: "test", baseUrl: origin, version: "2.13", maxRetries: 0 }, options).tickets.update({
      ticket_id: "1",
      ...TICKET_213,
    }),
};

let intercom: RecordingServer;
let other: RecordingServer;
let records: RuntimeRecord[];
const options = (mode: GuardOptions["mode"]): GuardOptions => ({
  mode,
  hosts: [intercom.origin],
  reportFile: path.join(path.dirname(THIS_FILE), "..", "node_modules", ".runtime-test.jsonl"),
  onFinding: (record) => records.push(record),
});

beforeAll(async () => {
  [intercom, other] = await Promise.all([recordingServer(), recordingServer()]);
});
afterAll(async () => {
  await Promise.all([intercom.close(), other.close()]);
});
afterEach(() => {
  intercom.received.length = 0;
  other.received.length = 0;
  records = [];
});

describe.each(Object.keys(CLIENTS))("%s", (client) => {
  const send = CLIENTS[client];

  it("report: the request goes out unchanged; findings name the rule and the call site", async () => {
    records = [];
    await send(intercom.origin, options("report"));
    expect(intercom.received).toHaveLength(1);
    expect(JSON.parse(intercom.received[0].body)).toEqual(TICKET_213);
    expect(intercom.received[0].headers["intercom-version"]).toBe("2.13");
    expect(records.map((r) => r.ruleId).sort()).toEqual(["intercom-version-header", "ticket-update-assignment"]);
    expect(records.every((r) => r.outcome === "reported" && r.operation === "PUT /tickets/{ticket_id}" && r.host === intercom.origin)).toBe(true);
    expect(records[0].file).toBe(THIS_FILE);
  });

  it("upgrade: the server receives the 2.14 body and version", async () => {
    records = [];
    await send(intercom.origin, options("upgrade"));
    expect(intercom.received).toHaveLength(1);
    expect(intercom.received[0].body).toBe(TICKET_214);
    expect(intercom.received[0].headers["intercom-version"]).toBe("2.14");
    expect(records.map((r) => r.outcome)).toEqual(["upgraded", "upgraded"]);
  });

  it("strict: the request is stopped with the findings", async () => {
    records = [];
    const error = await send(intercom.origin, options("strict")).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    // undici's fetch-less request() and axios hand the guard's error on as it is; intercom-client wraps it.
    const guardError = error instanceof RuntimeGuardError ? error : (error as { cause?: unknown })?.cause;
    expect((guardError as Error | undefined)?.message ?? String(error)).toContain("ticket-update-assignment");
    expect(intercom.received).toHaveLength(0);
    expect(records.map((r) => r.outcome)).toEqual(["blocked", "blocked"]);
  });

  it("other hosts: sent untouched, nothing reported, even in strict mode", async () => {
    records = [];
    await send(other.origin, options("strict"));
    expect(JSON.parse(other.received[0].body)).toEqual(TICKET_213);
    expect(other.received[0].headers["intercom-version"]).toBe("2.13");
    expect(records).toEqual([]);
  });
});

describe("call sites", () => {
  it("are the application's line and column (fetch)", async () => {
    records = [];
    const guarded = guardFetch(fetch, options("report"));
    await guarded(`${intercom.origin}/tickets/1`, { method: "PUT", body: JSON.stringify(TICKET_213) }); // call-site marker
    const lines = readFileSync(THIS_FILE, "utf8").split("\n");
    const line = lines.findIndex((text) => text.includes("// call-site" + " marker")) + 1;
    expect(records[0]).toMatchObject({ file: THIS_FILE, line, column: lines[line - 1].indexOf("guarded(") + 1 });
  });

  it("of intercom-client calls are the SDK method call, though its own code loses the stack", async () => {
    records = [];
    const client = guardIntercomClient(IntercomClient, { token: "t", baseUrl: intercom.origin, maxRetries: 0 }, options("report"));
    const request = { ticket_id: "1", ...TICKET_213 } as unknown as Intercom.UpdateTicketRequest;
    await client.tickets.update(request); // sdk-call marker
    const line =
      readFileSync(THIS_FILE, "utf8")
        .split("\n")
        .findIndex((text) => text.includes("// sdk-call" + " marker")) + 1;
    expect(records[0]).toMatchObject({ ruleId: "ticket-update-assignment", file: THIS_FILE, line });
    expect(client).toBeInstanceOf(IntercomClient);
  });
});

describe("bodies the guard does not read", () => {
  it("fetch: a streamed body is sent as streamed, the version pin kept (the body is unseen)", async () => {
    records = [];
    const stream = Readable.toWeb(Readable.from([Buffer.from('{"assignment":'), Buffer.from('{"admin_id":"1"}}')])) as ReadableStream<Uint8Array>;
    const init = { method: "PUT", headers: { "Intercom-Version": "2.13" }, body: stream, duplex: "half" } as RequestInit;
    await guardFetch(fetch, options("upgrade"))(`${intercom.origin}/tickets/1`, init);
    expect(intercom.received[0].body).toBe('{"assignment":{"admin_id":"1"}}');
    expect(intercom.received[0].headers["intercom-version"]).toBe("2.13");
    expect(records.map((r) => `${r.ruleId} ${r.outcome}`)).toEqual(["intercom-version-header reported"]);
  });

  it("fetch: a Request's body is a stream, sent as it was; a URL object is read like a string", async () => {
    records = [];
    const guarded = guardFetch(fetch, options("upgrade"));
    await guarded(new Request(`${intercom.origin}/tickets/1`, { method: "PUT", headers: { "Intercom-Version": "2.13" }, body: JSON.stringify(TICKET_213) }));
    await guarded(new URL(`${intercom.origin}/contacts`), { headers: { "Intercom-Version": "2.13" } });
    expect(intercom.received.map((r) => [r.url, r.headers["intercom-version"], r.body])).toEqual([
      ["/tickets/1", "2.13", JSON.stringify(TICKET_213)],
      ["/contacts", "2.14", ""],
    ]);
    expect(records.map((r) => `${r.ruleId} ${r.outcome}`)).toEqual(["intercom-version-header reported", "intercom-version-header upgraded"]);
  });

  it("fetch: FormData is sent as it was", async () => {
    const form = new FormData();
    form.set("assignment", "x");
    await guardFetch(fetch, options("upgrade"))(`${intercom.origin}/tickets/1`, { method: "PUT", body: form });
    expect(intercom.received[0].body).toContain('name="assignment"');
  });

  it("undici: a Readable body is sent as it was", async () => {
    const body = Readable.from([Buffer.from(JSON.stringify(TICKET_213))]);
    const response = await undiciRequest(`${intercom.origin}/tickets/1`, { method: "PUT", body, dispatcher: guardUndici(new Agent(), options("upgrade")) });
    await response.body.text();
    expect(JSON.parse(intercom.received[0].body)).toEqual(TICKET_213);
  });
});

describe("a failure inside the guard", () => {
  it("logs once and sends the original request (report and upgrade modes)", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    // The upgrade builds the lifted body with Object.fromEntries: make that throw, as a bug would.
    const bug = vi.spyOn(Object, "fromEntries").mockImplementationOnce(() => {
      throw new Error("guard bug");
    });
    let logged = "";
    try {
      await guardFetch(fetch, options("upgrade"))(`${intercom.origin}/tickets/1`, { method: "PUT", body: JSON.stringify(TICKET_213) });
      logged = stderr.mock.calls.map((call) => String(call[0])).join("");
    } finally {
      bug.mockRestore();
      stderr.mockRestore();
    }
    expect(JSON.parse(intercom.received[0].body)).toEqual(TICKET_213);
    expect(logged).toContain("internal error, the request was sent unchanged");
  });

  it("fails the request in strict mode", async () => {
    const bug = vi.spyOn(Object, "fromEntries").mockImplementationOnce(() => {
      throw new Error("guard bug");
    });
    try {
      const guarded = guardFetch(fetch, options("strict"));
      await expect(guarded(`${intercom.origin}/tickets/1`, { method: "PUT", body: JSON.stringify(TICKET_213) })).rejects.toThrow("guard bug");
    } finally {
      bug.mockRestore();
    }
    expect(intercom.received).toHaveLength(0);
  });
});

describe("installGuard (node:http and global fetch, in process)", () => {
  it("upgrades a request written in chunks with http.request and one sent with http.get; other content types stream", async () => {
    const uninstall = installGuard(options("upgrade"));
    try {
      const send = (contentType: string, chunks: string[]) =>
        new Promise<void>((resolve, reject) => {
          const request = http.request(
            `${intercom.origin}/tickets/1`,
            { method: "PUT", headers: { "content-type": contentType, "intercom-version": "2.13" } },
            (response) => {
              response.resume();
              response.on("end", resolve);
            },
          );
          request.on("error", reject);
          for (const chunk of chunks.slice(0, -1)) request.write(chunk);
          request.end(chunks[chunks.length - 1]);
        });
      const text = JSON.stringify(TICKET_213);
      await send("application/json", [text.slice(0, 10), text.slice(10)]);
      await send("application/octet-stream", [text.slice(0, 10), text.slice(10)]);
      await new Promise<void>((resolve, reject) => {
        http
          .get(`${intercom.origin}/contacts`, { headers: { "Intercom-Version": "2.13" } }, (response) => response.resume().on("end", resolve))
          .on("error", reject);
      });
      expect(intercom.received.map((r) => [r.headers["intercom-version"], r.body])).toEqual([
        ["2.14", TICKET_214],
        ["2.13", text],
        ["2.14", ""],
      ]);
      expect(typeof (globalThis.fetch as unknown as Record<symbol, unknown>)[Symbol.for("intercom-migrate.runtime.original")]).toBe("function");
    } finally {
      uninstall();
    }
    expect((globalThis.fetch as unknown as Record<symbol, unknown>)[Symbol.for("intercom-migrate.runtime.original")]).toBeUndefined();
  });
});

// Issue 19, the language server under attack: the LSP lifecycle, versioned edits and stale code actions, malformed
// framing, oversized documents, hostile text, and a rule that throws (logged with its id, never silent).
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { ProtocolGate, frame } from "../src/frontends/lsp-gate.js";
import { BIN, ROOT } from "./support.js";

interface Message {
  id?: number | null;
  method?: string;
  params?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  result?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  error?: { code: number; message: string };
}

const LEGACY = `import { IntercomClient } from "intercom-client";\nconst client = new IntercomClient({ version: "2.13" });\nclient.tickets.update({ ticket_id: "1", assignment: { admin_id: "1", assignee_id: "2" } });\n`;
const URI = "file:///project/src/tickets.js";

/** The server as a child process, spoken to in raw bytes, so broken framing can be sent too. */
class RawClient {
  private buffer = Buffer.alloc(0);
  readonly received: Message[] = [];
  stderr = "";
  private readonly waiters: Array<{ match: (m: Message) => boolean; resolve: (m: Message) => void }> = [];
  readonly child: ChildProcessWithoutNullStreams;
  private nextId = 1;

  constructor(env: Record<string, string> = {}) {
    this.child = spawn(process.execPath, [BIN, "lsp", "--stdio"], { cwd: ROOT, env: { ...process.env, ...env } });
    this.child.stderr.on("data", (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.child.stdout.on("data", (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const end = this.buffer.indexOf("\r\n\r\n");
        if (end === -1) return;
        const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString())![1]);
        if (this.buffer.length < end + 4 + length) return;
        const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString()) as Message;
        this.buffer = this.buffer.subarray(end + 4 + length);
        if (message.method && message.id !== undefined) {
          this.write(frame({ id: message.id, result: null })); // server-to-client requests
          continue;
        }
        const waiter = this.waiters.findIndex((w) => w.match(message));
        if (waiter !== -1) this.waiters.splice(waiter, 1)[0].resolve(message);
        else this.received.push(message);
      }
    });
  }

  write(bytes: Buffer | string): void {
    this.child.stdin.write(bytes);
  }

  next(match: (m: Message) => boolean): Promise<Message> {
    const index = this.received.findIndex(match);
    if (index !== -1) return Promise.resolve(this.received.splice(index, 1)[0]);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  request(method: string, params: unknown): Promise<Message> {
    const id = this.nextId++;
    this.write(frame({ id, method, params }));
    return this.next((m) => m.id === id);
  }

  notify(method: string, params: unknown): void {
    this.write(frame({ method, params }));
  }

  diagnostics(uri: string): Promise<Message> {
    return this.next((m) => m.method === "textDocument/publishDiagnostics" && m.params.uri === uri);
  }

  async initialize(capabilities: object = {}): Promise<void> {
    const init = await this.request("initialize", { processId: process.pid, rootUri: null, capabilities });
    expect(init.result.capabilities.codeActionProvider).toBeTruthy();
    this.notify("initialized", {});
  }

  exited(): Promise<number | null> {
    return new Promise((resolve) => (this.child.exitCode !== null ? resolve(this.child.exitCode) : this.child.on("exit", (code) => resolve(code))));
  }
}

const clients: RawClient[] = [];
function start(env?: Record<string, string>): RawClient {
  const client = new RawClient(env);
  clients.push(client);
  return client;
}
afterEach(() => {
  for (const client of clients.splice(0)) client.child.kill();
});

describe("the LSP lifecycle", () => {
  it("answers nothing but an error before initialize, and drops notifications", async () => {
    const client = start();
    const early = await client.request("textDocument/codeAction", {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    });
    expect(early.error).toEqual({ code: -32002, message: "the server is not initialized: send initialize first" });
    client.notify("textDocument/didOpen", { textDocument: { uri: URI, languageId: "javascript", version: 1, text: LEGACY } });
    await client.initialize();
    // The early didOpen was dropped: the document is unknown, so no code action.
    const actions = await client.request("textDocument/codeAction", {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    });
    expect(actions.result).toEqual([]);
    expect(client.received.filter((m) => m.method === "textDocument/publishDiagnostics")).toEqual([]);
  });

  it("after shutdown, requests get an error; exit then ends the process with 0", async () => {
    const client = start();
    await client.initialize();
    expect((await client.request("shutdown", null)).error).toBeUndefined();
    const late = await client.request("textDocument/codeAction", {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    });
    expect(late.error).toEqual({ code: -32600, message: "the server is shut down: only exit is accepted" });
    const again = await client.request("initialize", { processId: null, rootUri: null, capabilities: {} });
    expect(again.error?.code).toBe(-32600);
    client.notify("exit", null);
    expect(await client.exited()).toBe(0);
  });
});

describe("versioned edits", () => {
  it("quick fixes carry the document version (TextDocumentEdit); a code action for an older version is not offered", async () => {
    const client = start();
    await client.initialize({ workspace: { workspaceEdit: { documentChanges: true } } });
    client.notify("textDocument/didOpen", { textDocument: { uri: URI, languageId: "javascript", version: 1, text: LEGACY } });
    const v1 = (await client.diagnostics(URI)).params.diagnostics;
    const assignment = v1.find((d: { code: string }) => d.code === "ticket-update-assignment");
    const fresh = await client.request("textDocument/codeAction", {
      textDocument: { uri: URI },
      range: assignment.range,
      context: { diagnostics: [assignment], only: ["quickfix"] },
    });
    const quickFix = fresh.result.find((a: { title: string }) => a.title === "Lift `assignment` to top-level `admin_id`/`assignee_id`");
    expect(quickFix.edit.documentChanges[0].textDocument).toEqual({ uri: URI, version: 1 });
    expect(quickFix.edit.changes).toBeUndefined();

    // The text moves on (a line added at the top): the version-1 diagnostic's offsets would now edit the wrong text.
    client.notify("textDocument/didChange", { textDocument: { uri: URI, version: 2 }, contentChanges: [{ text: `// moved\n${LEGACY}` }] });
    const stale = await client.request("textDocument/codeAction", {
      textDocument: { uri: URI },
      range: assignment.range,
      context: { diagnostics: [assignment], only: ["quickfix"] },
    });
    expect(stale.result).toEqual([]);
    // The version-2 diagnostics give version-2 edits.
    const v2 = (await client.diagnostics(URI)).params.diagnostics;
    const moved = v2.find((d: { code: string }) => d.code === "ticket-update-assignment");
    expect(moved.range.start.line).toBe(Number(assignment.range.start.line) + 1);
    const current = await client.request("textDocument/codeAction", {
      textDocument: { uri: URI },
      range: moved.range,
      context: { diagnostics: [moved], only: ["quickfix"] },
    });
    expect(current.result[0].edit.documentChanges[0].textDocument.version).toBe(2);
  });
});

describe("hostile input", () => {
  it("a malformed Content-Length is logged and skipped; the next message is served", async () => {
    const client = start();
    await client.initialize();
    client.write("Content-Length: abc\r\n\r\n{}");
    client.write("Content-Length: 99999999999999999999\r\n\r\n");
    client.notify("textDocument/didOpen", { textDocument: { uri: URI, languageId: "javascript", version: 1, text: LEGACY } });
    const published = await client.diagnostics(URI);
    expect(published.params.diagnostics.map((d: { code: string }) => d.code)).toEqual(["intercom-version-header", "ticket-update-assignment"]);
    expect(client.stderr).toContain('intercom-migrate lsp: a malformed Content-Length ("abc"); skipped to the next message');
    expect(client.stderr).toContain('intercom-migrate lsp: a malformed Content-Length ("99999999999999999999"); skipped to the next message');
  });

  it("a document over the size limit is not analysed, and says so", async () => {
    const client = start();
    await client.initialize();
    const big = LEGACY + `// ${"x".repeat(9 * 1024 * 1024)}\n`;
    client.notify("textDocument/didOpen", { textDocument: { uri: URI, languageId: "javascript", version: 1, text: big } });
    const published = await client.diagnostics(URI);
    expect(published.params.diagnostics).toEqual([
      expect.objectContaining({
        code: "not-analysed",
        severity: 2,
        message: "intercom-migrate did not analyse this document: 9.0 MB is over the 8.0 MB limit.",
      }),
    ]);
  });

  it("`messages:` followed by 1 MB of spaces does not freeze the server (200 KB took 107 s)", async () => {
    const client = start();
    await client.initialize();
    client.notify("textDocument/didOpen", {
      textDocument: { uri: URI, languageId: "javascript", version: 1, text: `const x = { messages:${" ".repeat(1024 * 1024)}};\nconst to = 1;\n` },
    });
    // Answered in milliseconds; the quadratic prefilter would take most of an hour. The test's timeout is the ceiling.
    expect((await client.diagnostics(URI)).params.diagnostics).toEqual([]);
  }, 20_000);

  it("a rule that throws is logged with its id and the file, and shown on the document", async () => {
    const client = start({ INTERCOM_MIGRATE_TEST_FAULTS: "rule:ticket-update-assignment" });
    await client.initialize();
    client.notify("textDocument/didOpen", { textDocument: { uri: URI, languageId: "javascript", version: 1, text: LEGACY } });
    const published = await client.diagnostics(URI);
    expect(published.params.diagnostics[0]).toMatchObject({
      code: "internal-error",
      message: expect.stringContaining("internal error in rule ticket-update-assignment"),
    });
    const logged = await client.next((m) => m.method === "window/logMessage" && /internal error in rule ticket-update-assignment/.test(m.params.message));
    expect(logged.params).toMatchObject({ type: 1, message: expect.stringContaining("/project/src/tickets.js") });
  });
});

describe("the protocol gate (unit)", () => {
  const gate = () => {
    const logged: string[] = [];
    const sent: string[] = [];
    const forwarded: string[] = [];
    const instance = new ProtocolGate({ maxMessageBytes: 1000, log: (m) => logged.push(m), send: (f) => sent.push(f.toString()) });
    instance.toServer.on("data", (chunk: Buffer) => forwarded.push(chunk.toString()));
    return { instance, logged, sent, forwarded };
  };

  it("drops an oversized message without buffering it, then goes on", async () => {
    const { instance, logged, forwarded } = gate();
    instance.push(frame({ id: 1, method: "initialize", params: {} }));
    instance.push(Buffer.from(`Content-Length: 5000\r\n\r\n${"x".repeat(2000)}`));
    instance.push(Buffer.from("x".repeat(3000)));
    instance.push(frame({ method: "initialized", params: {} }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(logged).toEqual(["intercom-migrate lsp: a message of 5000 bytes is over the 0 MB limit; skipped it"]);
    expect(forwarded.map((f) => JSON.parse(f.slice(f.indexOf("\r\n\r\n") + 4)).method)).toEqual(["initialize", "initialized"]);
  });

  it("resynchronises on the next Content-Length after garbage split across chunks", async () => {
    const { instance, forwarded } = gate();
    instance.push(frame({ id: 1, method: "initialize", params: {} }));
    instance.push(Buffer.from("Content-Type: x\r\n\r\nnoise noise Content-Len"));
    const next = frame({ method: "initialized", params: {} });
    instance.push(next.subarray(11)); // "gth: …"
    await new Promise((resolve) => setImmediate(resolve));
    expect(forwarded).toHaveLength(2);
  });
});

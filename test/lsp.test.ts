// The language server as a child process, spoken to in JSON-RPC: diagnostics, quick fixes, fix-all, close.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, ROOT } from "./support.js";

interface Message {
  id?: number;
  method?: string;
  params?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  result?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A minimal LSP client: Content-Length framing, requests by id, notifications by method. */
class LspClient {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (result: unknown) => void>();
  private readonly waiters: Array<{ match: (m: Message) => boolean; resolve: (m: Message) => void }> = [];
  readonly notifications: Message[] = [];

  constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on("data", (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const headerEnd = this.buffer.indexOf("\r\n\r\n");
        if (headerEnd === -1) return;
        const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())![1]);
        if (this.buffer.length < headerEnd + 4 + length) return;
        const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString()) as Message;
        this.buffer = this.buffer.subarray(headerEnd + 4 + length);
        this.dispatch(message);
      }
    });
  }

  private dispatch(message: Message): void {
    if (message.id !== undefined && !message.method) {
      this.pending.get(message.id)?.(message.result);
      this.pending.delete(message.id);
      return;
    }
    if (message.method && message.id !== undefined) {
      this.send({ id: message.id, result: null }); // answer server-to-client requests (e.g. workspace/configuration)
      return;
    }
    const waiter = this.waiters.findIndex((w) => w.match(message));
    if (waiter !== -1) this.waiters.splice(waiter, 1)[0].resolve(message);
    else this.notifications.push(message);
  }

  private send(message: object): void {
    const body = JSON.stringify({ jsonrpc: "2.0", ...message });
    this.child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  request<T = any>(method: string, params: unknown): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve as (r: unknown) => void);
      this.send({ id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  /** The next diagnostics published for a document. */
  diagnostics(uri: string): Promise<Message> {
    const index = this.notifications.findIndex((m) => m.method === "textDocument/publishDiagnostics" && m.params.uri === uri);
    if (index !== -1) return Promise.resolve(this.notifications.splice(index, 1)[0]);
    return new Promise((resolve) => this.waiters.push({ match: (m) => m.method === "textDocument/publishDiagnostics" && m.params.uri === uri, resolve }));
  }
}

/** Apply LSP text edits (non-overlapping) to a text. */
function applyLspEdits(text: string, edits: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>): string {
  const lines: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") lines.push(i + 1);
  const offset = (p: { line: number; character: number }) => lines[p.line] + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  return result;
}

const languageOf = (file: string) => (/\.[cm]?tsx?$/.test(file) ? (file.endsWith("x") ? "typescriptreact" : "typescript") : "javascript");

let child: ChildProcessWithoutNullStreams;
let client: LspClient;

beforeAll(async () => {
  child = spawn(process.execPath, [BIN, "lsp", "--stdio"], { cwd: ROOT });
  client = new LspClient(child);
  const init = await client.request("initialize", { processId: process.pid, rootUri: pathToFileURL(ROOT).href, capabilities: {} });
  expect(init.capabilities.codeActionProvider).toBeTruthy();
  client.notify("initialized", {});
});

afterAll(() => {
  child.kill();
});

describe("intercom-migrate lsp", () => {
  it("publishes diagnostics on open, offers quick fixes, and clears them once applied", async () => {
    const uri = "file:///project/src/tickets.js";
    const text = `import { IntercomClient } from "intercom-client";\nconst client = new IntercomClient({ version: "2.13" });\nclient.tickets.update({ ticket_id: "1", assignment: { admin_id: "1", assignee_id: 2 } });\n`;
    client.notify("textDocument/didOpen", { textDocument: { uri, languageId: "javascript", version: 1, text } });
    const published = await client.diagnostics(uri);
    const diagnostics = published.params.diagnostics;
    expect(diagnostics.map((d: { code: string; range: { start: object } }) => [d.code, d.range.start])).toEqual([
      ["intercom-version-header", { line: 1, character: 45 }],
      ["ticket-update-assignment", { line: 2, character: 40 }],
    ]);
    expect(diagnostics[1]).toMatchObject({ severity: 1, source: "intercom-migrate", codeDescription: { href: expect.stringMatching(/rules\/ticket-update-assignment\.md$/) } });

    const actions = await client.request("textDocument/codeAction", {
      textDocument: { uri },
      range: diagnostics[1].range,
      context: { diagnostics: [diagnostics[1]] },
    });
    const quickFix = actions.find((a: { kind: string }) => a.kind === "quickfix");
    expect(quickFix.title).toBe("Fix: ticket-update-assignment (intercom-migrate)");
    const fixAll = actions.find((a: { kind: string }) => a.kind === "source.fixAll.intercom-migrate");
    const fixed = applyLspEdits(text, fixAll.edit.changes[uri]);
    expect(fixed).toBe(text.replace("2.13", "2.14").replace('assignment: { admin_id: "1", assignee_id: 2 }', 'admin_id: 1, assignee_id: "2"'));

    client.notify("textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    expect((await client.diagnostics(uri)).params.diagnostics).toEqual([]);

    client.notify("textDocument/didClose", { textDocument: { uri } });
    expect((await client.diagnostics(uri)).params.diagnostics).toEqual([]);
  });

  it("fix-all code actions turn every fixture into its .output", async () => {
    const fixtures = path.join(ROOT, "fixtures");
    let checked = 0;
    for (const rule of readdirSync(fixtures)) {
      if (rule === "type-aware" || rule.includes(".")) continue;
      for (const name of readdirSync(path.join(fixtures, rule))) {
        const match = /^(.*)\.input\.(\w+)$/.exec(name);
        if (!match || match[1].startsWith("no-change-")) continue;
        const outputPath = path.join(fixtures, rule, `${match[1]}.output.${match[2]}`);
        if (!existsSync(outputPath)) continue;
        // A case with its own settings (`<case>.config.json`) is not what the server's configuration gives.
        if (existsSync(path.join(fixtures, rule, `${match[1]}.config.json`))) continue;
        const file = path.join(fixtures, rule, name);
        const uri = pathToFileURL(file).href;
        const text = readFileSync(file, "utf8");
        client.notify("textDocument/didOpen", { textDocument: { uri, languageId: languageOf(name), version: 1, text } });
        await client.diagnostics(uri);
        const actions = await client.request("textDocument/codeAction", {
          textDocument: { uri },
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          context: { diagnostics: [], only: ["source.fixAll"] },
        });
        expect(actions, name).toHaveLength(1);
        expect(applyLspEdits(text, actions[0].edit.changes[uri]), name).toBe(readFileSync(outputPath, "utf8"));
        client.notify("textDocument/didClose", { textDocument: { uri } });
        await client.diagnostics(uri);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });
});

// A minimal language-server client for tests: Content-Length framing over a child process, requests by id, diagnostics by uri.
import type { ChildProcessWithoutNullStreams } from "node:child_process";

interface Message {
  id?: number;
  method?: string;
  params?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  result?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A minimal LSP client: Content-Length framing, requests by id, notifications by method. */
export class LspClient {
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

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read JSON-RPC results as they come
  request<T = any>(method: string, params: unknown): Promise<T> {
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
export function applyLspEdits(
  text: string,
  edits: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>,
): string {
  const lines: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") lines.push(i + 1);
  const offset = (p: { line: number; character: number }) => lines[p.line] + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  return result;
}

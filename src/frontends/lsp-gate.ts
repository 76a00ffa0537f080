// The language server's front door: message framing checked (a malformed Content-Length is logged and skipped, an
// oversized message dropped without buffering it) and the LSP lifecycle kept (nothing answered before `initialize`,
// only `exit` after `shutdown`), before the protocol library sees a message. Outgoing frames leave whole.
import { PassThrough } from "node:stream";

/** JSON-RPC / LSP error codes the gate answers with. */
const SERVER_NOT_INITIALIZED = -32002;
const INVALID_REQUEST = -32600;
const PARSE_ERROR = -32700;
/** A header block longer than this is not a header: the stream is resynchronised. */
const MAX_HEADER_BYTES = 8 * 1024;
const SEPARATOR = Buffer.from("\r\n\r\n");
const CONTENT_LENGTH = Buffer.from("content-length:");

export interface GateOptions {
  /** Messages larger than this are skipped (logged, never buffered). */
  maxMessageBytes: number;
  /** Where protocol problems are logged (stderr: the client's output channel for the server). */
  log: (message: string) => void;
  /** Write one whole frame to the client. */
  send: (frame: Buffer) => void;
}

type Lifecycle = "new" | "running" | "shut down";

interface Message {
  id?: number | string | null;
  method?: string;
}

export function frame(message: object): Buffer {
  const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, "ascii"), body]);
}

/** Index of "content-length:" in the buffer at or after `from`, in any letter case, scanning forward once. */
function findContentLength(buffer: Buffer, from: number): number {
  for (let at = buffer.indexOf(0x3a, from); at !== -1; at = buffer.indexOf(0x3a, at + 1)) {
    // A colon: is it the end of "content-length"?
    const start = at - (CONTENT_LENGTH.length - 1);
    if (start < from) continue;
    let matches = true;
    for (let i = 0; i < CONTENT_LENGTH.length - 1 && matches; i++) {
      const expected = CONTENT_LENGTH[i];
      const found = buffer[start + i];
      matches = found === expected || (expected >= 0x61 && expected <= 0x7a && found === expected - 0x20);
    }
    if (matches) return start;
  }
  return -1;
}

export class ProtocolGate {
  /** Well-formed frames of the messages the server may see, for the protocol library to read. */
  readonly toServer = new PassThrough();
  /** Bytes not yet understood: a header being read (small), or the start of a body. */
  private buffer: Buffer = Buffer.alloc(0);
  /** A body being received: its chunks are kept apart and joined once, so a large message costs linear time. */
  private body: { length: number; chunks: Buffer[]; received: number } | undefined;
  /** Bytes of an oversized message still to drop. */
  private skipping = 0;
  /** After a malformed header: bytes are dropped up to the next "Content-Length:". */
  private resyncing = false;
  private state: Lifecycle = "new";

  constructor(private readonly options: GateOptions) {}

  /** Feed bytes from the client. */
  push(chunk: Buffer): void {
    if (this.body) {
      this.body.chunks.push(chunk);
      this.body.received += chunk.length;
      if (this.body.received < this.body.length) return;
      const whole = Buffer.concat(this.body.chunks, this.body.received);
      const length = this.body.length;
      this.body = undefined;
      this.receive(whole.subarray(0, length));
      chunk = whole.subarray(length);
    }
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    let at = 0; // everything before `at` is consumed: the buffer is cut once per push, not once per message
    for (;;) {
      if (this.skipping > 0) {
        const dropped = Math.min(this.skipping, this.buffer.length - at);
        this.skipping -= dropped;
        at += dropped;
        if (this.skipping > 0) break;
      }
      if (this.resyncing) {
        const next = findContentLength(this.buffer, at);
        if (next === -1) {
          // Keep a tail that may hold the beginning of the next header.
          at = Math.max(at, this.buffer.length - CONTENT_LENGTH.length);
          break;
        }
        at = next;
        this.resyncing = false;
      }
      const headerEnd = this.buffer.indexOf(SEPARATOR, at);
      if (headerEnd === -1) {
        if (this.buffer.length - at > MAX_HEADER_BYTES) {
          this.resynchronise("a message header longer than 8 KB");
          at += 1;
          continue;
        }
        break;
      }
      const length = this.contentLength(this.buffer.subarray(at, headerEnd).toString("ascii"));
      const start = headerEnd + SEPARATOR.length;
      if (typeof length === "string") {
        this.resynchronise(length);
        at = start;
        continue;
      }
      if (length > this.options.maxMessageBytes) {
        this.options.log(
          `intercom-migrate lsp: a message of ${length} bytes is over the ${Math.round(this.options.maxMessageBytes / 1048576)} MB limit; skipped it`,
        );
        at = start;
        this.skipping = length;
        continue;
      }
      if (this.buffer.length - start < length) {
        // The rest of this body arrives in later chunks.
        this.body = { length, chunks: [this.buffer.subarray(start)], received: this.buffer.length - start };
        this.buffer = Buffer.alloc(0);
        return;
      }
      this.receive(this.buffer.subarray(start, start + length));
      at = start + length;
    }
    this.buffer = this.buffer.subarray(at);
  }

  /** The stream ended: the server sees the end too. */
  end(): void {
    this.toServer.end();
  }

  /** The Content-Length of a header block, or what is wrong with it. */
  private contentLength(header: string): number | string {
    const lines = header.split("\r\n");
    const field = lines.find((line) => /^content-length\s*:/i.test(line));
    if (!field) return `a message header without Content-Length (${JSON.stringify(header.slice(0, 80))})`;
    const value = field.slice(field.indexOf(":") + 1).trim();
    if (!/^\d{1,15}$/.test(value)) return `a malformed Content-Length (${JSON.stringify(value.slice(0, 40))})`;
    return Number(value);
  }

  /** Log the problem; bytes are then dropped up to the next "Content-Length:". */
  private resynchronise(problem: string): void {
    this.options.log(`intercom-migrate lsp: ${problem}; skipped to the next message`);
    this.resyncing = true;
  }

  private receive(body: Buffer): void {
    let message: Message;
    try {
      message = JSON.parse(body.toString("utf8")) as Message;
    } catch (error) {
      this.options.log(`intercom-migrate lsp: a message that is not JSON (${(error as Error).message}); skipped it`);
      this.options.send(frame({ id: null, error: { code: PARSE_ERROR, message: "Parse error: the message is not JSON" } }));
      return;
    }
    const isRequest = typeof message.method === "string" && message.id !== undefined && message.id !== null;
    const method = message.method;
    const refuse = (code: number, text: string) => {
      this.options.log(`intercom-migrate lsp: ${text} (${method ?? "?"})`);
      if (isRequest) this.options.send(frame({ id: message.id, error: { code, message: text } }));
    };
    if (method === "exit") return this.forward(body);
    if (this.state === "new") {
      if (method !== "initialize") return refuse(SERVER_NOT_INITIALIZED, "the server is not initialized: send initialize first");
      this.state = "running";
      return this.forward(body);
    }
    if (this.state === "shut down" && method !== undefined) return refuse(INVALID_REQUEST, "the server is shut down: only exit is accepted");
    if (method === "initialize") return refuse(INVALID_REQUEST, "the server is already initialized");
    if (method === "shutdown") this.state = "shut down";
    this.forward(body);
  }

  private forward(body: Buffer): void {
    this.toServer.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, "ascii"), body]));
  }
}

/**
 * Frames from the protocol library, passed on to the client only once whole (the library writes a header and its
 * body in two writes; the gate's own answers must not land between them).
 */
export class WholeFrames {
  readonly fromServer = new PassThrough();
  private buffer: Buffer = Buffer.alloc(0);

  constructor(send: (frame: Buffer) => void) {
    this.fromServer.on("data", (chunk: Buffer) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const headerEnd = this.buffer.indexOf(SEPARATOR);
        if (headerEnd === -1) return;
        const match = /content-length\s*:\s*(\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString("ascii"));
        const end = headerEnd + SEPARATOR.length + Number(match?.[1] ?? 0);
        if (this.buffer.length < end) return;
        send(this.buffer.subarray(0, end));
        this.buffer = this.buffer.subarray(end);
      }
    });
  }
}

// Test helpers for the runtime guard: a real HTTP server on 127.0.0.1 (ephemeral port) that records what it receives,
// a temp project whose node_modules links this package and the clients, and the built package (dist/) when needed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, symlinkSync } from "node:fs";
import http, { type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { project, ROOT } from "./support.js";

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RecordingServer {
  origin: string;
  received: Received[];
  close(): Promise<void>;
}

/** A server that answers every request with a small JSON object and keeps what it got. */
export async function recordingServer(): Promise<RecordingServer> {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ type: "ticket", id: "1" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The built package (the `exports` point into dist/): built once when a test needs it and it is missing. */
export function ensureBuilt(): void {
  if (existsSync(path.join(ROOT, "dist", "src", "runtime", "register.cjs"))) return;
  const build = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`build failed: ${build.stdout}${build.stderr}`);
}

/** A temp project whose node_modules links intercom-migrate (this checkout) and the named packages of this checkout. */
export function linkedProject(files: Record<string, string>, packages: readonly string[] = []): string {
  const dir = project(files);
  mkdirSync(path.join(dir, "node_modules"), { recursive: true });
  symlinkSync(ROOT, path.join(dir, "node_modules", "intercom-migrate"), "dir");
  for (const name of packages) symlinkSync(path.join(ROOT, "node_modules", name), path.join(dir, "node_modules", name), "dir");
  return dir;
}

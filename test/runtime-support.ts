// Test helpers for the runtime guard: a real HTTP server on 127.0.0.1 (ephemeral port) that records what it receives,
// a temp project whose node_modules links this package and the clients, and the built package (dist/) when needed.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, symlinkSync } from "node:fs";
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

/** tsc's per-module runtime files: not shipped (package.json `files`), users load the bundle in dist/runtime/. */
const TSC_RUNTIME_MODULE = /[\\/]dist[\\/]src[\\/]runtime[\\/][^\\/]+\.cjs$/;

/** The built package (the `exports` point into dist/): built once when a test needs it and it is missing. */
export function ensureBuilt(): void {
  if (existsSync(path.join(ROOT, "dist", "runtime", "register.cjs"))) return;
  const build = spawnSync("npm", ["run", "build"], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`build failed: ${build.stdout}${build.stderr}`);
}

/**
 * A temp project with intercom-migrate installed as a user gets the runtime (package.json, the built runtime and the
 * API index copied into node_modules), and links to the named packages of this checkout (test runners, clients).
 */
export function installedProject(files: Record<string, string>, packages: readonly string[] = []): string {
  ensureBuilt();
  const dir = project(files);
  const installed = path.join(dir, "node_modules", "intercom-migrate");
  for (const part of ["package.json", "dist/runtime", "dist/src/runtime", "src/data/openapi-2.14-index.json"])
    cpSync(path.join(ROOT, part), path.join(installed, part), { recursive: true, filter: (source) => !TSC_RUNTIME_MODULE.test(source) });
  for (const name of packages) {
    mkdirSync(path.dirname(path.join(dir, "node_modules", name)), { recursive: true });
    symlinkSync(path.join(ROOT, "node_modules", name), path.join(dir, "node_modules", name), "dir");
  }
  return dir;
}

export interface ProcessRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run a command without blocking this process (the recording servers live here), killed after a minute. */
export function runAsync(command: string, args: readonly string[], options: { cwd: string; env?: Record<string, string> }): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    // The test runner's own variables would make a nested runner think it is one of its workers.
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith("VITEST") && !name.startsWith("INTERCOM_MIGRATE_RUNTIME")),
    );
    const child = spawn(command, args, { cwd: options.cwd, env: { ...inherited, NO_COLOR: "1", ...options.env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

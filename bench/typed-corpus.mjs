// Builds a generated TypeScript project with a tsconfig for type-aware mode's benchmark: ~2,000 modules importing each
// other (domain types, repositories, services, handlers), and a few that send 2.13 shapes through intercom-client 7.x,
// fetch or axios — some of which only the type checker can recognise (a client from a generic container, a client
// inside an injected dependencies object, payloads typed as the SDK's request type in another module).
// Usage: node bench/typed-corpus.mjs <out> [files]
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Modules per feature folder. */
const PER_FEATURE = 40;
/** One module in this many talks to Intercom (or mentions tickets and assignments without doing so). */
const INTERCOM_EVERY = 50;

const TSCONFIG = {
  compilerOptions: { target: "ES2022", module: "ESNext", moduleResolution: "Bundler", strict: true, noEmit: true, skipLibCheck: true },
  include: ["src"],
};

/** The shared layer every feature imports: database, logger, the service container, the app's dependencies. */
const SHARED = {
  "src/lib/db.ts": `// The database handle the repositories share.
export interface Row { [column: string]: unknown }
export interface Db { query(sql: string, params: unknown[]): Promise<Row | undefined>; all(sql: string, params: unknown[]): Promise<Row[]> }
export const db: Db = {
  async query() { return undefined; },
  async all() { return []; },
};
`,
  "src/lib/logger.ts": `// Structured logging.
export type Level = "debug" | "info" | "warn" | "error";
export const logger = {
  log(level: Level, fields: Record<string, unknown>, message: string): void { if (level !== "debug") console.log(level, message, fields); },
  info(fields: Record<string, unknown>, message: string) { this.log("info", fields, message); },
  warn(fields: Record<string, unknown>, message: string) { this.log("warn", fields, message); },
};
`,
  "src/lib/container.ts": `// A small service container: what it holds is typed only through the generic.
const services = new Map<string, unknown>();
export function register(name: string, service: unknown): void { services.set(name, service); }
export function resolve<T>(name: string): T { return services.get(name) as T; }
`,
  "src/lib/deps.ts": `// What the request handlers are given: built once at start-up.
import type { IntercomClient } from "intercom-client";
import type { Db } from "./db";
export interface AppDeps { db: Db; support: { intercom: IntercomClient; inbox: string }; now(): Date }
`,
  "src/lib/intercom.ts": `// The one Intercom client, made at start-up and put in the container.
import { IntercomClient } from "intercom-client";
import { register } from "./container";
export function startIntercom(token: string): void {
  register("intercom", new IntercomClient({ token }));
}
`,
};

/** An ordinary feature module: a type, a repository function, a service using the modules it imports. */
function ordinary(i, imports) {
  const uses = imports.map(
    (j) => `import { summarize${j}, type Record${j} } from "${j < i - (i % PER_FEATURE) ? `../f${Math.floor(j / PER_FEATURE)}/` : "./"}m${j}";`,
  );
  const calls = imports.map((j) => `    parts.push(summarize${j}({ id: record.id, total: record.total, lines: [] } as Record${j}));`);
  return `// Feature module ${i}: records, loading and summaries.
import { db } from "../../lib/db";
import { logger } from "../../lib/logger";
${uses.join("\n")}

export interface Record${i} { id: string; total: number; lines: Array<{ sku: string; qty: number }>; owner?: string }

export async function load${i}(id: string): Promise<Record${i} | undefined> {
  const row = await db.query("select * from records_${i} where id = $1", [id]);
  if (!row) {
    logger.warn({ id }, "record ${i} not found");
    return undefined;
  }
  return { id: String(row.id), total: Number(row.total), lines: JSON.parse(String(row.lines)) };
}

export function summarize${i}(record: Record${i}): string {
  const count = record.lines.reduce((sum, line) => sum + line.qty, 0);
  const parts = [\`#${i} \${record.id}: \${count} lines, \${record.total.toFixed(2)}\`];
${calls.join("\n")}
  return parts.join("; ");
}

export class Cache${i} {
  private readonly entries = new Map<string, Record${i}>();
  get(id: string): Record${i} | undefined { return this.entries.get(id); }
  set(record: Record${i}): void { this.entries.set(record.id, record); if (this.entries.size > 1000) this.entries.clear(); }
}
`;
}

/**
 * The Intercom modules, in turn. The first three need the type checker (syntax alone does not see an Intercom request
 * there); the others are found either way, or are look-alikes that must not be flagged.
 */
const INTERCOM = [
  // A client from the generic container.
  (i) => `// Support escalation ${i}: the client comes from the service container.
import type { IntercomClient } from "intercom-client";
import { resolve } from "../../lib/container";

export async function escalate${i}(ticketId: string, adminId: string) {
  const intercom = resolve<IntercomClient>("intercom");
  await intercom.tickets.update({ ticket_id: ticketId, assignment: { admin_id: adminId, assignee_id: "${i}" } } as never);
}
`,
  // A client inside the dependencies object handlers are given.
  (i) => `// Support hand-over ${i}: the client rides in the handler's dependencies.
import type { AppDeps } from "../../lib/deps";

export async function handOver${i}(deps: AppDeps, ticketId: string) {
  const { support } = deps;
  await support.intercom.tickets.update({ ticket_id: ticketId, assignment: { admin_id: "${i}", assignee_id: support.inbox } } as never);
}
`,
  // A payload typed as the SDK's request type, sent from another module.
  (i) => `// Reassignment payloads ${i}, sent by the support queue.
import type { Intercom } from "intercom-client";

export function reassignment${i}(ticketId: string, adminId: number, teamId: string): Intercom.UpdateTicketRequest {
  return {
    ticket_id: ticketId,
    // @ts-expect-error the 2.13 shape
    assignment: { admin_id: String(adminId), assignee_id: teamId },
  };
}
`,
  // fetch with a literal URL (found without types too).
  (i) => `// Welcome messages ${i}.
export async function welcome${i}(userId: string): Promise<void> {
  await fetch("https://api.intercom.io/messages", {
    method: "POST",
    headers: { "Intercom-Version": "2.13", "Content-Type": "application/json" },
    body: JSON.stringify({ message_type: "inapp", body: "Welcome!", from: { type: "admin", id: "${i}" }, to: { type: "user", id: userId } }),
  });
}
`,
  // axios with a base URL (found without types too).
  (i) => `// Activity log sync ${i}.
import axios from "axios";
const api = axios.create({ baseURL: "https://api.intercom.io" });
export async function limitChanges${i}(): Promise<number[]> {
  const { data } = await api.get("/admins/activity_logs");
  return data.activity_logs
    .filter((log: { activity_type: string }) => log.activity_type === "admin_assignment_limit_change")
    .map((log: { metadata: { assignment_limit: number } }) => log.metadata.assignment_limit);
}
`,
  // A look-alike: the company's own ticketing, with assignments, never sent to Intercom.
  (i) => `// Internal helpdesk tickets ${i} (our own service, not Intercom).
export interface Ticket${i} { ticket_id: string; assignment: { admin_id: string; assignee_id: string } }
export function reassign${i}(ticket: Ticket${i}, adminId: string): Ticket${i} {
  return { ...ticket, assignment: { admin_id: adminId, assignee_id: ticket.assignment.assignee_id } };
}
`,
];

/** Writes the project to `out` (replacing it); `files` modules in all. Returns its size. */
export function buildTypedCorpus(out, files = 2000) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const stats = { files: 0, bytes: 0, intercom: 0 };
  const write = (relative, text) => {
    const file = path.join(out, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    if (/\.ts$/.test(relative)) {
      stats.files++;
      stats.bytes += text.length;
    }
  };
  write("package.json", JSON.stringify({ name: "typed-corpus", private: true, dependencies: { "intercom-client": "7.0.3", axios: "^1" } }, null, 2));
  write("tsconfig.json", JSON.stringify(TSCONFIG, null, 2));
  // The installed packages, as an install would place them (their types are what type-aware mode reads).
  for (const dependency of ["intercom-client", "axios"]) {
    mkdirSync(path.join(out, "node_modules"), { recursive: true });
    symlinkSync(path.join(ROOT, "node_modules", dependency), path.join(out, "node_modules", dependency), "dir");
  }
  for (const [relative, text] of Object.entries(SHARED)) write(relative, text);
  let sent = 0;
  for (let i = 0; stats.files < files; i++) {
    const feature = `src/features/f${Math.floor(i / PER_FEATURE)}`;
    if (i % INTERCOM_EVERY === INTERCOM_EVERY - 1) {
      const kind = stats.intercom % INTERCOM.length;
      write(`${feature}/m${i}.ts`, INTERCOM[kind](i));
      stats.intercom++;
      // The typed payloads are sent from a queue module elsewhere.
      if (kind === 2) {
        write(
          `src/queue/send-${i}.ts`,
          `// Sends reassignment ${i}.\nimport { IntercomClient } from "intercom-client";\nimport { reassignment${i} } from "../features/f${Math.floor(i / PER_FEATURE)}/m${i}";\n\nconst client = new IntercomClient({ token: "t" });\nexport async function send${i}(ticketId: string, adminId: number) {\n  await client.tickets.update(reassignment${i}(ticketId, adminId, "7"));\n}\n`,
        );
        sent++;
      }
      continue;
    }
    // Two to three earlier ordinary modules (the previous one, and one or two further back, sometimes in other features).
    const imports = [i - 1, i - 7, i - 53].filter((j) => j >= 0 && j % INTERCOM_EVERY !== INTERCOM_EVERY - 1).slice(0, 2 + (i % 2));
    write(`${feature}/m${i}.ts`, ordinary(i, imports));
  }
  stats.sent = sent;
  return stats;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? "/tmp/intercom-migrate-typed";
  console.log(JSON.stringify(buildTypedCorpus(out, Number(process.argv[3] ?? 2000))));
}

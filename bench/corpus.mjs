// Builds the benchmark corpora in a temp folder: the JS/TS files of our own node_modules (real code nobody here
// wrote), and a generated monorepo where 1 file in 200 holds a 2.13 shape. Usage: node bench/corpus.mjs <out> [scale]
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SOURCE = /\.(m|c)?(j|t)sx?$/;
// Names every tool skips or treats specially (dependency and build folders, bundles, declaration files) are
// renamed, so the floor, intercom-migrate, jscodeshift and ESLint all read exactly the same files.
const SANITIZE = new Set(["node_modules", "dist", "build", "out", "coverage", "lib-cov", ".git", ".cache", "vendor", "bower_components"]);
const safeName = (name) =>
  SANITIZE.has(name) || name.startsWith(".") ? `_${name.replace(/^\./, "")}` : name.replace(/\.min\./, "_min.").replace(/\.d\.([cm]?ts)$/, "_d.$1");

function copyTree(from, to, stats) {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) copyTree(source, path.join(to, safeName(entry.name)), stats);
    else if (entry.isFile() && SOURCE.test(entry.name) && statSync(source).size < 4_000_000) {
      mkdirSync(to, { recursive: true });
      copyFileSync(source, path.join(to, safeName(entry.name)));
      stats.files++;
      stats.bytes += statSync(source).size;
    }
  }
}

const LEGACY = [
  (i) =>
    `import { IntercomClient } from "intercom-client";\nconst client = new IntercomClient({ token: process.env.T, version: "2.13" });\nexport async function assign${i}(id, admin) {\n  return client.tickets.update({ ticket_id: id, assignment: { admin_id: admin, assignee_id: ${i} } });\n}\n`,
  (i) =>
    `export function isLimitChange${i}(log) {\n  return log.activity_type === "admin_assignment_limit_change" && log.metadata?.assignment_limit > ${i};\n}\n`,
  (i) =>
    `const axios = require("axios");\nmodule.exports.notify${i} = (user) => axios.post("https://api.intercom.io/messages", { message_type: "inapp", body: "hi", to: { type: "user", id: user.id } });\n`,
];

/** Ordinary application code: services, components, utilities (no Intercom in it); three variants per file. */
function ordinary(i) {
  return ["a", "b", "c"].map((variant) => ordinaryPart(`${i}${variant}`)).join("");
}

/** The same, without type annotations (for the legacy JavaScript files). */
function ordinaryJs(i) {
  return ["a", "b", "c"]
    .map(
      (variant) => `
export async function loadOrder${i}${variant}(db, id) {
  const row = await db.query("select * from orders where id = $1", [id]);
  if (!row) return undefined;
  return { id: row.id, total: Number(row.total), items: JSON.parse(row.items) };
}

export function summarize${i}${variant}(order) {
  const count = order.items.reduce((sum, item) => sum + item.qty, 0);
  return \`Order \${order.id}: \${count} items\`;
}
`,
    )
    .join("");
}

function ordinaryPart(i) {
  return `// Module ${i}: order handling.
import { db } from "../db";
import { logger } from "../logger";

export interface Order${i} { id: string; total: number; items: Array<{ sku: string; qty: number }>; to?: string }

export async function loadOrder${i}(id: string): Promise<Order${i} | undefined> {
  const row = await db.query("select * from orders where id = $1", [id]);
  if (!row) {
    logger.warn({ id }, "order not found");
    return undefined;
  }
  return { id: row.id, total: Number(row.total), items: JSON.parse(row.items) };
}

export function summarize${i}(order: Order${i}): string {
  const count = order.items.reduce((sum, item) => sum + item.qty, 0);
  const lines = order.items.map((item) => \`\${item.sku} x\${item.qty}\`);
  return [\`Order \${order.id}: \${count} items, \${order.total.toFixed(2)}\`, ...lines].join("\\n");
}

export class OrderCache${i} {
  private readonly entries = new Map<string, Order${i}>();
  get(id: string) { return this.entries.get(id); }
  set(order: Order${i}) { this.entries.set(order.id, order); if (this.entries.size > 1000) this.entries.clear(); }
}
`;
}

export function buildCorpora(out, scale = 1) {
  rmSync(out, { recursive: true, force: true });
  const nmStats = { files: 0, bytes: 0 };
  for (let copy = 0; copy < scale; copy++) copyTree(path.join(ROOT, "node_modules"), path.join(out, "node-modules-corpus", `copy${copy}`), nmStats);
  const mono = { files: 0, bytes: 0, legacy: 0 };
  const total = 5000 * scale;
  for (let i = 0; i < total; i++) {
    const dir = path.join(out, "monorepo", "packages", `pkg-${Math.floor(i / 50)}`, "src");
    mkdirSync(dir, { recursive: true });
    const legacy = i % 200 === 0;
    // The legacy files: CommonJS, ESM JavaScript, and TypeScript (so type-aware mode has typed files to answer for).
    const kind = (i / 200) % LEGACY.length;
    const ext = !legacy ? "ts" : kind === 2 ? "cjs" : kind === 1 ? "ts" : "js";
    const text = !legacy ? ordinary(i) : LEGACY[kind](i) + (ext === "ts" ? ordinary(i).replace(/^import.*$/gm, "") : kind === 2 ? "" : ordinaryJs(i));
    writeFileSync(path.join(dir, `module-${i}.${ext}`), text);
    mono.files++;
    mono.bytes += text.length;
    if (legacy) mono.legacy++;
  }
  return { nodeModules: nmStats, monorepo: mono };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? "/tmp/intercom-migrate-bench";
  console.log(JSON.stringify(buildCorpora(out, Number(process.argv[3] ?? 1))));
}

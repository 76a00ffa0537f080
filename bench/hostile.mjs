// `npm run bench:hostile`: every adversarial input from issue 19, timed (median of 3 after a warm-up); each must take
// under 1 s. Runs the built code in dist/ (`npm run build` first); writes bench/HOSTILE.md. Exit 1 if one is over.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const load = (module) => import(pathToFileURL(path.join(ROOT, "dist", module)).href);
const BUDGET_MS = 1000;
const MB = 1024 * 1024;

const { Engine } = await load("src/core/engine.js");
const { RULES } = await load("rules/index.js");
const { selectFixes } = await load("src/core/edits.js");
const { commentsIn } = await load("src/core/syntax.js");
const { joinUrl } = await load("src/core/values.js");
const { parseJsonc } = await load("src/core/jsonc.js");
const { formatMarkdownReport } = await load("src/formats/markdown-report.js");
const { annotationEdits } = await load("src/run/annotate.js");
const { processFile } = await load("src/run/process-file.js");
const { looksMinified } = await load("src/workspace/files.js");
const { tsconfigChain } = await load("src/workspace/tsconfig.js");
const { ProtocolGate } = await load("src/frontends/lsp-gate.js");

const work = mkdtempSync(path.join(os.tmpdir(), "intercom-migrate-hostile-"));
const engine = () => new Engine({ rules: RULES });
const PIN = `import { IntercomClient } from "intercom-client";\nconst client = new IntercomClient({ version: "2.13" });\n`;
const TICKET = `client.tickets.update({ ticket_id: "1", assignment: { admin_id: "1", assignee_id: "2" } });\n`;

/** Each case: what it is, and the work a front-end would do on it (fresh state each run). */
const cases = [
  [
    "`messages:` then 1 MB of spaces (message-recipients prefilter)",
    () => engine().analyze(`const x = { messages:${" ".repeat(MB)}};\nconst to = 1;\n`, "a.js"),
  ],
  [
    "130k statements (390 KB) before a 2.13 shape (push(...spread))",
    () => {
      const analysis = engine().analyze("a;b;\n".repeat(65_000) + PIN + TICKET, "a.js");
      if (!analysis.findings.some((f) => f.ruleId === "ticket-update-assignment")) throw new Error("finding lost");
    },
  ],
  ["f(f(…)) 10k deep, one line (scope lookups, large-stack parse)", () => engine().analyze(`${PIN}${"f(".repeat(10_000)}x${")".repeat(10_000)};\n`, "a.js")],
  ["400k-deep brackets (refused before parsing)", () => engine().analyze(`client.tickets.update(${"[\n".repeat(400_000)}${"]\n".repeat(400_000)});\n`, "a.js")],
  [
    "a request to a 1 MB unknown path (request-schema's 'did you mean')",
    () => engine().analyze(`await fetch("https://api.intercom.io/${"a".repeat(MB)}", { method: "POST", body: JSON.stringify({ a: 1 }) });\n`, "a.js"),
  ],
  ["a base URL ending in 1 MB of slashes and a character", () => joinUrl(`https://api.intercom.io${"/".repeat(MB)}x`, "tickets")],
  [
    "a 1 MB property name of blanks in the Markdown report",
    () => {
      const finding = {
        ruleId: "request-schema",
        severity: "warning",
        message: `unknown property \`a${" ".repeat(MB)}b\``,
        start: 0,
        end: 1,
        loc: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } },
      };
      formatMarkdownReport([{ filePath: "/p/a.js", findings: [finding], applied: [], written: false }], RULES, "/p", false);
    },
  ],
  [
    "--annotate on 10k leftovers, one a line, in a 650 KB file (was a scan of the text before each)",
    () => {
      const line = (i) => `export const value${String(i).padStart(5, "0")} = compute(\`${"x".repeat(20)}\`, ${i});\n`;
      const text = Array.from({ length: 10_000 }, (_, i) => line(i)).join("");
      const leftovers = Array.from({ length: 10_000 }, (_, i) => ({
        ruleId: "r",
        severity: "warning",
        message: "m\n  n",
        start: i * line(0).length + 40,
        end: i * line(0).length + 41,
        loc: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
      }));
      annotationEdits(text, "a.js", leftovers);
    },
  ],
  ["1 MB of unclosed `/*` between tokens", () => commentsIn("/* ".repeat(MB / 3))],
  [
    "a tsconfig of 1 MB of unclosed `/*` and of `,]`",
    () => {
      try {
        parseJsonc(`{ "a": 1 ${"/* ".repeat(MB / 3)}`);
      } catch {
        // a syntax error, said quickly
      }
      parseJsonc(`[${"[],".repeat(MB / 3)}]`);
    },
  ],
  [
    "choosing 100k fixes in one file",
    () => {
      const findings = Array.from({ length: 100_000 }, (_, i) => ({
        ruleId: "r",
        severity: "error",
        message: "",
        start: i * 10,
        end: i * 10 + 5,
        loc: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
        edits: [{ start: i * 10, end: i * 10 + 5, text: "x" }],
      }));
      selectFixes(findings.reverse());
    },
  ],
  [
    "every rule's prefilter, each needle then 1 MB of the worst filler",
    () => {
      const gate = engine();
      for (const needle of ["messages", "ssignment", "ntercom", "admin_id", "published_at", "assignee_id", "/tickets", "intercom-migrate-disable"]) {
        for (const filler of [" ", "\t", "\n", "/*", "{", '"', "(", "/"]) {
          const text = `${needle}:${filler.repeat(MB / 4)}`;
          gate.rulesForBytes(Buffer.from(text));
          for (const rule of RULES) rule.mayMatch(text);
        }
      }
    },
    "64 inputs of 0.25–0.5 MB",
  ],
  ["a suppression comment with 1 MB of blanks", () => engine().analyze(`${PIN}/* ${" ".repeat(MB)} intercom-migrate-disable-line */\n`, "a.js")],
  [
    "a normal file under a 1 MB data: URI line (not 'minified')",
    () => {
      const text = `const logo = "data:image/png;base64,${"iVBORw0KGgoAAAANSUhEUg".repeat(MB / 22)}";\n${PIN}${TICKET}`;
      if (looksMinified(text)) throw new Error("taken for minified");
      engine().analyze(text, "a.js");
    },
  ],
  [
    "a 1 MB minified bundle that mentions a needle",
    () => looksMinified(`${"function a(b){return b&&b.c?(d(b),e(b.f)):g(h)};".repeat(MB / 50)}client.messages.create({to:x});`),
  ],
  [
    "a 64 MB file over --max-file-size, its needle at the end (chunked scan)",
    async () => {
      const report = await processFile(engine(), bigFile, { mode: "check", maxFileBytes: 8 * MB });
      if (report.skipped?.level !== "warning") throw new Error("needle not seen");
    },
  ],
  [
    "a tsconfig.json linked to /dev/zero",
    () => {
      if (!tsconfigChain(zeroTsconfig).problem) throw new Error("not refused");
    },
  ],
  [
    "the language server's gate: 1 MB of garbage, then 10k malformed headers",
    () => {
      const gate = new ProtocolGate({ maxMessageBytes: 32 * MB, log: () => undefined, send: () => undefined });
      gate.push(Buffer.from("x".repeat(MB)));
      gate.push(Buffer.from("Content-Length: abc\r\n\r\n".repeat(10_000)));
    },
  ],
];

const bigFile = path.join(work, "big.js");
writeFileSync(bigFile, Buffer.concat([Buffer.alloc(64 * MB, "x"), Buffer.from(`\n${TICKET}`)]));
const zeroTsconfig = path.join(work, "tsconfig.json");
if (process.platform !== "win32") spawnSync("ln", ["-s", "/dev/zero", zeroTsconfig]);

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const rows = [];
for (const [label, work, note] of cases) {
  if (label.includes("/dev/zero") && process.platform === "win32") continue;
  await work(); // warm-up: module loading, JIT
  const times = [];
  for (let i = 0; i < 3; i++) {
    const started = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const ms = median(times);
  rows.push({ label: note ? `${label} (${note})` : label, ms });
  process.stderr.write(`  ${ms.toFixed(1).padStart(8)} ms  ${label}\n`);
}

const over = rows.filter((row) => row.ms >= BUDGET_MS);
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "CPU"}, Node ${process.version}, load average ${os.loadavg()[0].toFixed(1)}`;
const table = [
  "# intercom-migrate: hostile inputs",
  "",
  `Each adversarial input of issue 19, timed in-process on the built code (median of 3 runs after a warm-up); the budget is ${BUDGET_MS} ms each. ${machine}.`,
  "",
  "| input | ms |",
  "|---|---:|",
  ...rows.map((row) => `| ${row.label.replaceAll("|", "\\|")} | ${row.ms.toFixed(1)} |`),
  "",
  over.length === 0 ? `All ${rows.length} under ${BUDGET_MS} ms.` : `Over budget: ${over.map((row) => row.label).join("; ")}.`,
  "",
].join("\n");
writeFileSync(path.join(ROOT, "bench", "HOSTILE.md"), table);
process.stdout.write(table);
process.exitCode = over.length === 0 ? 0 : 1;
